/**
 * KuCoin Futures. Its contract list (`/api/v1/contracts/active`, which ccxt's `fetchTickers`
 * reads) carries, per contract, the running period's rate (`fundingFeeRate`, "current funding
 * rate", paid at the coming settlement), the interval (`fundingRateGranularity`, ms: KuCoin
 * mixes 1 h, 4 h and 8 h), mark, index, 24-h turnover and open interest in lots: one call per
 * poll. Its next settlement is `nextFundingRateTime`, milliseconds from now, not a time. ccxt's
 * `fetchFundingRates` is not used: it reads the unified-account endpoint, whose
 * `nextFundingTimestamp` is when the interval changes, not a settlement (docs/venues.md,
 * "KuCoin Futures"). No stream: polled only.
 */
import type { Ticker } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { MINUTE_MS, createVenueAdapter } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, numberOrNull, openInterestUsdOf } from './fundingQuote.ts';
import type { PerpMarket } from './perpMarkets.ts';
import { badResponse } from './venueErrors.ts';

const VENUE = 'kucoinfutures';
const HOUR_MS = 3_600_000;

/**
 * The next settlement from KuCoin's countdown, counted from when the poll was sent. KuCoin
 * settles on whole minutes (on the hour), so the time is snapped to the nearest minute: the
 * countdown is measured when the venue answers, a request's latency later.
 */
function nextSettlementOf(countdownMs: number | null, observedAt: number): number | null {
  if (countdownMs === null || countdownMs < 0) return null;
  return Math.round((observedAt + countdownMs) / MINUTE_MS) * MINUTE_MS;
}

function kucoinQuote(market: PerpMarket, ticker: Ticker, observedAt: number): FundingQuote {
  const row = (ticker.info ?? {}) as Record<string, unknown>;
  const granularityMs = numberOrNull(row.fundingRateGranularity);
  const mark = numberOrNull(row.markPrice);
  const openLots = numberOrNull(row.openInterest);
  return buildQuote(VENUE, market, {
    rate: row.fundingFeeRate,
    rateKind: 'predicted',
    lastSettledRate: null,
    intervalHours: granularityMs !== null && granularityMs > 0 ? granularityMs / HOUR_MS : VENUES[VENUE].defaultIntervalHours,
    nextFundingTime: nextSettlementOf(numberOrNull(row.nextFundingRateTime), observedAt),
    markPrice: mark,
    indexPrice: row.indexPrice,
    // turnoverOf24h is in the settle currency.
    volume24hUsd: row.turnoverOf24h,
    openInterestUsd: openInterestUsdOf(market, openLots, mark),
  }, observedAt);
}

export const kucoinfuturesSpec: VenueSpec = {
  venue: VENUE,
  // Contracts only: ccxt's kucoin would also load the spot symbol list.
  exchangeOptions: { defaultType: 'swap', fetchMarkets: { types: ['swap'] } },
  // ccxt's kucoin loads KuCoin's spot currency list (`/api/v3/currencies`) with the markets; perps need none of it.
  skipCurrencies: true,
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 100,
  candlePageLimit: 500,
  async fetchQuotes({ exchange, markets, observedAt }) {
    const tickers = await exchange.fetchTickers();
    const rows = Object.values(tickers);
    // ccxt returns `{}` for a garbage body: an empty list is a fault, not a venue without contracts.
    if (rows.length === 0) throw badResponse(VENUE, 'the contract list came back empty');
    return rows.flatMap((ticker) => {
      const market = ticker.symbol ? markets.get(ticker.symbol) : undefined;
      return market ? [kucoinQuote(market, ticker, observedAt)] : [];
    });
  },
};

export function createKucoinfuturesAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(kucoinfuturesSpec, context);
}
