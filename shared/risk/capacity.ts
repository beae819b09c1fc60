/**
 * How much a pair can take before the books push back (docs/domain.md §4 "Capacity"): the
 * notional, USD, at which a marketable order's average fill lies `impactBps` from the book's mid.
 * The buy leg walks the asks, the sell leg the bids; the pair is limited by its smaller leg.
 */
import type { BookLevel, TwoSidedBook } from './costs.ts';

/** One leg's capacity: `atLeast` when the book as fetched ran out first (deeper levels were not read). */
export interface CapacityFigure {
  notionalUsd: number;
  atLeast: boolean;
}

/**
 * Walks `levels` (best first, [price per coin, coins]) until the running average price is
 * `impact` (a fraction) away from `mid`, solving inside the level where it gets there, so the
 * answer does not depend on how the venue groups its levels. One pass, no copies.
 */
function notionalToImpact(levels: readonly BookLevel[], mid: number, impact: number, side: 'buy' | 'sell'): CapacityFigure {
  const target = side === 'buy' ? mid * (1 + impact) : mid * (1 - impact);
  // beyond(p): a fill at p pulls the average past the target.
  const beyond = (price: number) => (side === 'buy' ? price > target : price < target);
  let notional = 0;
  let coins = 0;
  for (const [price, amount] of levels) {
    if (!(amount > 0)) continue;
    if (beyond(price)) {
      // Average (notional + price·x) / (coins + x) meets the target at x = (target·coins − notional) / (price − target).
      const x = (target * coins - notional) / (price - target);
      if (x < amount) return { notionalUsd: notional + price * Math.max(0, x), atLeast: false };
    }
    notional += price * amount;
    coins += amount;
  }
  return { notionalUsd: notional, atLeast: true };
}

/**
 * The leg's capacity at `impactBps` from its book: a buy on the asks, a sell on the bids, the
 * impact measured from the mid, so half the spread counts (a book whose half-spread is already
 * wider than the impact takes nothing). Null without both sides (no mid to measure from).
 */
export function legCapacity(book: TwoSidedBook, side: 'buy' | 'sell', impactBps: number): CapacityFigure | null {
  const bid = book.bids[0]?.[0];
  const ask = book.asks[0]?.[0];
  if (!(bid > 0) || !(ask > 0) || !(impactBps > 0)) return null;
  const mid = (bid + ask) / 2;
  return notionalToImpact(side === 'buy' ? book.asks : book.bids, mid, impactBps / 10_000, side);
}

/** The pair's capacity: its smaller leg's (a bound when that leg's book ran out); null when either leg has none. */
export function pairCapacity(long: CapacityFigure | null, short: CapacityFigure | null): CapacityFigure | null {
  if (!long || !short) return null;
  if (long.notionalUsd === short.notionalUsd) return { notionalUsd: long.notionalUsd, atLeast: long.atLeast && short.atLeast };
  return long.notionalUsd < short.notionalUsd ? long : short;
}
