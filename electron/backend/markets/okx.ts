/**
 * OKX v5. `/api/v5/public/funding-rate?instId=ANY` (fetchFundingRates) gives every swap's
 * running-period rate, `fundingTime` (the next settlement) and `nextFundingTime` (the one
 * after): the interval is their difference. It has no prices: marks come from
 * `/public/mark-price` each poll (fetchMarkPrices); 24-h volume, the best bid and ask (`bidPx`,
 * `askPx`) and open interest, on a slower cadence, from the tickers and `/public/open-interest`. OKX also reports the last
 * settled rate as `settFundingRate`.
 */
import type { Exchange, FundingRate, OpenInterest, Ticker } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, intervalHoursOf, numberOrNull, productOrNull } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';
import { presentFields } from './streamMerge.ts';
import type { StreamUpdate } from './streamMerge.ts';
import { cached, type StreamSpec } from './streams.ts';

const VENUE = 'okx';
const HOUR_MS = 3_600_000;

function okxIntervalHours(rate: FundingRate): number {
  const next = numberOrNull(rate.fundingTimestamp);
  const after = numberOrNull(rate.nextFundingTimestamp);
  if (next !== null && after !== null && after > next) return Math.round(((after - next) / HOUR_MS) * 100) / 100;
  return intervalHoursOf(rate.interval) ?? VENUES[VENUE].defaultIntervalHours;
}

export interface OkxExtras {
  mark?: Ticker;
  ticker?: Ticker;
  openInterest?: OpenInterest;
}

export function okxQuote(market: PerpMarket, rate: FundingRate, extras: OkxExtras, observedAt: number): FundingQuote {
  const info = (rate.info ?? {}) as Record<string, unknown>;
  const tickerInfo = (extras.ticker?.info ?? {}) as Record<string, unknown>;
  return buildQuote(VENUE, market, {
    rate: rate.fundingRate,
    rateKind: 'predicted',
    lastSettledRate: info.settFundingRate,
    intervalHours: okxIntervalHours(rate),
    nextFundingTime: rate.fundingTimestamp,
    markPrice: extras.mark?.markPrice,
    bid: extras.ticker?.bid,
    ask: extras.ticker?.ask,
    // Swap `volCcy24h` is in base coins (ccxt leaves quoteVolume empty for swaps).
    volume24hUsd: productOrNull(tickerInfo.volCcy24h, extras.ticker?.last),
    openInterestUsd: extras.openInterest?.openInterestValue,
  }, observedAt);
}

export const okxSpec: VenueSpec = {
  venue: VENUE,
  exchangeOptions: { defaultType: 'swap', fetchMarkets: { types: ['swap'] } },
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 100,
  candlePageLimit: 300,
  async fetchQuotes({ exchange, markets, observedAt, every }) {
    const [rates, marks, tickers, interests] = await Promise.all([
      exchange.fetchFundingRates(),
      exchange.fetchMarkPrices(undefined, { type: 'swap' }),
      every('tickers', MINUTE_MS / 2, () => exchange.fetchTickers(undefined, { type: 'swap' })),
      every('openInterest', MINUTE_MS, () => exchange.fetchOpenInterests()),
    ]);
    return knownRates(VENUE, rates, markets).map(([market, rate]) => okxQuote(market, rate, {
      mark: marks[market.symbol],
      ticker: tickers[market.symbol],
      openInterest: interests[market.symbol],
    }, observedAt));
  },
};

/** A `funding-rate` channel message; ccxt leaves its event time (`ts`) in `info` only. */
export function okxFundingUpdate(rate: FundingRate): StreamUpdate | null {
  const info = (rate.info ?? {}) as Record<string, unknown>;
  const eventTime = numberOrNull(info.ts);
  if (eventTime === null || !rate.symbol) return null;
  const next = numberOrNull(rate.fundingTimestamp);
  return {
    symbol: rate.symbol,
    channel: 'funding',
    eventTime,
    fields: presentFields({ rate: numberOrNull(rate.fundingRate), lastSettledRate: numberOrNull(info.settFundingRate), nextFundingTime: next === null ? null : Math.round(next) }),
  };
}

/** A `mark-price` channel message. */
export function okxMarkUpdate(ticker: Ticker): StreamUpdate | null {
  const eventTime = numberOrNull(ticker.timestamp);
  const markPrice = numberOrNull(ticker.markPrice);
  if (eventTime === null || markPrice === null || !ticker.symbol) return null;
  return { symbol: ticker.symbol, channel: 'markPrice', eventTime, fields: { markPrice } };
}

/** Each turn reads ccxt's cache of every watched symbol (see `binanceStream` for why). */
/** OKX subscribes per instrument: funding and mark channels for the most traded swaps. */
export const okxStream: StreamSpec = {
  venue: VENUE,
  exchangeOptions: { defaultType: 'swap' },
  perSymbol: true,
  expectedGapMs: 5_000,
  watchers: (exchange: Exchange, symbols: string[]) => symbols.length === 0 ? [] : [
    async () => {
      await exchange.watchFundingRates(symbols);
      return cached(exchange.fundingRates as Record<string, FundingRate> | undefined, symbols).map(okxFundingUpdate).filter((update) => update !== null);
    },
    async () => {
      await exchange.watchMarkPrices(symbols);
      return cached(exchange.tickers, symbols).map(okxMarkUpdate).filter((update) => update !== null);
    },
  ],
};

export function createOkxAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(okxSpec, context);
}
