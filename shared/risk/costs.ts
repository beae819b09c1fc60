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
}

/**
 * Walks one side of a book (best first: asks for a buy, bids for a sell) until `quantity` is
 * filled. Slippage is measured against the best level, the price a quote would show; one pass,
 * no copies, so 500 levels per side stay far inside the 5 ms preview budget.
 */
export function walkBook(levels: readonly BookLevel[], quantity: number): BookWalk {
  if (levels.length === 0 || !(quantity > 0)) return { filled: 0, averagePrice: NaN, slippageQuote: 0, complete: quantity <= 0, levelsUsed: 0 };
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
  return { filled, averagePrice, slippageQuote: Math.abs(notional - filled * best), complete: remaining <= quantity * 1e-12, levelsUsed: used };
}

/** Taker fees of opening and closing one leg: two fills of `notional` each. */
export function roundTripFee(notional: number, takerFee: number): number {
  return 2 * notional * takerFee;
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
