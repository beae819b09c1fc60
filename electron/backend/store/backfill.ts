import type { FundingPoint } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { HistoryRepo } from './history.ts';

const DAY_MS = 86_400_000;

/** Settled funding of one venue/symbol since an epoch-ms time (ccxt `fetchFundingRateHistory`, paged). */
export type FundingHistorySource = (venue: VenueId, symbol: string, since: number) => Promise<FundingPoint[]>;

export interface BackfillTarget {
  venue: VenueId;
  symbol: string;
}

/** Per target: rows added, or why it failed (the other targets carry on). */
export interface BackfillOutcome extends BackfillTarget {
  inserted: number;
  error: string | null;
}

/**
 * Fills each target's funding history for the last `days` days before `now`, resuming after
 * the newest stored settlement so a repeated backfill only asks the venue for what is missing.
 * Targets run one after another: they usually share a venue, and its rate limit.
 */
export async function backfillFunding(
  store: { history: HistoryRepo },
  source: FundingHistorySource,
  targets: readonly BackfillTarget[],
  days: number,
  now: number,
): Promise<BackfillOutcome[]> {
  const windowStart = now - days * DAY_MS;
  const outcomes: BackfillOutcome[] = [];
  for (const { venue, symbol } of targets) {
    try {
      const latest = await store.history.latestTime(venue, symbol);
      const since = latest === null ? windowStart : Math.max(windowStart, latest + 1);
      const fetched = await source(venue, symbol, since);
      // A source may return neighbours of the window or other symbols' rows: keep only what was asked.
      const points = fetched.filter((p) => p.venue === venue && p.symbol === symbol && p.time >= since && p.time <= now);
      outcomes.push({ venue, symbol, inserted: await store.history.insertFunding(points), error: null });
    } catch (error) {
      outcomes.push({ venue, symbol, inserted: 0, error: `${venue} ${symbol}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return outcomes;
}
