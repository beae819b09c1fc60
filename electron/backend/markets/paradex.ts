/**
 * Paradex perpetuals (a StarkNet DEX, USDC-settled, `BTC-USD-PERP` is `BTC/USD:USDC`). One call
 * per poll, the markets summary `GET /v1/markets/summary?market=ALL` (ccxt's fetchFundingRates),
 * states every market's rate, mark, index (`underlying_price`), best bid and ask, 24-h volume
 * in USD and open interest in coins. Paradex funds continuously: the rate is recomputed every
 * second and accrues each second, quoted for the market's funding period (8 h,
 * `funding_period_hours`, which ccxt puts in the rate's `interval`); there is no settlement
 * event, so a quote carries no next settlement time (docs/venues.md, "Paradex").
 */
import type { FundingRate } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, intervalHoursOf, numberOrNull, openInterestUsdOf } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';

const VENUE = 'paradex';

function paradexQuote(market: PerpMarket, rate: FundingRate, observedAt: number): FundingQuote {
  const info = (rate.info ?? {}) as Record<string, unknown>;
  return buildQuote(VENUE, market, {
    rate: rate.fundingRate,
    // The running rate for a whole period, accruing as it stands: the running period's, as elsewhere.
    rateKind: 'predicted',
    intervalHours: intervalHoursOf(rate.interval) ?? VENUES[VENUE].defaultIntervalHours,
    nextFundingTime: null,
    markPrice: rate.markPrice,
    indexPrice: rate.indexPrice,
    bid: info.bid,
    ask: info.ask,
    volume24hUsd: info.volume_24h,
    openInterestUsd: openInterestUsdOf(market, numberOrNull(info.open_interest), numberOrNull(rate.markPrice)),
  }, observedAt);
}

export const paradexSpec: VenueSpec = {
  venue: VENUE,
  exchangeOptions: {},
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 1000,
  candlePageLimit: 1000,
  continuousFunding: true,
  longestCandle: '1h',
  async fetchQuotes({ exchange, markets, observedAt }) {
    const rates = await exchange.fetchFundingRates();
    return knownRates(VENUE, rates, markets).map(([market, rate]) => paradexQuote(market, rate, observedAt));
  },
};

export function createParadexAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(paradexSpec, context);
}
