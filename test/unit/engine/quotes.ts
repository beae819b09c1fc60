import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

export const NOW = Date.UTC(2026, 2, 1, 12, 0, 5);

/** A fresh quote at NOW for `base` on `venue`, with `rate` per `intervalHours`. */
export function q(venue: VenueId, base: string, rate: number | null, intervalHours = 8, overrides: Partial<FundingQuote> = {}): FundingQuote {
  const settle = venue === 'hyperliquid' ? 'USDC' : 'USDT';
  const step = intervalHours * 3_600_000;
  return {
    venue, symbol: `${base}/${settle}:${settle}`, base, multiplier: 1, rate, rateKind: 'predicted', lastSettledRate: rate, intervalHours,
    nextFundingTime: Math.floor(NOW / step) * step + step, markPrice: 100, indexPrice: 100, volume24hUsd: 1e8, openInterestUsd: 5e7, observedAt: NOW,
    ...overrides,
  };
}
