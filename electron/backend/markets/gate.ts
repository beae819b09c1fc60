/**
 * Gate v4 futures. `/futures/{settle}/contracts` (fetchFundingRates) carries, per contract,
 * the running period's rate (`funding_rate`, "current funding rate", applied at
 * `funding_next_apply`), interval, next settlement, mark and index; no last settled rate
 * (that is in the funding history). `funding_rate_indicative` (ccxt's `nextFundingRate`) is
 * deprecated by Gate and not read (docs/venues.md, "Gate", "Funding rate"). 24-h volume, the best
 * bid and ask (`highest_bid`, `lowest_ask`) and open interest come from the tickers on a slower
 * cadence. The most traded contracts' mark,
 * index and rate also arrive by websocket (`gateStream`).
 */
import type { Exchange, FundingRate, Ticker } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, intervalHoursOf, numberOrNull, openInterestUsdOf } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';
import { mergeBySymbol, settleCurrencies } from './settleGroups.ts';
import { presentFields, type StreamUpdate } from './streamMerge.ts';
import { tickerCacheWatchers, type StreamSpec } from './streams.ts';

const VENUE = 'gate';

/** `funding_interval` is in seconds; read it directly, ccxt's interval table lacks 2 h. */
function gateIntervalHours(rate: FundingRate): number {
  const seconds = numberOrNull((rate.info as Record<string, unknown> | undefined)?.funding_interval);
  if (seconds !== null && seconds > 0) return seconds / 3600;
  return intervalHoursOf(rate.interval) ?? VENUES[VENUE].defaultIntervalHours;
}

export function gateQuote(market: PerpMarket, rate: FundingRate, ticker: Ticker | undefined, observedAt: number): FundingQuote {
  const tickerInfo = (ticker?.info ?? {}) as Record<string, unknown>;
  const openContracts = numberOrNull(tickerInfo.total_size);
  const mark = numberOrNull(rate.markPrice);
  return buildQuote(VENUE, market, {
    rate: rate.fundingRate,
    rateKind: 'predicted',
    lastSettledRate: null,
    intervalHours: gateIntervalHours(rate),
    nextFundingTime: rate.fundingTimestamp,
    markPrice: mark,
    indexPrice: rate.indexPrice,
    bid: ticker?.bid,
    ask: ticker?.ask,
    volume24hUsd: ticker?.quoteVolume,
    openInterestUsd: openInterestUsdOf(market, openContracts, mark),
  }, observedAt);
}

export const gateSpec: VenueSpec = {
  venue: VENUE,
  exchangeOptions: { defaultType: 'swap', fetchMarkets: { types: ['swap'] }, swap: { fetchMarkets: { settlementCurrencies: ['usdt'] } } },
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 1000,
  candlePageLimit: 1000,
  async fetchQuotes({ exchange, markets, observedAt, every }) {
    const settles = settleCurrencies(markets).map((settle) => settle.toLowerCase());
    const [rateParts, tickerParts] = await Promise.all([
      Promise.all(settles.map((settle) => exchange.fetchFundingRates(undefined, { settle }))),
      every('tickers', MINUTE_MS / 2, () => Promise.all(settles.map((settle) => exchange.fetchTickers(undefined, { type: 'swap', settle })))),
    ]);
    const tickers = mergeBySymbol(tickerParts);
    return knownRates(VENUE, mergeBySymbol(rateParts), markets).map(([market, rate]) => gateQuote(market, rate, tickers[market.symbol], observedAt));
  },
};

/**
 * A `futures.tickers` row as ccxt.pro's `watchTickers` keeps it (`t`, the push time, is its
 * timestamp). The row carries no next settlement: that stays with the contracts poll.
 */
export function gateTickerUpdate(ticker: Ticker): StreamUpdate | null {
  const eventTime = numberOrNull(ticker.timestamp);
  if (eventTime === null || !ticker.symbol) return null;
  const info = (ticker.info ?? {}) as Record<string, unknown>;
  return {
    symbol: ticker.symbol,
    channel: 'ticker',
    eventTime,
    fields: presentFields({ markPrice: numberOrNull(info.mark_price), indexPrice: numberOrNull(info.index_price), rate: numberOrNull(info.funding_rate) }),
  };
}

/**
 * Gate subscribes per contract (`futures.tickers` on `/v4/ws/usdt`, the USDT-settled perps the
 * adapter loads). Gate states no cadence (tickers follow trades); 2 s is taken as the longest
 * quiet gap across the most traded contracts.
 */
export const gateStream: StreamSpec = {
  venue: VENUE,
  exchangeOptions: gateSpec.exchangeOptions,
  perSymbol: true,
  expectedGapMs: 2_000,
  watchers: (exchange: Exchange, symbols: string[]) => tickerCacheWatchers(exchange, symbols, (watched) => exchange.watchTickers(watched), gateTickerUpdate),
};

export function createGateAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(gateSpec, context);
}
