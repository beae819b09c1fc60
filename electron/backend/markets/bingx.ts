/**
 * BingX perpetual swaps (USDT-margined, `/openApi/swap/v2/…`). The premium index
 * (`quote/premiumIndex`, ccxt's fetchFundingRates) lists every contract's running-period rate
 * (`lastFundingRate`, paid at `nextFundingTime`), mark and index in one call, and states each
 * contract's interval (`fundingIntervalHours`: BingX mixes 1 h, 4 h and 8 h), which ccxt puts
 * in the rate's `interval`. Volume and the best bid and ask (`bidPrice`, `askPrice`) come from
 * the 24-h tickers on a slower cadence; open
 * interest is per contract only on BingX and is left out (docs/venues.md, "BingX").
 */
import type { FundingRate, Ticker } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, intervalHoursOf } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';

const VENUE = 'bingx';

function bingxQuote(market: PerpMarket, rate: FundingRate, ticker: Ticker | undefined, observedAt: number): FundingQuote {
  return buildQuote(VENUE, market, {
    rate: rate.fundingRate,
    rateKind: 'predicted',
    // A row without its interval (BingX's older answers) is taken to settle on the venue's default.
    intervalHours: intervalHoursOf(rate.interval) ?? VENUES[VENUE].defaultIntervalHours,
    nextFundingTime: rate.nextFundingTimestamp,
    markPrice: rate.markPrice,
    indexPrice: rate.indexPrice,
    bid: ticker?.bid,
    ask: ticker?.ask,
    volume24hUsd: ticker?.quoteVolume,
  }, observedAt);
}

export const bingxSpec: VenueSpec = {
  venue: VENUE,
  // Swap by default: ccxt's bingx defaults to spot for calls that take no symbol (tickers).
  exchangeOptions: { defaultType: 'swap' },
  // ccxt's bingx reads the wallet's coin list with the markets when it has a key; perps need none of it.
  skipCurrencies: true,
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 1000,
  candlePageLimit: 1440,
  async fetchQuotes({ exchange, markets, observedAt, every }) {
    const [rates, tickers] = await Promise.all([
      exchange.fetchFundingRates(),
      every('tickers', MINUTE_MS / 2, () => exchange.fetchTickers()),
    ]);
    return knownRates(VENUE, rates, markets).map(([market, rate]) => bingxQuote(market, rate, tickers[market.symbol], observedAt));
  },
};

export function createBingxAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(bingxSpec, context);
}
