/**
 * What a trade costs before it earns anything (docs/domain.md §4 "Costs"): taker fees on the open
 * and the close of every leg, slippage from walking the order book at the intended size, and
 * the withdrawal fee of moving margin to the venue that lacks it.
 */
import type { VenueId } from '../domain/venues.ts';

/** One price level: [price, base quantity], as ccxt's `fetchOrderBook` gives it. */
export type BookLevel = readonly [number, number] | readonly number[];

export interface BookWalk {
  /** Base quantity the book could fill (less than asked when the book is too thin). */
  filled: number;
  /** Volume-weighted fill price; NaN when nothing filled. */
  averagePrice: number;
  /** Cost of the fill beyond the best price, in quote currency (≥ 0). */
  slippageQuote: number;
  /** `filled` reached the asked quantity. */
  complete: boolean;
  levelsUsed: number;
  /** Price of the farthest level the walk took from; NaN when nothing filled. */
  farthestPrice: number;
}

/**
 * Walks one side of a book (best first: asks for a buy, bids for a sell) until `quantity` is
 * filled. Slippage is measured against the best level, the price a quote would show; one pass,
 * no copies, so 500 levels per side stay far inside the 5 ms preview budget.
 */
export function walkBook(levels: readonly BookLevel[], quantity: number): BookWalk {
  if (levels.length === 0 || !(quantity > 0)) return { filled: 0, averagePrice: NaN, slippageQuote: 0, complete: quantity <= 0, levelsUsed: 0, farthestPrice: NaN };
  const best = levels[0][0];
  let remaining = quantity;
  let notional = 0;
  let used = 0;
  for (let i = 0; i < levels.length && remaining > 0; i++) {
    const take = Math.min(remaining, levels[i][1]);
    notional += take * levels[i][0];
    remaining -= take;
    used++;
  }
  const filled = quantity - remaining;
  const averagePrice = filled > 0 ? notional / filled : NaN;
  return {
    filled, averagePrice, slippageQuote: Math.abs(notional - filled * best), complete: remaining <= quantity * 1e-12, levelsUsed: used,
    farthestPrice: used > 0 ? levels[used - 1][0] : NaN,
  };
}

/**
 * Withdrawal fee (USD) of moving stablecoin margin out of each venue, on the cheapest common
 * network (TRC-20/Arbitrum-class: about one dollar; Hyperliquid charges a flat 1 USDC to bridge
 * out). These are published-schedule approximations, not quotes: the user overrides them in
 * risk settings, and the ticket shows which figure it used.
 */
export const DEFAULT_WITHDRAWAL_FEES_USD: Readonly<Record<VenueId, number>> = {
  binanceusdm: 1,
  bybit: 1,
  okx: 1,
  bitget: 1,
  gate: 1,
  hyperliquid: 1,
  aster: 1,
  kucoinfutures: 1,
  bingx: 1,
  paradex: 1,
  lighter: 1,
};

export interface MarginNeed {
  venue: VenueId;
  needed: number;
  free: number;
}

export interface TransferPlan {
  /** Moves that cover every venue's shortfall from another venue's surplus. */
  moves: Array<{ from: VenueId; to: VenueId; amount: number; feeUsd: number }>;
  feeUsd: number;
  /** Shortfall no surplus covers: the account lacks the margin altogether. */
  uncovered: number;
}

/**
 * Plans the margin moves a trade needs: each venue short of margin is topped up from the
 * venue with the largest surplus, paying that venue's withdrawal fee per move.
 */
export function planTransfers(needs: readonly MarginNeed[], withdrawalFees: Readonly<Record<VenueId, number>>): TransferPlan {
  const surplus = needs.map((n) => ({ venue: n.venue, left: Math.max(0, n.free - n.needed) }));
  const moves: TransferPlan['moves'] = [];
  let uncovered = 0;
  for (const need of needs) {
    let short = need.needed - need.free;
    while (short > 0) {
      const donor = surplus.filter((s) => s.venue !== need.venue && s.left > 0).sort((a, b) => b.left - a.left)[0];
      if (!donor) break;
      const fee = withdrawalFees[donor.venue];
      const amount = Math.min(short, donor.left - fee);
      if (!(amount > 0)) {
        donor.left = 0;
        continue;
      }
      moves.push({ from: donor.venue, to: need.venue, amount, feeUsd: fee });
      donor.left -= amount + fee;
      short -= amount;
    }
    uncovered += Math.max(0, short);
  }
  return { moves, feeUsd: moves.reduce((sum, m) => sum + m.feeUsd, 0), uncovered };
}

/** One side of a book each way: a buy enters on the asks and exits on the bids, a sell the reverse. */
export interface TwoSidedBook {
  bids: readonly BookLevel[];
  asks: readonly BookLevel[];
}

/**
 * One leg's costs both ways at `quantity` (docs/domain.md §4 "Costs"): the taker fee on the open
 * and on the close, half the bid–ask spread crossed each way, and the slippage beyond the best
 * level from walking the entry side now and, as the estimate of the exit, the other side of the
 * same book now. Quote currency; the leg's entry fill price for the pair's entry basis.
 */
export interface LegCosts {
  entryFeeUsd: number;
  exitFeeUsd: number;
  entryHalfSpreadUsd: number;
  exitHalfSpreadUsd: number;
  entrySlippageUsd: number;
  exitSlippageUsd: number;
  /** Volume-weighted entry price; NaN when nothing filled. */
  entryPrice: number;
  entryComplete: boolean;
  /** The entry walk beyond the best price, as fractions of it: the average fill's and the farthest level's; null without a fill. */
  entrySlippagePct: number | null;
  entryFarthestPct: number | null;
  /** Mid of the best bid and ask; NaN when a side is empty. */
  mid: number;
}

export function legCosts(book: TwoSidedBook, side: 'buy' | 'sell', quantity: number, notional: number, takerFee: number): LegCosts {
  const [entrySide, exitSide] = side === 'buy' ? [book.asks, book.bids] : [book.bids, book.asks];
  const entry = walkBook(entrySide, quantity);
  const exit = walkBook(exitSide, quantity);
  const bid = book.bids[0]?.[0];
  const ask = book.asks[0]?.[0];
  const halfSpread = bid !== undefined && ask !== undefined ? ((ask - bid) / 2) * quantity : 0;
  return {
    entryFeeUsd: notional * takerFee, exitFeeUsd: notional * takerFee,
    entryHalfSpreadUsd: halfSpread, exitHalfSpreadUsd: halfSpread,
    entrySlippageUsd: entry.slippageQuote, exitSlippageUsd: exit.slippageQuote,
    entryPrice: entry.averagePrice, entryComplete: entry.complete,
    entrySlippagePct: beyondBest(entrySide, entry.averagePrice), entryFarthestPct: beyondBest(entrySide, entry.farthestPrice),
    mid: bid !== undefined && ask !== undefined ? (bid + ask) / 2 : NaN,
  };
}

/** How far `price` lies beyond the best level of `levels`, as a fraction of it (either side: a buy's above, a sell's below); null for no price. */
function beyondBest(levels: readonly BookLevel[], price: number): number | null {
  const best = levels[0]?.[0];
  return best === undefined || !Number.isFinite(price) || !(best > 0) ? null : Math.abs(price - best) / best;
}

/** What a leg's costs both ways add up to. */
export function legCostsTotal(c: LegCosts): number {
  return c.entryFeeUsd + c.exitFeeUsd + c.entryHalfSpreadUsd + c.exitHalfSpreadUsd + c.entrySlippageUsd + c.exitSlippageUsd;
}

/**
 * The entry basis of a pair at `quantity` coins: the executable gap, buying at the long's fills
 * against selling at the short's (crossing and slippage included, shown), and the part of it
 * counted as a cost beyond the crossing the legs already count: the mids' gap when the long's is
 * higher (it is paid back only if the gap closes); a gap in the pair's favour is not credited.
 */
export function entryBasis(long: LegCosts, short: LegCosts, quantity: number): { executableUsd: number; costUsd: number } {
  const executable = (long.entryPrice - short.entryPrice) * quantity;
  const midGap = (long.mid - short.mid) * quantity;
  return { executableUsd: Number.isFinite(executable) ? executable : 0, costUsd: Number.isFinite(midGap) ? Math.max(0, midGap) : 0 };
}
