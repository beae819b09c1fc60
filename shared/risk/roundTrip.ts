/**
 * One definition of what a pair costs both ways (docs/domain.md §4 "Costs both ways"), counted
 * by the ticket's preview from the books at its size and by the monitor's expected net from the
 * quotes' touch: per leg the taker fee of the open and of the close, half the bid–ask spread
 * crossed in and out, the slippage beyond the best level of the entry and of the estimated exit;
 * per pair the entry basis. The ticket adds what only it knows (margin transfers, borrow).
 */
import type { Leg } from '../domain/signals.ts';
import { entryBasis, legCosts, type LegCosts, type TwoSidedBook } from './costs.ts';

/**
 * Half the bid–ask spread, as a share of the price, charged each way on a leg whose quote states
 * no touch (KuCoin's contract list; a venue answering without one): 5 bp, ten times a major's
 * touch on the liquid venues (≈ 0.5 bp) and about a thin alt's, so a pair the terminal cannot
 * see the spread of does not rank above one it can. The row says which legs took it.
 */
export const DEFAULT_HALF_SPREAD = 0.0005;

export interface PairCosts {
  /** Taker fees of the open and the close of both legs. */
  feesUsd: number;
  /** Half the bid–ask spread of each leg, crossed at the entry and again at the exit. */
  crossingUsd: number;
  /** Entry slippage beyond the best level (walking the book at size). */
  slippageUsd: number;
  /** The exit's estimate: the other side of today's book walked at size. */
  exitSlippageUsd: number;
  /** The mids' gap against the pair at entry (counted; see `entryBasis`). */
  basisUsd: number;
  /** The executable gap at the fills (shown, not counted). */
  executableBasisUsd: number;
  /** Fees + crossing + both slippages + basis. */
  totalUsd: number;
}

/** The pair's costs both ways from its legs' at `quantity` coins (the quantity both legs trade). */
export function pairCosts(long: LegCosts, short: LegCosts, quantity: number): PairCosts {
  const both = (part: (c: LegCosts) => number) => part(long) + part(short);
  const feesUsd = both((c) => c.entryFeeUsd + c.exitFeeUsd);
  const crossingUsd = both((c) => c.entryHalfSpreadUsd + c.exitHalfSpreadUsd);
  const slippageUsd = both((c) => c.entrySlippageUsd);
  const exitSlippageUsd = both((c) => c.exitSlippageUsd);
  const basis = entryBasis(long, short, quantity);
  return {
    feesUsd, crossingUsd, slippageUsd, exitSlippageUsd, basisUsd: basis.costUsd, executableBasisUsd: basis.executableUsd,
    totalUsd: feesUsd + crossingUsd + slippageUsd + exitSlippageUsd + basis.costUsd,
  };
}

/** What the monitor knows of a leg's prices. */
type QuotedLeg = Pick<Leg, 'markPrice' | 'multiplier' | 'bid' | 'ask'>;

/** Per coin of the base (the multiplier divided out). */
const perCoin = (leg: QuotedLeg, price: number): number => price / (leg.multiplier ?? 1);

/**
 * A quote's touch as a book one level deep a side, each level as deep as any size: the monitor
 * knows no depth, so nothing slips beyond the best level and its figure is the cost of a size the
 * touch fills (the ticket walks the real book at its size). Without a stated touch, the default
 * half-spread either side of the mark. Prices per coin; null without any price at all.
 */
function touchBook(leg: QuotedLeg): { book: TwoSidedBook; mid: number; defaulted: boolean } | null {
  if (leg.bid && leg.ask) {
    const [bid, ask] = [perCoin(leg, leg.bid), perCoin(leg, leg.ask)];
    return { book: { bids: [[bid, Infinity]], asks: [[ask, Infinity]] }, mid: (bid + ask) / 2, defaulted: false };
  }
  if (!leg.markPrice || !(leg.markPrice > 0)) return null;
  const mark = perCoin(leg, leg.markPrice);
  const half = mark * DEFAULT_HALF_SPREAD;
  return { book: { bids: [[mark - half, Infinity]], asks: [[mark + half, Infinity]] }, mid: mark, defaulted: true };
}

/** One leg's costs both ways on one unit of its notional at the touch; `defaulted` when its quote stated no touch. */
function touchLegCosts(leg: QuotedLeg, side: 'buy' | 'sell', takerFee: number): { costs: LegCosts; price: number; defaulted: boolean } {
  const touch = touchBook(leg);
  if (touch === null) {
    // No price at all: the fees and the default crossing still count; no basis can be read.
    const costs = legCosts({ bids: [[1 - DEFAULT_HALF_SPREAD, Infinity]], asks: [[1 + DEFAULT_HALF_SPREAD, Infinity]] }, side, 1, 1, takerFee);
    return { costs: { ...costs, mid: Number.NaN }, price: Number.NaN, defaulted: true };
  }
  const price = leg.markPrice && leg.markPrice > 0 ? perCoin(leg, leg.markPrice) : touch.mid;
  return { costs: legCosts(touch.book, side, 1 / price, 1, takerFee), price, defaulted: touch.defaulted };
}

interface TouchPairCosts extends PairCosts {
  /** The legs whose quote stated no touch and took `DEFAULT_HALF_SPREAD`. */
  defaultSpreadLegs: Array<'long' | 'short'>;
}

/**
 * The monitor's pair costs both ways, as fractions of one leg's notional (each leg one unit of
 * it): `pairCosts` over each leg at its touch, the basis between the mids per coin (the marks'
 * where a touch is defaulted), over the short's price as `entryBasis` counts it.
 */
export function touchPairCosts(long: QuotedLeg, short: QuotedLeg, fees: { long: number; short: number }): TouchPairCosts {
  const buy = touchLegCosts(long, 'buy', fees.long);
  const sell = touchLegCosts(short, 'sell', fees.short);
  const costs = pairCosts(buy.costs, sell.costs, 1 / sell.price);
  const defaultSpreadLegs: Array<'long' | 'short'> = [];
  if (buy.defaulted) defaultSpreadLegs.push('long');
  if (sell.defaulted) defaultSpreadLegs.push('short');
  return { ...costs, defaultSpreadLegs };
}
