/**
 * A spot leg as the venue states it (docs/orders.md, "Spot legs"). A spot account holds coins,
 * not positions: the leg is the balance of its base coin, priced at the pair's last trade. A
 * buy's fee is taken in the coin bought (Binance, Bybit, OKX, Bitget, Gate and Hyperliquid alike), so the leg holds
 * what filled less that fee; the fee is counted in USD at the fill's price.
 */
import type { Balances, Exchange, Order as CcxtOrder } from 'ccxt';
import type { VenueId } from '../../../../shared/domain/venues.ts';
import type { Balance, Broker, VenuePosition } from './broker.ts';
import { isSpotSymbol, spotQuoteOf } from '../../markets/spotExchange.ts';
import { averageOf, orderTrades } from './orderFills.ts';

const STABLECOINS = new Set(['USDT', 'USDC']);

/**
 * Each coin held that has a `COIN/USDT` spot pair (`COIN/USDC` on Hyperliquid, whose wrapped
 * `UBTC` ccxt states as BTC), as a position in that pair: the spot
 * wallet's coins plus `margin`, each coin held on a cross-margin account (negative: a borrowed
 * short, spotMargin.ts), so a spot leg is one position whichever account holds it.
 */
export async function spotHoldings(venue: VenueId, exchange: Exchange, margin: ReadonlyMap<string, number> = new Map(), read?: Balances): Promise<VenuePosition[]> {
  const balance = read ?? await exchange.fetchBalance();
  const totals = new Map(Object.entries(balance.total as unknown as Record<string, number | undefined>).map(([coin, total]) => [coin, total ?? 0]));
  for (const [coin, net] of margin) totals.set(coin, Number(((totals.get(coin) ?? 0) + net).toPrecision(12)));
  const quote = spotQuoteOf(venue);
  const held = [...totals].filter(([coin, total]) => !STABLECOINS.has(coin) && total !== 0 && exchange.markets?.[`${coin}/${quote}`]?.spot === true);
  if (held.length === 0) return [];
  const symbols = held.map(([coin]) => `${coin}/${quote}`);
  const tickers = await exchange.fetchTickers(symbols);
  return held.map(([, total], i) => {
    const ticker = tickers[symbols[i]];
    const mark = ticker?.last ?? ticker?.close ?? 0;
    // A balance has no entry price: the positions view takes it from the journalled fills. Its
    // value is the venue's own numbers: coins (a spot pair counts coins) at the venue's last trade.
    return { venue, symbol: symbols[i], size: total, entryPrice: 0, markPrice: mark, liquidationPrice: null, venueUsd: Math.abs(total) * mark };
  });
}

/**
 * Venues whose spot wallet is apart from the derivatives account (Binance; Bitget's and Gate's
 * classic accounts; Hyperliquid's spot balances beside its perp margin); Bybit's and OKX's
 * unified accounts pay spot from one wallet.
 */
export const SEPARATE_SPOT_WALLETS: ReadonlySet<VenueId> = new Set<VenueId>(['binanceusdm', 'bitget', 'gate', 'hyperliquid']);

/** The spot wallet's stablecoins, where spot is a wallet of its own (SEPARATE_SPOT_WALLETS); with `params`, another wallet's (`type: 'margin'`). */
export async function spotQuoteRows(exchange: Exchange, params: Record<string, string> = {}): Promise<Balance[]> {
  const balance = await exchange.fetchBalance(params);
  const totals = balance.total as unknown as Record<string, number | undefined>;
  const free = balance.free as unknown as Record<string, number | undefined>;
  return [...STABLECOINS].filter((coin) => totals[coin] !== undefined).map((currency) => ({ currency, total: totals[currency] ?? 0, free: free[currency] ?? 0 }));
}

/**
 * What a spot order left the account holding and what its fees cost in USD, when each fee's coin
 * is known. Gate states a fee per currency (GT points, the fee, a rebate; ccxt then gives no
 * single `fee`): those charging nothing are left out, and a fee in the coin bought is held less.
 */
export function spotFill(exchange: Exchange, symbol: string, raw: CcxtOrder): { held: number; feeUsd: number } | null {
  const market = exchange.market(symbol);
  // ccxt's Order type omits `fees`, which its parsers set.
  const listed = raw.fee?.cost !== undefined ? [raw.fee] : (raw as { fees?: CcxtOrder['fee'][] }).fees ?? [];
  if (listed.length === 0) return null;
  let held = raw.filled ?? 0;
  let feeUsd = 0;
  // Hyperliquid's fills name the fee's token as the venue does (`UBTC`), ccxt's market the asset (`BTC`).
  const baseNames = new Set([market.base, (market as { baseName?: string }).baseName]);
  for (const { cost, currency } of listed.filter((fee) => fee !== undefined)) {
    if (cost === undefined || cost === 0) continue;
    if (baseNames.has(currency)) {
      if (raw.side === 'buy') held -= cost;
      feeUsd += cost * (raw.average ?? 0);
    } else if (currency === market.quote) feeUsd += cost;
    else return null;
  }
  return { held: Number(held.toPrecision(12)), feeUsd };
}

/**
 * What a spot order left held and its fees, from its fills: Hyperliquid's order answer and
 * order status state no fee, its fills (`userFillsByTime` from the order's time) do, each in the
 * coin it received; the order status states no average price either, the fills' prices do.
 * Null when the venue lists no fill of the order.
 */
export async function spotFillOfTrades(exchange: Exchange, symbol: string, order: { venueOrderId: string | null; side: 'buy' | 'sell'; filled: number; time: number }): Promise<{ held: number; feeUsd: number; average: number } | null> {
  const trades = await orderTrades(exchange, symbol, order);
  const average = averageOf(trades);
  if (average === null) return null;
  const coins = trades.reduce((sum, trade) => sum + (trade.amount ?? 0), 0);
  const fees = trades.map((trade) => trade.fee).filter((fee) => fee !== undefined);
  const fill = spotFill(exchange, symbol, { side: order.side, filled: coins, average, fees } as unknown as CcxtOrder);
  return fill && { ...fill, average };
}

/**
 * Coins of a spot leg that no order can sell: less than the venue's minimum quantity, step or
 * order value. A buy's fee taken in the coin leaves a fraction of a lot behind, and a close
 * sells whole lots only, so a closed leg may keep such dust; it is not exposure and counts as
 * flat (docs/orders.md, "Spot legs").
 */
export function isSpotDust(broker: Pick<Broker, 'lot'>, symbol: string, coins: number, pricePerCoin: number): boolean {
  if (!isSpotSymbol(symbol) || coins === 0) return false;
  let lot;
  try {
    lot = broker.lot(symbol);
  } catch {
    // The venue's spot market is not reachable: nothing says the coins are dust.
    return false;
  }
  const least = Math.max(lot.minQuantity ?? 0, lot.step ?? 0);
  return Math.abs(coins) < least * (1 - 1e-9) || (lot.minNotional !== null && pricePerCoin > 0 && Math.abs(coins) * pricePerCoin < lot.minNotional);
}
