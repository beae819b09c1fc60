/**
 * Aster perpetuals. Aster's futures API is Binance's (`/fapi/v3/…`): the premium index
 * (fetchFundingRates) carries every symbol's running-period rate (`lastFundingRate`), next
 * settlement, mark and index in one call. Unlike Binance, its funding-info list
 * (fetchFundingIntervals) states every symbol's interval (1 h, 4 h and 8 h are all in use), and
 * ccxt puts the next settlement in `nextFundingTimestamp`, not `fundingTimestamp`. ccxt also
 * lists Aster's spot pairs; the market catalog keeps the perpetuals only. Marks and rates of the
 * most traded symbols also arrive by websocket (`asterStream`).
 */
import { MINUTE_MS, createVenueAdapter } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import type { Exchange } from 'ccxt';
import { binanceMarkUpdate, premiumIndexFetch, type NextSettlementOf } from './binanceusdm.ts';
import { tickerCacheWatchers, type StreamSpec } from './streams.ts';

const VENUE = 'aster';
const asterNext: NextSettlementOf = (rate) => rate.nextFundingTimestamp;

export const asterSpec: VenueSpec = {
  venue: VENUE,
  // Swap by default: ccxt's Aster defaults to spot for calls that take no symbol (tickers).
  exchangeOptions: { defaultType: 'swap' },
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 1000,
  candlePageLimit: 1500,
  fetchQuotes: premiumIndexFetch(VENUE, asterNext),
};

/**
 * Aster streams Binance's `markPriceUpdate` per symbol (`<symbol>@markPrice@1s`; ccxt.pro's
 * Aster takes no subscription without symbols): mark, index, the running rate and the next
 * settlement, once a second, for the most traded symbols.
 */
export const asterStream: StreamSpec = {
  venue: VENUE,
  exchangeOptions: asterSpec.exchangeOptions,
  perSymbol: true,
  expectedGapMs: 1_000,
  watchers: (exchange: Exchange, symbols: string[]) => tickerCacheWatchers(exchange, symbols, (watched) => exchange.watchMarkPrices(watched), binanceMarkUpdate),
};

export function createAsterAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(asterSpec, context);
}
