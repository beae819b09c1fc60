/**
 * Lighter perpetuals (USDC-settled, `/api/v1/…`), read without keys. Two public calls a poll:
 * `funding-rates` (ccxt's fetchFundingRates; Lighter lists other exchanges' rates beside its
 * own and ccxt keeps the rows of `exchange: "lighter"`) and `orderBookDetails` (ccxt's
 * fetchTickers, also its market list: last trade, 24-h USDC volume, open interest in coins).
 * Lighter settles every hour on the hour; its `rate` is stated per 8 hours, of which an eighth
 * is paid at each hour mark, so the quote carries rate / 8 per 1-h interval. The details state
 * no mark or index: the quote's mark is the last trade. Settled funding comes from Lighter's
 * `fundings`, which ccxt 4.5.84 lists but does not parse (docs/venues.md, "Lighter", "Funding history").
 */
import type { Exchange, FundingRate, FundingRateHistory, Ticker } from 'ccxt';
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
const HOUR_S = 3_600;
/**
 * Hours asked of `fundings` per request: Lighter caps an answer (about 750 rows, third-party
 * readers say; its reference states no figure), so each request spans fewer settlements than that.
 */
const SETTLEMENTS_PER_REQUEST = 500;

/** One `fundings` row: `timestamp` in seconds, `rate` in percent of the notional for the hour, paid by the side `direction` names. */
interface LighterFundingRow {
  timestamp?: number;
  rate?: string;
  direction?: string;
  value?: string;
}

/**
 * The hour's settled rate as a fraction, positive when longs paid: Lighter writes the rate
 * unsigned, in percent ("0.0012" is 0.000012), and the paying side apart. A row naming
 * neither side is unreadable (null).
 */
export function lighterSettledRate(row: LighterFundingRow): number | null {
  const percent = numberOrNull(row.rate);
  const sign = row.direction === 'long' ? 1 : row.direction === 'short' ? -1 : null;
  return percent === null || sign === null ? null : (sign * Math.abs(percent)) / 100;
}

/**
 * Settlements of `symbol` in [since, until] from `GET /api/v1/fundings` (market index, `1h`
 * resolution, start and end in seconds, `count_back` the hours asked), one request per
 * `SETTLEMENTS_PER_REQUEST` hours so that no answer reaches Lighter's cap.
 */
async function lighterSettlements(exchange: Exchange, symbol: string, since: number, until: number): Promise<FundingRateHistory[]> {
  const marketId = exchange.market(symbol).id;
  const api = exchange as unknown as { publicGetFundings(params: Record<string, unknown>): Promise<{ fundings?: LighterFundingRow[] }> };
  const out: FundingRateHistory[] = [];
  const span = SETTLEMENTS_PER_REQUEST * HOUR_S;
  // Whole seconds on both ends, so that consecutive requests neither overlap nor leave a gap.
  for (let start = Math.ceil(since / 1_000); start <= Math.floor(until / 1_000); start += span + 1) {
    const end = Math.min(Math.floor(until / 1_000), start + span);
    const answer = await api.publicGetFundings({ market_id: marketId, resolution: '1h', start_timestamp: start, end_timestamp: end, count_back: SETTLEMENTS_PER_REQUEST + 1 });
    for (const row of answer.fundings ?? []) {
      const seconds = numberOrNull(row.timestamp);
      if (seconds === null) continue;
      const time = seconds * 1_000;
      out.push({ info: row, symbol, timestamp: time, datetime: exchange.iso8601(time) ?? '', fundingRate: lighterSettledRate(row) ?? undefined });
    }
  }
  return out;
}

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
  historyPageLimit: SETTLEMENTS_PER_REQUEST,
  readSettlements: lighterSettlements,
  candlePageLimit: 500,
  async fetchQuotes({ exchange, markets, observedAt }) {
    const [rates, tickers] = await Promise.all([exchange.fetchFundingRates(), exchange.fetchTickers()]);
    return knownRates(VENUE, rates, markets).map(([market, rate]) => lighterQuote(market, rate, tickers[market.symbol], observedAt));
  },
};

export function createLighterAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(lighterSpec, context);
}
