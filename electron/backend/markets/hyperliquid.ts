/**
 * Hyperliquid. One `metaAndAssetCtxs` call (fetchFundingRates) gives every perp's current
 * hourly rate, mark, oracle price, 24-h notional volume and open interest (coins). Every
 * symbol settles on the hour; ccxt computes that from the machine clock, so the adapter
 * computes it from the terminal's clock instead (the simulator may run its own).
 */
import type { FundingRate } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { nextSettlementAfter } from '../../../shared/funding/settlements.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, productOrNull } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';

const VENUE = 'hyperliquid';
const INTERVAL_HOURS = 1;

export function hyperliquidQuote(market: PerpMarket, rate: FundingRate, observedAt: number): FundingQuote {
  const info = (rate.info ?? {}) as Record<string, unknown>;
  return buildQuote(VENUE, market, {
    rate: rate.fundingRate,
    rateKind: 'predicted',
    intervalHours: INTERVAL_HOURS,
    nextFundingTime: nextSettlementAfter(observedAt, INTERVAL_HOURS),
    markPrice: rate.markPrice,
    indexPrice: rate.indexPrice,
    volume24hUsd: info.dayNtlVlm,
    openInterestUsd: productOrNull(info.openInterest, rate.markPrice),
  }, observedAt);
}

export const hyperliquidSpec: VenueSpec = {
  venue: VENUE,
  exchangeOptions: { fetchMarkets: { types: ['swap'] } },
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 500,
  candlePageLimit: 5000,
  async fetchQuotes({ exchange, markets, observedAt }) {
    const rates = await exchange.fetchFundingRates();
    return knownRates(VENUE, rates, markets).map(([market, rate]) => hyperliquidQuote(market, rate, observedAt));
  },
};

export function createHyperliquidAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(hyperliquidSpec, context);
}
