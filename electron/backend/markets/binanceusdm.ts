/**
 * Binance USDⓈ-M. `/fapi/v1/premiumIndex` (fetchFundingRates) carries the running
 * period's estimated rate (named `lastFundingRate` by Binance), next settlement, mark and
 * index for every symbol in one call. It has no interval: `/fapi/v1/fundingInfo`
 * (fetchFundingIntervals) lists only symbols off the 8-h default, and changes while a
 * symbol trades (a capped symbol moves to 1 h), so it is re-read every minute.
 * Volume comes from the 24-h tickers and the best bid and ask from the book tickers
 * (`/fapi/v1/ticker/bookTicker`, fetchBidsAsks), both on a slower cadence; open interest is per
 * symbol only on Binance and is left out rather than costing hundreds of calls.
 */
import type { Exchange, FundingRate, Ticker } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, intervalHoursOf, numberOrNull } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';
import { presentFields } from './streamMerge.ts';
import type { StreamUpdate } from './streamMerge.ts';
import type { StreamSpec } from './streams.ts';

const VENUE = 'binanceusdm';

/** Where ccxt puts a Binance-shaped venue's next settlement (binanceusdm: `fundingTimestamp`; aster: `nextFundingTimestamp`). */
export type NextSettlementOf = (rate: FundingRate) => number | undefined;

/** What a Binance-shaped poll reads besides the premium index, per symbol (each may be missing). */
export interface PremiumIndexExtras {
  /** The symbol's row of the funding-info list (absent: the venue's default interval). */
  listedInterval?: FundingRate;
  /** The 24-h ticker (volume). */
  ticker?: Ticker;
  /** The book ticker (best bid and ask). */
  touch?: Ticker;
}

/**
 * A quote from a Binance-shaped premium index row: the running period's rate (named
 * `lastFundingRate` by Binance and Aster), the interval from the venue's funding-info list
 * (the venue's default where the list leaves the symbol out), 24-h volume from the tickers,
 * the best bid and ask from the book tickers.
 */
export function premiumIndexQuote(venue: VenueId, next: NextSettlementOf, market: PerpMarket, rate: FundingRate, extras: PremiumIndexExtras, observedAt: number): FundingQuote {
  const { listedInterval, ticker, touch } = extras;
  const intervalHours = intervalHoursOf(listedInterval?.interval) ?? VENUES[venue].defaultIntervalHours;
  return buildQuote(venue, market, {
    rate: rate.fundingRate,
    rateKind: 'predicted',
    intervalHours,
    nextFundingTime: next(rate),
    markPrice: rate.markPrice,
    indexPrice: rate.indexPrice,
    bid: touch?.bid,
    ask: touch?.ask,
    volume24hUsd: ticker?.quoteVolume,
  }, observedAt);
}

/** Binance states the next settlement as the funding timestamp of the premium index. */
export const binanceNext: NextSettlementOf = (rate) => rate.fundingTimestamp;

/**
 * One poll of a Binance-shaped venue: the premium index every poll, the interval list every
 * minute (it changes while a symbol trades), the 24-h tickers and the book tickers every half
 * minute (a spread moves little between; docs/venues.md "Bid and ask").
 */
export function premiumIndexFetch(venue: VenueId, next: NextSettlementOf): VenueSpec['fetchQuotes'] {
  return async ({ exchange, markets, observedAt, every }) => {
    const [rates, intervals, tickers, touches] = await Promise.all([
      exchange.fetchFundingRates(),
      every('fundingInfo', MINUTE_MS, () => exchange.fetchFundingIntervals()),
      every('tickers', MINUTE_MS / 2, () => exchange.fetchTickers()),
      every('bidsAsks', MINUTE_MS / 2, () => exchange.fetchBidsAsks()),
    ]);
    return knownRates(venue, rates, markets).map(([market, rate]) => premiumIndexQuote(venue, next, market, rate, {
      listedInterval: intervals[market.symbol], ticker: tickers[market.symbol], touch: touches[market.symbol],
    }, observedAt));
  };
}

export const binanceSpec: VenueSpec = {
  venue: VENUE,
  exchangeOptions: { fetchCurrencies: false },
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 1000,
  candlePageLimit: 1500,
  fetchQuotes: premiumIndexFetch(VENUE, binanceNext),
};

/**
 * A `markPriceUpdate` as ccxt.pro's `watchMarkPrices` hands it over. ccxt keeps only mark and
 * index as unified fields; the same payload's funding rate (`r`) and next settlement (`T`) are
 * read from `info`, the raw message ccxt exposes.
 */
export function binanceMarkUpdate(ticker: Ticker): StreamUpdate | null {
  const eventTime = numberOrNull(ticker.timestamp);
  if (eventTime === null || !ticker.symbol) return null;
  const info = (ticker.info ?? {}) as Record<string, unknown>;
  const next = numberOrNull(info.T);
  return {
    symbol: ticker.symbol,
    channel: 'markPrice',
    eventTime,
    fields: presentFields({ markPrice: numberOrNull(ticker.markPrice), indexPrice: numberOrNull(ticker.indexPrice), rate: numberOrNull(info.r), nextFundingTime: next === null ? null : Math.round(next) }),
  };
}

/**
 * One subscription (`!markPrice@arr@1s`) covers every symbol, once a second. ccxt resolves a
 * watch with the first message after the call; one arriving before the next call lands only
 * in its cache, so each turn reads the cache (the merge drops what was already applied).
 */
export const binanceStream: StreamSpec = {
  venue: VENUE,
  exchangeOptions: { fetchCurrencies: false },
  perSymbol: false,
  expectedGapMs: 1_000,
  watchers: (exchange: Exchange) => [async () => {
    await exchange.watchMarkPrices();
    return Object.values(exchange.tickers).map(binanceMarkUpdate).filter((update) => update !== null);
  }],
};

export function createBinanceAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(binanceSpec, context);
}
