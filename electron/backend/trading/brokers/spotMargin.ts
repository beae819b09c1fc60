/**
 * A spot short through Binance's cross margin (docs/orders.md, "Spot shorts"; docs/venues.md,
 * "Binance cross margin"). The opening sell goes to the margin account with
 * `sideEffectType: MARGIN_BUY`, so Binance lends the coin it sells; the buy-back goes with
 * `AUTO_REPAY`, so what it buys repays the debt, interest first. ccxt `binance` routes a spot
 * symbol's order to `/sapi/v1/margin/order` when it names `marginMode: 'cross'`. The account's
 * coins are read with `fetchBalance({ type: 'margin' })`: a coin's net (free + locked − borrowed
 * − interest, Binance's `netAsset`) below zero is the short.
 */
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import type { BorrowRate } from '../../../../shared/risk/preview.ts';

/** The opening sell: borrow what the account lacks of the coin. */
export const MARGIN_SHORT_PARAMS = { marginMode: 'cross', sideEffectType: 'MARGIN_BUY' } as const;
/** The buy-back: repay the debt with what the buy receives. */
export const MARGIN_REPAY_PARAMS = { marginMode: 'cross', sideEffectType: 'AUTO_REPAY' } as const;
/** Reads and cancels of orders on the margin account. */
export const MARGIN_LOOKUP_PARAMS = { marginMode: 'cross' } as const;

interface MarginAsset {
  asset?: string;
  netAsset?: string;
}

/** Each coin's net on the cross-margin account (negative: owed), as Binance states it. */
export async function marginNets(exchange: Exchange): Promise<Map<string, number>> {
  const balance = await exchange.fetchBalance({ type: 'margin' });
  const assets = ((balance.info as { userAssets?: MarginAsset[] } | undefined)?.userAssets ?? []);
  return new Map(assets.flatMap((row) => {
    const net = Number(row.netAsset);
    return row.asset && Number.isFinite(net) && net !== 0 ? [[row.asset, net] as [string, number]] : [];
  }));
}

/**
 * Coins a buy-back must buy so that what it receives after its fee (taken in the coin bought)
 * covers `owed`, rounded up to the pair's step: a buy cut down to the lot would leave part of
 * the debt, and its interest, standing.
 */
export function buyBackCoins(exchange: Exchange, symbol: string, owed: number): number {
  const market = exchange.market(symbol);
  const fee = market.taker ?? 0;
  const step = market.precision?.amount ?? 0;
  const gross = owed / (1 - fee);
  if (!(step > 0)) return gross;
  const decimals = Math.max(0, Math.round(-Math.log10(step)));
  return Number((Math.ceil(Number((gross / step).toFixed(6))) * step).toFixed(decimals));
}

/**
 * The coin's cross-margin daily rate as Binance states it (ccxt `fetchCrossBorrowRate`, the
 * newest row of `GET /sapi/v1/margin/interestRateHistory`), or null when the venue gives none
 * (a key without margin permission): the preview then counts the Settings rate and says so.
 */
export async function borrowRateOf(exchange: Exchange, symbol: string): Promise<BorrowRate | null> {
  try {
    const rate = await exchange.fetchCrossBorrowRate(exchange.market(symbol).base);
    // ccxt states the rate per `period` (Binance's is a day).
    const perDay = (rate.rate ?? Number.NaN) * (86_400_000 / (rate.period || 86_400_000));
    return Number.isFinite(perDay) ? { dailyRate: perDay, readAt: Date.now() } : null;
  } catch (error) {
    if (error instanceof ccxt.BaseError) return null;
    throw error;
  }
}
