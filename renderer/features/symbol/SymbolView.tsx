import { useCallback, useEffect, useState } from 'react';
import type { RequestOutput } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useClock } from '../../store/clockStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useSignals } from '../../store/signalsStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { Countdown } from '../fundingWindows/Countdown.tsx';
import { formatAge, formatUsd } from '../../ui/format.ts';
import { Rate } from '../../ui/Rate.tsx';
import { FundingChart } from './FundingChart.tsx';

type History = RequestOutput<'history.funding'>;
type Backfill = RequestOutput<'history.backfill'>;

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

function BackfillResult({ result }: { result: Backfill }) {
  const inserted = result.reduce((n, r) => n + r.inserted, 0);
  return (
    <div role="status" className="backfill-result">
      Backfill: {inserted} settlements added.
      <ul>
        {result.map((r) => (
          <li key={`${r.venue}|${r.symbol}`} className={r.error ? 'error' : ''}>
            {VENUES[r.venue].label} {r.symbol}: {r.error ? r.error : `${r.inserted} added`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One asset: funding history per venue, the spread, mark price, and the live legs. */
export function SymbolView() {
  const base = useUi((s) => s.symbol);
  const open = useUi((s) => s.open);
  const bridge = useBridge();
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [backfill, setBackfill] = useState<Backfill | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!base) return;
    setError(null);
    try {
      setHistory(await bridge.invoke('history.funding', { base }));
    } catch (err) {
      setError(`Could not load the history of ${base}: ${errorMessage(err)}`);
    }
  }, [base, bridge]);

  useEffect(() => {
    setHistory(null);
    setBackfill(null);
    void load();
  }, [load]);

  const runBackfill = async (): Promise<void> => {
    if (!base) return;
    setBusy(true);
    setError(null);
    try {
      setBackfill(await bridge.invoke('history.backfill', { base, days: 30 }));
      await load();
    } catch (err) {
      setError(`Backfill of ${base} failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  if (!base) return <section className="screen placeholder">Pick an asset in the monitor (Enter on a row).</section>;
  return (
    <section className="screen symbol" aria-label={`Symbol ${base}`}>
      <div className="screen-head toolbar">
        <button onClick={() => open('monitor')} aria-label="Back to the monitor (Esc)">← Monitor</button>
        <h1>{base}</h1>
        <span className="muted">funding per venue, % /8h · spread · mark price USD</span>
        <button onClick={() => void runBackfill()} disabled={busy} aria-label={`Backfill 30 days of funding history for ${base}`}>
          {busy ? 'Backfilling…' : 'Backfill 30 d'}
        </button>
      </div>
      <AlignmentLine base={base} />
      {error ? <p className="error" role="alert">{error}</p> : null}
      {backfill ? <BackfillResult result={backfill} /> : null}
      {history === null && !error ? <div className="placeholder" role="status">Loading history…</div> : null}
      {history && history.funding.length === 0 ? (
        <div className="placeholder" role="status">No funding history stored for {base} yet: use Backfill.</div>
      ) : null}
      {history && history.funding.length > 0 ? <FundingChart funding={history.funding} prices={history.prices} /> : null}
      <h2>Current legs</h2>
      <LegsTable base={base} />
    </section>
  );
}
