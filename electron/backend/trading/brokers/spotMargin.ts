/**
 * A spot short through Binance's cross margin (docs/orders.md, "Spot shorts"; docs/venues.md,
 * "Binance cross margin"). The opening sell goes to the margin account with
 * `sideEffectType: MARGIN_BUY`, so Binance lends the coin it sells; the buy-back goes with
 * `AUTO_REPAY`, so what it buys repays the debt, interest first. ccxt `binance` routes a spot
 * symbol's order to `/sapi/v1/margin/order` when it names `marginMode: 'cross'`. The account's
 * coins are read with `fetchBalance({ type: 'margin' })`: a coin held below zero (free + locked −
 * borrowed) is the short; its interest is owed with it, and repaid by the buy-back.
 */
import { ccxtErrors } from '../../markets/ccxtModules.ts';
import type { Exchange } from 'ccxt';
import type { BorrowRate } from '../../../../shared/risk/preview.ts';
import type { Order } from '../../../../shared/domain/orders.ts';

/** The opening sell: borrow what the account lacks of the coin. */
export const MARGIN_SHORT_PARAMS = { marginMode: 'cross', sideEffectType: 'MARGIN_BUY' } as const;
/** The buy-back: repay the debt with what the buy receives. */
export const MARGIN_REPAY_PARAMS = { marginMode: 'cross', sideEffectType: 'AUTO_REPAY' } as const;
/** Reads and cancels of orders on the margin account. */
export const MARGIN_LOOKUP_PARAMS = { marginMode: 'cross' } as const;

interface MarginAsset {
  asset?: string;
  free?: string;
  locked?: string;
  borrowed?: string;
  interest?: string;
}

/** A coin on the cross-margin account: what the pairs hold of it, and what the account owes. */
export interface MarginCoin {
  /** Interest owed, in coins (part of `owed`). */
  interest: number;
  /** Free + locked − borrowed: the coins held (negative: sold short). Interest is a cost, not coins sold. */
  held: number;
  /** Borrowed + interest: what a buy-back must repay. */
  owed: number;
}

/** Each coin on the cross-margin account that is held or owed, as Binance states it. */
export async function marginCoins(exchange: Exchange): Promise<Map<string, MarginCoin>> {
  const balance = await exchange.fetchBalance({ type: 'margin' });
  const assets = ((balance.info as { userAssets?: MarginAsset[] } | undefined)?.userAssets ?? []);
  const num = (value: string | undefined) => Number(value ?? 0);
  return new Map(assets.flatMap((row) => {
    const held = Number((num(row.free) + num(row.locked) - num(row.borrowed)).toPrecision(12));
    const owed = Number((num(row.borrowed) + num(row.interest)).toPrecision(12));
    return row.asset && Number.isFinite(held + owed) && (held !== 0 || owed !== 0) ? [[row.asset, { held, owed, interest: num(row.interest) }] as [string, MarginCoin]] : [];
  }));
}

/**
 * Coins a buy-back must buy so that what it receives after its fee (taken in the coin bought,
 * at `feeRate`, else ccxt's listed taker rate) covers `owed`, rounded up to the pair's step: a buy
 * cut down to the lot would leave part of the debt, and its interest, standing.
 */
export function buyBackCoins(exchange: Exchange, symbol: string, owed: number, feeRate?: number): number {
  const market = exchange.market(symbol);
  const fee = feeRate ?? market.taker ?? 0;
  const step = market.precision?.amount ?? 0;
  const gross = owed / (1 - fee);
  if (!(step > 0)) return gross;
  const decimals = Math.max(0, Math.round(-Math.log10(step)));
  return Number((Math.ceil(Number((gross / step).toFixed(6))) * step).toFixed(decimals));
}

/** The coin's cross-margin rate per day as ccxt states it (`fetchCrossBorrowRate`, per its `period`; Binance's is a day, OKX's an hour). */
async function crossRatePerDay(exchange: Exchange, coin: string): Promise<number> {
  const rate = await exchange.fetchCrossBorrowRate(coin);
  return (rate.rate ?? Number.NaN) * (86_400_000 / (rate.period || 86_400_000));
}

/**
 * The coin's borrow rate per day as the venue states it (Binance: the newest row of
 * `GET /sapi/v1/margin/interestRateHistory`; `perDay` where ccxt has no `fetchCrossBorrowRate`,
 * spotBorrow.ts), or null when the venue gives none (a key without margin permission): the
 * preview then counts the Settings rate and says so.
 */
export async function borrowRateOf(exchange: Exchange, symbol: string, perDay: (exchange: Exchange, coin: string) => Promise<number> = crossRatePerDay): Promise<BorrowRate | null> {
  try {
    const dailyRate = await perDay(exchange, exchange.market(symbol).base);
    return Number.isFinite(dailyRate) ? { dailyRate, readAt: Date.now() } : null;
  } catch (error) {
    if (error instanceof ccxtErrors.BaseError) return null;
    throw error;
  }
}

/**
 * A buy-back as the journal keeps it: AUTO_REPAY pays the interest first, in the coins bought,
 * so the leg gains the coins bought less its fee and less that interest, and the interest is a
 * cost of the order in USD at its price (docs/domain.md §4 "Cost of a spot borrow"). Without
 * this the journal would count coins the interest took, and a closed short would differ from
 * the venue by its interest.
 */
export function withInterestPaid(order: Order, interestCoins: number): Order {
  const paid = Math.min(Math.max(0, interestCoins), order.filled);
  if (!(paid > 0)) return order;
  return { ...order, filled: Number((order.filled - paid).toPrecision(12)), fee: order.fee + paid * (order.averagePrice ?? 0) };
}
