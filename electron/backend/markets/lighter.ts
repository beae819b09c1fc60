/**
 * Lighter perpetuals (USDC-settled, `/api/v1/…`), read without keys. Two public calls a poll:
 * `funding-rates` (ccxt's fetchFundingRates; Lighter lists other exchanges' rates beside its
 * own and ccxt keeps the rows of `exchange: "lighter"`) and `orderBookDetails` (ccxt's
 * fetchTickers, also its market list: last trade, 24-h USDC volume, open interest in coins).
 * Lighter settles every hour on the hour; its `rate` is stated per 8 hours, of which an eighth
 * is paid at each hour mark, so the quote carries rate / 8 per 1-h interval. The details state
 * no mark or index: the quote's mark is the last trade. ccxt 4.5.84 reads no Lighter funding
 * history (docs/venues.md, "Lighter").
 */
import type { FundingRate, Ticker } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { nextSettlementAfter } from '../../../shared/funding/settlements.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, numberOrNull, openInterestUsdOf } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';

const VENUE = 'lighter';
const INTERVAL_HOURS = 1;
/** Lighter's `funding-rates` figure is per 8 hours; an eighth of it settles at each hour mark. */
export const LIGHTER_RATE_HOURS = 8;

function lighterQuote(market: PerpMarket, rate: FundingRate, ticker: Ticker | undefined, observedAt: number): FundingQuote {
  const funding = numberOrNull(rate.fundingRate);
  const row = (ticker?.info ?? {}) as Record<string, unknown>;
  const last = numberOrNull(ticker?.last);
  return buildQuote(VENUE, market, {
    rate: funding === null ? null : (funding * INTERVAL_HOURS) / LIGHTER_RATE_HOURS,
    // The running hour's rate, paid at the coming hour mark (Lighter samples its premium every minute).
    rateKind: 'predicted',
    intervalHours: INTERVAL_HOURS,
    nextFundingTime: nextSettlementAfter(observedAt, INTERVAL_HOURS),
    markPrice: last,
    volume24hUsd: ticker?.quoteVolume,
    openInterestUsd: openInterestUsdOf(market, numberOrNull(row.open_interest), last),
  }, observedAt);
}

export const lighterSpec: VenueSpec = {
  venue: VENUE,
  exchangeOptions: { defaultType: 'swap' },
  // ccxt's lighter reads the asset list (`assetDetails`) with the markets; perps need none of it.
  skipCurrencies: true,
  marketsReloadMs: 30 * MINUTE_MS,
  // Unused: ccxt 4.5.84's lighter has no fetchFundingRateHistory.
  historyPageLimit: 100,
  noFundingHistory: 'settled funding history is not read (ccxt 4.5.84 has no funding-history call for Lighter)',
  candlePageLimit: 500,
  async fetchQuotes({ exchange, markets, observedAt }) {
    const [rates, tickers] = await Promise.all([exchange.fetchFundingRates(), exchange.fetchTickers()]);
    return knownRates(VENUE, rates, markets).map(([market, rate]) => lighterQuote(market, rate, tickers[market.symbol], observedAt));
  },
};

export function createLighterAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(lighterSpec, context);
}
