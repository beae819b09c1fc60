import { useEffect, useState } from 'react';
import type { Portfolio } from '../../../shared/domain/portfolio.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { coalescedRead, type CoalescedRead } from '../../bridge/coalescedRead.ts';
import { usePositions } from '../../store/positionsStore.ts';
import { formatUsd, signClass } from '../../ui/format.ts';

const signedUsd = (value: number) => `${value > 0 ? '+' : ''}${formatUsd(value)}`;

function Figure({ label, value, signed = true }: { label: string; value: number; signed?: boolean }) {
  return <span className="portfolio-figure" aria-label={`${label}: ${signed ? signedUsd(value) : formatUsd(value)}`}><span className="muted">{label}</span> <span className={`num ${signed ? signClass(value) : ''}`}>{signed ? signedUsd(value) : formatUsd(value)}</span></span>;
}

/**
 * Main's `portfolio.summary`, read again whenever main sends the pairs (after each exit check,
 * every 5 s, and each trade). A read takes a round trip per venue, which under load outlasts
 * the 5 s: dropping the read in flight for each newer one left the bar "reading the
 * portfolio…" for good, so the reads are coalesced.
 */
function usePortfolio(): { portfolio: Portfolio | null; error: string | null } {
  const bridge = useBridge();
  const pairs = usePositions((s) => s.pairs);
  const [portfolio, setPortfolio] = useState<Portfolio | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reader, setReader] = useState<CoalescedRead | null>(null);
  useEffect(() => {
    const r = coalescedRead(
      () => bridge.invoke('portfolio.summary'),
      (p) => { setPortfolio(p); setError(null); },
      (err) => setError(`Portfolio not read: ${errorMessage(err)}`),
    );
    setReader(r);
    return () => r.stop();
  }, [bridge]);
  useEffect(() => reader?.request(), [reader, pairs]);
  return { portfolio, error };
}

/**
 * Equity across venues, margin in use per venue, funding today (UTC day) and over 7 d, realised
 * and open PnL, as main computes them (`portfolio.summary`), as fresh as the positions.
 */
export function PortfolioBar() {
  const { portfolio, error } = usePortfolio();
  if (!portfolio) return <div className="portfolio-bar" role="region" aria-label="Portfolio">{error ? <span className="error" role="alert">{error}</span> : <span className="muted">reading the portfolio…</span>}</div>;
  return (
    <div className={`portfolio-bar${error ? ' stale-preview' : ''}`} role="region" aria-label="Portfolio" title={error ?? undefined}>
      <Figure label="Equity" value={portfolio.equityUsd} signed={false} />
      <span className="portfolio-figure" aria-label="Margin in use per venue">
        <span className="muted">Margin used</span>{' '}
        {portfolio.venues.map((v) => (
          <span key={v.venue} className={`num${v.error ? ' warn' : v.usedPct !== null && v.usedPct > 0.5 ? ' warn' : ''}`} title={v.error ?? `${formatUsd(v.freeUsd)} free of ${formatUsd(v.equityUsd)}`}
            aria-label={`${VENUES[v.venue].label} ${v.error ? 'not read' : v.usedPct === null ? 'no equity' : `${(v.usedPct * 100).toFixed(1)} %`}`}>
            {VENUES[v.venue].label} {v.error ? 'not read' : v.usedPct === null ? '–' : `${(v.usedPct * 100).toFixed(1)} %`}
          </span>
        ))}
      </span>
      <Figure label="Funding today (UTC)" value={portfolio.fundingTodayUsd} />
      <Figure label="Funding 7 d" value={portfolio.funding7dUsd} />
      <Figure label="Realised PnL" value={portfolio.realisedPnlUsd} />
      <Figure label={`Open PnL (${portfolio.livePairs} pair${portfolio.livePairs === 1 ? '' : 's'})`} value={portfolio.unrealisedPnlUsd} />
      {error ? <span className="error" role="alert">{error}</span> : null}
    </div>
  );
}
