/** The portfolio figures from what main already holds: pairs, balances, journalled funding (pure). */
import type { Pair } from '../domain/orders.ts';
import type { Portfolio, VenueMarginUse } from '../domain/portfolio.ts';
import type { VenueId } from '../domain/venues.ts';

const DAY_MS = 86_400_000;

export type VenueBalanceRead = { venue: VenueId; equity: number; free: number } | { venue: VenueId; error: string };

export interface PortfolioInputs {
  now: number;
  pairs: readonly Pair[];
  balances: readonly VenueBalanceRead[];
  /** Funding journalled at or after a time, every pair and venue. */
  fundingSince(since: number): number;
}

/** Pairs whose result is final: nothing of them is held any more. */
const settled = (pair: Pair) => pair.status === 'closed' || pair.status === 'failed';

function marginUse(read: VenueBalanceRead): VenueMarginUse {
  if ('error' in read) return { venue: read.venue, equityUsd: null, freeUsd: null, usedPct: null, error: read.error };
  return { venue: read.venue, equityUsd: read.equity, freeUsd: read.free, usedPct: read.equity > 0 ? (read.equity - read.free) / read.equity : null, error: null };
}

export function portfolioOf(input: PortfolioInputs): Portfolio {
  const venues = input.balances.map(marginUse);
  const live = input.pairs.filter((p) => !settled(p));
  return {
    computedAt: input.now,
    equityUsd: venues.reduce((sum, v) => sum + (v.equityUsd ?? 0), 0),
    venues,
    fundingTodayUsd: input.fundingSince(Math.floor(input.now / DAY_MS) * DAY_MS),
    funding7dUsd: input.fundingSince(input.now - 7 * DAY_MS),
    realisedPnlUsd: input.pairs.filter(settled).reduce((sum, p) => sum + p.net, 0),
    unrealisedPnlUsd: live.reduce((sum, p) => sum + p.net, 0),
    livePairs: live.length,
  };
}
