import { useEffect, useState } from 'react';
import type { HistoryAnalytics, SeriesAnalytics } from '../../../shared/domain/patterns.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { isVenueId, VENUES } from '../../../shared/domain/venues.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { formatHours, formatPct } from '../../ui/format.ts';

const NOT_ENOUGH = 'not enough history';
const venueLabel = (venue: string) => (isVenueId(venue) ? VENUES[venue].label : venue);
const share = (v: number) => `${(v * 100).toFixed(0)} %`;

function MeanVolatility({ series, windowDays }: { series: readonly SeriesAnalytics[]; windowDays: number }) {
  return (
    <table aria-label={`${windowDays} day mean and volatility per venue`}>
      <thead>
        <tr><th scope="col">Venue</th><th scope="col">Mean {windowDays} d, % /8h</th><th scope="col">Volatility {windowDays} d, % /8h</th><th scope="col">n</th></tr>
      </thead>
      <tbody>
        {series.map((s) => (
          <tr key={`${s.venue}|${s.symbol}`}>
            <th scope="row">{venueLabel(s.venue)}</th>
            <td className="num">{formatPct(s.latest.mean)}</td>
            <td className="num">{s.latest.volatility === null ? NOT_ENOUGH : formatPct(s.latest.volatility)}</td>
            <td className="num">{s.latest.n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Persistence({ series }: { series: readonly SeriesAnalytics[] }) {
  const thresholds = series[0]?.persistence.map((p) => p.thresholdPer8h) ?? [];
  return (
    <table aria-label="Persistence: share of time at or above each rate, and the longest run">
      <thead>
        <tr>
          <th scope="col">Venue (n)</th>
          {thresholds.map((t) => <th scope="col" key={t}>≥ {formatPct(t, 2)} /8h: time · longest</th>)}
        </tr>
      </thead>
      <tbody>
        {series.map((s) => (
          <tr key={`${s.venue}|${s.symbol}`}>
            <th scope="row">{venueLabel(s.venue)} ({s.settlements})</th>
            {s.persistence.map((p) => <td className="num" key={p.thresholdPer8h}>{share(p.shareOfTime)} · {formatHours(p.longestRunHours)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SpreadHalfLife({ spread }: { spread: HistoryAnalytics['spread'] }) {
  const text = spread.halfLifeHours === null
    ? `${NOT_ENOUGH} (n ${spread.n} on the 8 h grid)`
    : `${formatHours(spread.halfLifeHours)} (AR(1) φ ${spread.phi?.toFixed(2) ?? '–'}, n ${spread.n} on the 8 h grid)`;
  return (
    <dl className="analytics-facts">
      <dt>Spread half-life</dt><dd>{text}</dd>
      <dt>Mean spread</dt><dd>{spread.meanSpreadPer8h === null ? NOT_ENOUGH : `${formatPct(spread.meanSpreadPer8h)} /8h`} over {spread.venues.length} venues</dd>
    </dl>
  );
}

function Correlation({ correlation }: { correlation: HistoryAnalytics['correlation'] }) {
  const [base, ...peers] = correlation.assets;
  if (peers.length === 0) return <p className="muted">Correlation: no peer with stored history.</p>;
  return (
    <table aria-label={`Correlation of ${base} funding with peers`}>
      <thead><tr><th scope="col">{base} vs</th><th scope="col">Pearson r, per-8 h funding</th><th scope="col">n</th></tr></thead>
      <tbody>
        {peers.map((peer, j) => {
          const r = correlation.matrix[0][j + 1];
          return (
            <tr key={peer}>
              <th scope="row">{peer}</th>
              <td className="num">{r === null ? NOT_ENOUGH : `${r >= 0 ? '+' : '−'}${Math.abs(r).toFixed(2)}`}</td>
              <td className="num">{correlation.pairs[0][j + 1]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The history analytics of a base (history.analytics), beside its chart: mean and volatility
 * per venue, persistence, the spread's half-life and the correlation with peers, each with its
 * unit and sample size. Recomputed when the stored history grows.
 */
export function AnalyticsPanel({ base, storedPoints }: { base: string; storedPoints: number }) {
  const bridge = useBridge();
  const [analytics, setAnalytics] = useState<HistoryAnalytics | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    bridge.invoke('history.analytics', { base }).then(
      (a) => { if (live) { setAnalytics(a); setError(null); } },
      (err: unknown) => { if (live) setError(`Analytics of ${base} could not be computed: ${errorMessage(err)}`); },
    );
    return () => { live = false; };
  }, [base, bridge, storedPoints]);

  return (
    <aside className="analytics" aria-label={`History analytics of ${base}`}>
      <h2>Analytics</h2>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {!analytics && !error ? <p className="muted" role="status">Computing…</p> : null}
      {analytics && analytics.series.length === 0 ? <p className="muted">Not enough history: no settlements of {base} stored yet.</p> : null}
      {analytics && analytics.series.length > 0 ? (
        <>
          <MeanVolatility series={analytics.series} windowDays={analytics.windowDays} />
          <h3>Persistence</h3>
          <Persistence series={analytics.series} />
          <SpreadHalfLife spread={analytics.spread} />
          <Correlation correlation={analytics.correlation} />
        </>
      ) : null}
    </aside>
  );
}
