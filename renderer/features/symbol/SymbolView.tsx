import { useMemo, useRef } from 'react';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { useClock } from '../../store/clockStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useSignals } from '../../store/signalsStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { Countdown } from '../fundingWindows/Countdown.tsx';
import { formatAge, formatUsd } from '../../ui/format.ts';
import { Rate } from '../../ui/Rate.tsx';
import { useQuotes } from '../../store/quotesStore.ts';
import { FundingChart } from './FundingChart.tsx';
import { AnalyticsPanel } from './AnalyticsPanel.tsx';
import { chartPlots, storedSeries } from './chartPlots.ts';
import { BACKFILL_DAYS, useSymbolHistory, type Backfill, type BackfillState } from './useSymbolHistory.ts';

function LegsTable({ base }: { base: string }) {
  const row = useSignals((s) => s.rows.get(base));
  const now = useClock((s) => s.now);
  const windowMinutes = (useSession((s) => s.settings) ?? DEFAULT_SETTINGS).windowMinutes;
  if (!row) return <p className="muted">No live legs for {base}.</p>;
  return (
    <table className="legs" aria-label={`Current legs of ${base}`}>
      <thead>
        <tr>
          <th scope="col">Venue</th><th scope="col">Symbol</th><th scope="col">Rate (per interval)</th><th scope="col">Interval</th>
          <th scope="col">Rate % /8h</th><th scope="col">APR</th><th scope="col">Next</th><th scope="col">Mark</th><th scope="col">Age</th>
        </tr>
      </thead>
      <tbody>
        {row.legs.map((leg) => (
          <tr key={`${leg.venue}|${leg.symbol}`} className={leg.stale ? 'stale' : ''}>
            <td>{VENUES[leg.venue].label}{leg.venue === row.longVenue ? ' (long)' : leg.venue === row.shortVenue ? ' (short)' : ''}</td>
            <td>{leg.symbol}</td>
            <td><Rate value={leg.rate} /> <span className="kind">{leg.rateKind}</span></td>
            <td><span className={`interval i${leg.intervalHours}`}>{leg.intervalHours}h</span></td>
            <td><Rate value={leg.ratePer8h} /></td>
            <td><Rate value={leg.apr} digits={1} /></td>
            <td><Countdown at={leg.nextFundingTime} windowMinutes={windowMinutes} /></td>
            <td className="num">{formatUsd(leg.markPrice)}</td>
            <td className="num">{formatAge(now - leg.observedAt)}{leg.stale ? ' ◷ stale' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AlignmentLine({ base }: { base: string }) {
  const alignment = useSignals((s) => s.rows.get(base)?.alignment ?? null);
  if (!alignment) return null;
  const mark = alignment.tag === 'confirmed' ? '✓' : alignment.tag === 'contradicted' ? '✗' : '·';
  return (
    <p className={`align align-${alignment.tag}`}>
      {mark} Sector signal{alignment.sector ? ` (${alignment.sector})` : ''}: {alignment.tag} — {alignment.reason}
    </p>
  );
}

function BackfillResult({ result, auto }: { result: Backfill; auto: boolean }) {
  const inserted = result.reduce((n, r) => n + r.inserted, 0);
  const failed = result.filter((r) => r.error);
  return (
    <div role="status" className="backfill-result">
      {auto ? 'Background backfill' : 'Backfill'}: {inserted} settlements added.
      {/* Every leg when asked by hand; from the background only the legs that failed. */}
      <ul>
        {(auto ? failed : result).map((r) => (
          <li key={`${r.venue}|${r.symbol}`} className={r.error ? 'error' : ''}>
            {VENUES[r.venue].label} {r.symbol}: {r.error ? r.error : `${r.inserted} added`}
          </li>
        ))}
      </ul>
    </div>
  );
}

function BackfillStatus({ state }: { state: BackfillState }) {
  if (state.kind === 'running') return <p role="status" className="muted">{state.auto ? 'Backfilling missing history in the background…' : 'Backfilling…'}</p>;
  if (state.kind === 'failed') return <p className="error" role="alert">{state.message}</p>;
  if (state.kind === 'done') return <BackfillResult result={state.result} auto={state.auto} />;
  return null;
}

/** The base's quotes, the same array while none of them changed (the store swaps its map on every batch). */
function useBaseQuotes(base: string | null): readonly FundingQuote[] {
  const all = useQuotes((s) => s.quotes);
  const last = useRef<readonly FundingQuote[]>([]);
  return useMemo(() => {
    const next = [...all.values()].filter((q) => q.base === base);
    if (next.length !== last.current.length || next.some((q, i) => q !== last.current[i])) last.current = next;
    return last.current;
  }, [all, base]);
}

/** One asset: funding history per venue with the live rates, the spread, mark price, the analytics and the live legs. */
export function SymbolView() {
  const base = useUi((s) => s.symbol);
  const open = useUi((s) => s.open);
  const quotes = useBaseQuotes(base);
  const { history, loadError, backfill, backfillNow } = useSymbolHistory(base, quotes);
  const stored = useMemo(() => (history ? storedSeries(history.funding, history.prices) : null), [history]);
  const plots = useMemo(() => (stored ? chartPlots(stored, quotes) : []), [stored, quotes]);

  if (!base) return <section className="screen placeholder">Pick an asset in the monitor (Enter on a row).</section>;
  const storedPoints = history?.funding.length ?? 0;
  return (
    <section className="screen symbol" aria-label={`Symbol ${base}`}>
      <div className="screen-head toolbar">
        <button onClick={() => open('monitor')} aria-label="Back to the monitor (Esc)">← Monitor</button>
        <h1>{base}</h1>
        <span className="muted">funding per venue, % /8h · spread · mark price USD</span>
        <button onClick={backfillNow} disabled={backfill.kind === 'running'} aria-label={`Backfill ${BACKFILL_DAYS} days of funding history for ${base}`}>
          {backfill.kind === 'running' ? 'Backfilling…' : `Backfill ${BACKFILL_DAYS} d`}
        </button>
      </div>
      <AlignmentLine base={base} />
      {loadError ? <p className="error" role="alert">{loadError}</p> : null}
      <BackfillStatus state={backfill} />
      {history === null && !loadError ? <div className="placeholder" role="status">Loading history…</div> : null}
      {history && plots.length === 0 ? (
        <div className="placeholder" role="status">No funding history stored for {base} and no live rate yet.</div>
      ) : null}
      <div className="symbol-body">
        {plots.length > 0 ? <FundingChart key={base} plots={plots} storedPoints={storedPoints} /> : null}
        {history ? <AnalyticsPanel base={base} storedPoints={storedPoints} /> : null}
      </div>
      <h2>Current legs</h2>
      <LegsTable base={base} />
    </section>
  );
}
