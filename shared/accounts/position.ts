/**
 * One account model for a linear perpetual, shared by the paper broker
 * (`electron/backend/trading/brokers/paper.ts`, sizes in coins) and the venue simulator's
 * accounts (`electron/simulator/accounts.ts`, sizes in contracts): how a fill walks a book, how
 * a fill moves a position (average entry, realised PnL, a flip), what funding a settlement
 * pays and what PnL an open position carries. `coinsPerUnit` is the contract size (1 where the
 * size is counted in coins). Liquidation prices are `shared/risk/liquidation.ts`'s.
 * See docs/architecture.md, "One kernel".
 */

/** A held position: signed size (long > 0) and its average entry price. */
export interface HeldPosition {
  size: number;
  entry: number;
}

/** Below this a size is zero (float dust after partial closes). */
export const SIZE_EPSILON = 1e-12;

/**
 * A signed fill of `delta` at `price` on `held` (undefined: flat). Adding averages the entry;
 * reducing realises `(price − entry) × closed × sign × coinsPerUnit` and keeps the entry; going
 * through zero opens the rest at `price`. `position` is null once flat.
 */
export function applyFill(held: HeldPosition | undefined, delta: number, price: number, coinsPerUnit = 1): { position: HeldPosition | null; realisedPnl: number } {
  const size = held?.size ?? 0;
  const entry = held?.entry ?? 0;
  const closing = size * delta < 0 ? Math.min(Math.abs(delta), Math.abs(size)) : 0;
  const realisedPnl = closing > 0 ? (price - entry) * closing * Math.sign(size) * coinsPerUnit : 0;
  const next = Number((size + delta).toPrecision(12));
  if (Math.abs(next) < SIZE_EPSILON) return { position: null, realisedPnl };
  let nextEntry = entry;
  if (Math.sign(next) !== Math.sign(size)) nextEntry = price;
  else if (Math.abs(next) > Math.abs(size)) nextEntry = (entry * Math.abs(size) + price * Math.abs(delta)) / Math.abs(next);
  return { position: { size: next, entry: nextEntry }, realisedPnl };
}

/** Long pays short when the rate is positive: the account's funding is −size × coinsPerUnit × mark × rate. */
export function fundingAmount(size: number, mark: number, rate: number, coinsPerUnit = 1): number {
  return -size * coinsPerUnit * mark * rate;
}

export function unrealisedPnl(held: HeldPosition, mark: number, coinsPerUnit = 1): number {
  return (mark - held.entry) * held.size * coinsPerUnit;
}

/** The fee of a fill: its notional at the fee rate. */
export function fillFee(price: number, quantity: number, feeRate: number, coinsPerUnit = 1): number {
  return price * quantity * coinsPerUnit * feeRate;
}

/** A long is liquidated at or below its liquidation price, a short at or above. */
export function liquidationBreached(size: number, mark: number, liquidationPrice: number | null): boolean {
  if (liquidationPrice === null) return false;
  return size > 0 ? mark <= liquidationPrice : mark >= liquidationPrice;
}

/**
 * What an order takes from the book's levels (asks for a buy, bids for a sell, best first):
 * level by level up to `wanted`, stopping at the first level past the limit price (null: a
 * market order). Returns the [price, quantity] slices taken, best first.
 */
export function takeFromBook(levels: ReadonlyArray<readonly [number, number]>, side: 'buy' | 'sell', limit: number | null, wanted: number): Array<[number, number]> {
  const taken: Array<[number, number]> = [];
  let left = wanted;
  for (const [price, available] of levels) {
    if (left <= SIZE_EPSILON) break;
    if (limit !== null && (side === 'buy' ? price > limit : price < limit)) break;
    const take = Math.min(left, available);
    taken.push([price, take]);
    left -= take;
  }
  return taken;
}
