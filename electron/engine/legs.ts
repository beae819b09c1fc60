import type { FundingQuote } from '../../shared/domain/quotes.ts';
import type { Leg } from '../../shared/domain/signals.ts';
import { VENUES } from '../../shared/domain/venues.ts';
import { rateApr, ratePer8h } from '../../shared/funding/normalise.ts';

type Observed = Pick<FundingQuote, 'venue' | 'observedAt'>;

/** A quote (or leg) is stale once older than its venue's bound: shown greyed, never used in a signal. */
export function isStale(observed: Observed, now: number): boolean {
  return now - observed.observedAt > VENUES[observed.venue].staleAfterMs;
}

/** The moment after which a quote turns stale (it is stale when `now` is past this). */
export function staleDeadline(observed: Observed): number {
  return observed.observedAt + VENUES[observed.venue].staleAfterMs;
}

/** Legs in the monitor's fixed order: venue, then symbol. */
export function compareLegs(a: Pick<Leg, 'venue' | 'symbol'>, b: Pick<Leg, 'venue' | 'symbol'>): number {
  if (a.venue !== b.venue) return a.venue < b.venue ? -1 : 1;
  return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
}

/**
 * One venue's leg, normalised. Venues that publish no running-period rate fall back to the
 * last settled one (labelled `settled`); a quote with neither has nothing to show and gives null.
 */
export function legOf(quote: FundingQuote, now: number): Leg | null {
  const usePredicted = quote.rate !== null;
  const rate = usePredicted ? quote.rate : quote.lastSettledRate;
  if (rate === null) return null;
  return {
    venue: quote.venue,
    symbol: quote.symbol,
    rate,
    rateKind: usePredicted ? quote.rateKind : 'settled',
    intervalHours: quote.intervalHours,
    ratePer8h: ratePer8h(rate, quote.intervalHours),
    apr: rateApr(rate, quote.intervalHours),
    nextFundingTime: quote.nextFundingTime,
    markPrice: quote.markPrice,
    stale: isStale(quote, now),
    observedAt: quote.observedAt,
    multiplier: quote.multiplier,
    bid: quote.bid ?? null,
    ask: quote.ask ?? null,
  };
}
