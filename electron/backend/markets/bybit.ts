/**
 * Bybit v5. `/v5/market/tickers?category=linear` (fetchFundingRates) carries the running
 * period's rate, next settlement, mark, index, 24-h turnover and open interest value in one
 * call. The interval is the instrument's `fundingInterval` in minutes (market info); newer
 * tickers also carry `fundingIntervalHour`, preferred because it is as fresh as the rate.
 * Markets are reloaded every 5 minutes so that an interval change shows even without it.
 * The most traded symbols' mark, index, rate and next settlement also arrive by websocket
 * (`bybitStream`).
 */
import type { Exchange, FundingRate, Ticker } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, intervalHoursOf, numberOrNull } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';
import { presentFields, type StreamUpdate } from './streamMerge.ts';
import { cached, type StreamSpec } from './streams.ts';

const VENUE = 'bybit';

function bybitIntervalHours(market: PerpMarket, rate: FundingRate): number {
  const info = (rate.info ?? {}) as Record<string, unknown>;
  const fromTicker = numberOrNull(info.fundingIntervalHour);
  if (fromTicker !== null && fromTicker > 0) return fromTicker;
  const minutes = numberOrNull(market.info.fundingInterval);
  if (minutes !== null && minutes > 0) return minutes / 60;
  return intervalHoursOf(rate.interval) ?? VENUES[VENUE].defaultIntervalHours;
}

export function bybitQuote(market: PerpMarket, rate: FundingRate, observedAt: number): FundingQuote {
  const info = (rate.info ?? {}) as Record<string, unknown>;
  return buildQuote(VENUE, market, {
    rate: rate.fundingRate,
    rateKind: 'predicted',
    intervalHours: bybitIntervalHours(market, rate),
    nextFundingTime: rate.fundingTimestamp,
    markPrice: rate.markPrice,
    indexPrice: rate.indexPrice,
    volume24hUsd: info.turnover24h,
    openInterestUsd: info.openInterestValue,
  }, observedAt);
}

export const bybitSpec: VenueSpec = {
  venue: VENUE,
  // Linear only: 2 requests per market load instead of 11.
  exchangeOptions: { fetchMarkets: { types: ['linear'] } },
  marketsReloadMs: 5 * MINUTE_MS,
  historyPageLimit: 200,
  candlePageLimit: 1000,
  async fetchQuotes({ exchange, markets, observedAt }) {
    const rates = await exchange.fetchFundingRates(undefined, { subType: 'linear' });
    return knownRates(VENUE, rates, markets).map(([market, rate]) => bybitQuote(market, rate, observedAt));
  },
};

/**
 * A `tickers.<symbol>` message as ccxt.pro's `watchTickers` keeps it: ccxt merges Bybit's
 * deltas into the raw row (`info`) and stamps the message time; the mark, index, rate and next
 * settlement are read from that row.
 */
export function bybitTickerUpdate(ticker: Ticker): StreamUpdate | null {
  const eventTime = numberOrNull(ticker.timestamp);
  if (eventTime === null || !ticker.symbol) return null;
  const info = (ticker.info ?? {}) as Record<string, unknown>;
  const next = numberOrNull(info.nextFundingTime);
  return {
    symbol: ticker.symbol,
    channel: 'ticker',
    eventTime,
    fields: presentFields({ markPrice: numberOrNull(info.markPrice), indexPrice: numberOrNull(info.indexPrice), rate: numberOrNull(info.fundingRate), nextFundingTime: next === null ? null : Math.round(next) }),
  };
}

/**
 * Bybit subscribes per symbol (`tickers.<symbol>` on `/v5/public/linear`): a snapshot, then
 * deltas of what changed. Bybit pushes linear tickers every 100 ms; a second is taken as the
 * longest quiet gap across the most traded symbols.
 */
export const bybitStream: StreamSpec = {
  venue: VENUE,
  exchangeOptions: bybitSpec.exchangeOptions,
  perSymbol: true,
  expectedGapMs: 1_000,
  watchers: (exchange: Exchange, symbols: string[]) => symbols.length === 0 ? [] : [async () => {
    await exchange.watchTickers(symbols);
    return cached(exchange.tickers, symbols).map(bybitTickerUpdate).filter((update) => update !== null);
  }],
};

export function createBybitAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(bybitSpec, context);
}
