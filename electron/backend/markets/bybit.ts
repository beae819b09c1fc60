/**
 * Bybit v5. `/v5/market/tickers?category=linear` (fetchFundingRates) carries the running
 * period's rate, next settlement, mark, index, best bid and ask (`bid1Price`, `ask1Price`), 24-h
 * turnover and open interest value in one call. The interval is the instrument's `fundingInterval` in minutes (market info); newer
 * tickers also carry `fundingIntervalHour`, preferred because it is as fresh as the rate.
 * Markets are reloaded every 5 minutes so that an interval change shows even without it.
 * The most traded symbols' mark, index, rate and next settlement also arrive by websocket
 * (`bybitStream`).
 */
import type { FundingRate } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, intervalHoursOf, numberOrNull } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';
import type { StreamSpec } from './streams.ts';
import { tickerRowWatchers } from './tickerRowStream.ts';

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
    bid: info.bid1Price,
    ask: info.ask1Price,
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
 * Bybit subscribes per symbol (`tickers.<symbol>` on `/v5/public/linear`): a snapshot, then
 * deltas of what changed, which ccxt merges into the row it keeps. Bybit pushes linear tickers every 100 ms; a second is taken as the
 * longest quiet gap across the most traded symbols.
 */
export const bybitStream: StreamSpec = {
  venue: VENUE,
  exchangeOptions: bybitSpec.exchangeOptions,
  perSymbol: true,
  expectedGapMs: 1_000,
  watchers: tickerRowWatchers,
};

export function createBybitAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(bybitSpec, context);
}
