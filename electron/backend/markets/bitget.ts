/**
 * Bitget v2 mix. The tickers endpoint (ccxt's default fetchFundingRates) carries the
 * running period's rate, mark, index, best bid and ask (`bidPr`, `askPr`), 24-h volume and open
 * interest, but no interval and no
 * settlement time; `current-fund-rate` (fetchFundingIntervals) carries those. Both answer
 * per product type (USDT-FUTURES, USDC-FUTURES), so a poll is two calls per settle currency.
 * The most traded contracts' mark, index, rate and next settlement also arrive by websocket
 * (`bitgetStream`).
 */
import type { Exchange, FundingRate } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, intervalHoursOf, productOrNull } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';
import { mergeBySymbol, settleCurrencies } from './settleGroups.ts';
import type { StreamSpec } from './streams.ts';
import { tickerRowWatchers } from './tickerRowStream.ts';

const VENUE = 'bitget';

export function bitgetQuote(market: PerpMarket, ticker: FundingRate, current: FundingRate | undefined, observedAt: number): FundingQuote {
  const info = (ticker.info ?? {}) as Record<string, unknown>;
  return buildQuote(VENUE, market, {
    rate: ticker.fundingRate ?? current?.fundingRate,
    rateKind: 'predicted',
    intervalHours: intervalHoursOf(current?.interval) ?? VENUES[VENUE].defaultIntervalHours,
    nextFundingTime: current?.fundingTimestamp,
    markPrice: ticker.markPrice,
    indexPrice: ticker.indexPrice,
    bid: info.bidPr,
    ask: info.askPr,
    volume24hUsd: info.usdtVolume ?? info.quoteVolume,
    // holdingAmount is in base coins.
    openInterestUsd: productOrNull(info.holdingAmount, ticker.markPrice),
  }, observedAt);
}

export const bitgetSpec: VenueSpec = {
  venue: VENUE,
  exchangeOptions: { defaultType: 'swap', fetchMarkets: { types: ['swap'] } },
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 100,
  historyPagedByCcxt: true,
  candlePageLimit: 1000,
  async fetchQuotes({ exchange, markets, observedAt }) {
    const productTypes = settleCurrencies(markets).map((settle) => `${settle}-FUTURES`);
    const answers = await Promise.all(productTypes.map((productType) => Promise.all([
      exchange.fetchFundingRates(undefined, { productType }),
      exchange.fetchFundingIntervals(undefined, { productType }),
    ])));
    const tickers = mergeBySymbol(answers.map(([rates]) => rates));
    const current = mergeBySymbol(answers.map(([, intervals]) => intervals));
    return knownRates(VENUE, tickers, markets).map(([market, ticker]) => bitgetQuote(market, ticker, current[market.symbol], observedAt));
  },
};

/**
 * Bitget's contract `ticker` channel (`/v2/ws/public`, one subscription per contract) carries
 * the mark, index, running rate and next settlement under Bybit's names. ccxt.pro's
 * `watchTickers` gives every symbol the first one's product type, so each settle currency gets
 * its own loop. Bitget pushes on change; a second is taken as the longest quiet gap across the
 * most traded contracts.
 */
export const bitgetStream: StreamSpec = {
  venue: VENUE,
  exchangeOptions: bitgetSpec.exchangeOptions,
  perSymbol: true,
  expectedGapMs: 1_000,
  watchers: (exchange: Exchange, symbols: string[]) => {
    const bySettle = Map.groupBy(symbols, (symbol) => exchange.market(symbol).settle);
    return [...bySettle.values()].flatMap((group) => tickerRowWatchers(exchange, group));
  },
};

export function createBitgetAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(bitgetSpec, context);
}
