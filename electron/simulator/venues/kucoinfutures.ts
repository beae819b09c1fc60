/**
 * KuCoin Futures wire format: the public endpoints ccxt's `kucoinfutures` calls for markets,
 * the running funding rate, funding history, candles and time. KuCoin wraps every answer in
 * `{"code": "200000", "data": …}`, counts sizes in lots of `multiplier` coins, sends numbers as
 * JSON numbers (but `openInterest`, a string), and states the next settlement as milliseconds
 * from now (`nextFundingRateTime`), not as a time (docs/venues.md, "KuCoin Futures").
 * Errors are `{"code": "<six digits>", "msg": …}`. The order book (`level2`) and the risk-limit
 * tiers are served here, the signed account and order endpoints in kucoinfuturesPrivate.ts.
 */
import type { SimContext, SimInstrument, SimMarket, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { decimalString } from './wireDecimal.ts';
import { optionalInt } from './queryParams.ts';
import { TIER_COUNT, marginTiers, tierStep } from '../marginTiers.ts';
import { authenticateKucoin } from './kucoinfuturesAuth.ts';
import { handleKucoinPrivate, isKucoinPrivate, kucoinFailure, kucoinOk } from './kucoinfuturesPrivate.ts';

const VENUE = 'kucoinfutures';
const BASE = '/api/v1';
const HOUR_MS = 3_600_000;
/** KuCoin's kline granularities, in minutes. */
const GRANULARITIES = new Set([1, 5, 15, 30, 60, 120, 240, 480, 720, 1440, 10080]);
/** Rows KuCoin returns at most per kline request. */
const KLINE_LIMIT = 500;

const ok = kucoinOk;

function kucoinError(status: number, code: string, msg: string): SimResponse {
  return kucoinFailure(code, msg, status);
}

/** Lots of `multiplier` coins, as KuCoin counts sizes and open interest. */
function lots(instrument: SimInstrument, coins: number): number {
  return Math.round(coins / instrument.contractSize);
}

/** KuCoin calls bitcoin XBT in its own ids and currency fields. */
function currencyId(base: string): string {
  return base === 'BTC' ? 'XBT' : base;
}

function clampRate(instrument: SimInstrument, rate: number): number {
  return Number(Math.min(instrument.fundingCap, Math.max(instrument.fundingFloor, rate)).toPrecision(12));
}

/** One contract row, as `/api/v1/contracts/active` lists it (and `/api/v1/contracts/{symbol}` answers it). */
function contractRow(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  const ticker = market.ticker(VENUE, instrument.id);
  const base = currencyId(instrument.base);
  const hours = `${funding.intervalHours}H`;
  const change = ticker.last - ticker.open24h;
  return {
    symbol: instrument.id,
    rootSymbol: instrument.settle,
    type: 'FFWCSX',
    firstOpenDate: instrument.listedAt,
    expireDate: null,
    settleDate: null,
    baseCurrency: base,
    quoteCurrency: instrument.quote,
    settleCurrency: instrument.settle,
    maxOrderQty: 1_000_000,
    maxPrice: 1_000_000,
    lotSize: instrument.stepSize,
    tickSize: instrument.tickSize,
    indexPriceTickSize: instrument.tickSize,
    multiplier: instrument.contractSize,
    initialMargin: Number((1 / instrument.maxLeverage).toPrecision(12)),
    maintainMargin: instrument.maintenanceMarginRate,
    maxRiskLimit: tierStep(instrument) * TIER_COUNT,
    minRiskLimit: tierStep(instrument),
    riskStep: tierStep(instrument),
    makerFeeRate: 0.0002,
    takerFeeRate: 0.0006,
    takerFixFee: 0,
    makerFixFee: 0,
    settlementFee: null,
    isDeleverage: true,
    isQuanto: true,
    isInverse: false,
    markMethod: 'FairPrice',
    fairMethod: 'FundingRate',
    fundingBaseSymbol: `.${base}INT${hours}`,
    fundingQuoteSymbol: `.${instrument.quote}INT${hours}`,
    fundingRateSymbol: `.${instrument.id}FPI${hours}`,
    indexSymbol: `.K${base}${instrument.quote}`,
    settlementSymbol: '',
    status: 'Open',
    // KuCoin: "current funding rate", the one paid at the coming settlement; the predicted one
    // is the estimate for the period after it, from the premium now.
    fundingFeeRate: funding.rate,
    predictedFundingFeeRate: clampRate(instrument, funding.premiumIndex + funding.interestRate),
    fundingRateGranularity: funding.intervalHours * HOUR_MS,
    openInterest: String(lots(instrument, ticker.openInterestBase)),
    turnoverOf24h: ticker.volume24hQuote,
    volumeOf24h: ticker.volume24hBase,
    markPrice: ticker.mark,
    indexPrice: ticker.index,
    lastTradePrice: ticker.last,
    // Milliseconds until the next settlement, not a time.
    nextFundingRateTime: Math.max(0, funding.nextFundingTime - market.now()),
    maxLeverage: instrument.maxLeverage,
    sourceExchanges: ['okex', 'binance', 'kucoin', 'bybit', 'bitget', 'gateio'],
    premiumsSymbol1M: `.${instrument.id}PI`,
    premiumsSymbol8H: `.${instrument.id}PI8H`,
    fundingBaseSymbol1M: `.${base}INT`,
    fundingQuoteSymbol1M: `.${instrument.quote}INT`,
    lowPrice: ticker.low24h,
    highPrice: ticker.high24h,
    priceChgPct: ticker.open24h === 0 ? 0 : Number((change / ticker.open24h).toFixed(4)),
    priceChg: Number(change.toFixed(instrument.pricePrecision)),
  };
}

/** GET /api/v1/funding-rate/{symbol}/current: the running period's rate, named by its funding index. */
function currentFunding(market: SimMarket, instrument: SimInstrument): SimResponse {
  const funding = market.funding(VENUE, instrument.id);
  return ok({
    symbol: `.${instrument.id}FPI${funding.intervalHours}H`,
    granularity: funding.intervalHours * HOUR_MS,
    timePoint: funding.nextFundingTime - funding.intervalHours * HOUR_MS,
    value: funding.rate,
    predictedValue: clampRate(instrument, funding.premiumIndex + funding.interestRate),
  });
}

/** GET /api/v1/contract/funding-rates?symbol&from&to: settlements in the range, newest first. */
function fundingHistory(market: SimMarket, instrument: SimInstrument, query: URLSearchParams): SimResponse {
  const settlements = market.fundingHistory(VENUE, instrument.id, { since: optionalInt(query, 'from'), until: optionalInt(query, 'to') });
  const rows = settlements.map((s) => ({ symbol: instrument.id, fundingRate: Number(decimalString(s.rate)), timepoint: s.time }));
  return ok(rows.reverse());
}

/** GET /api/v1/kline/query?symbol&granularity&from&to: `[time, open, high, low, close, volume in lots]`, oldest first. */
function klines(market: SimMarket, instrument: SimInstrument, query: URLSearchParams): SimResponse {
  const minutes = optionalInt(query, 'granularity') ?? 0;
  if (!GRANULARITIES.has(minutes)) return kucoinError(400, '400100', 'Param validation error: granularity');
  const rows = market.candles(VENUE, instrument.id, minutes * 60_000, { since: optionalInt(query, 'from'), until: optionalInt(query, 'to') });
  return ok(rows.slice(0, KLINE_LIMIT).map((c) => [c.time, c.open, c.high, c.low, c.close, lots(instrument, c.volume)]));
}

/**
 * `GET /api/v1/level2/snapshot` (the whole book), `level2/depth20`, `level2/depth100`: levels of
 * `[price, size in lots]` as JSON numbers, the time in nanoseconds.
 */
function level2(market: SimMarket, instrument: SimInstrument, depth: number): SimResponse {
  const book = market.orderBook(VENUE, instrument.id, depth);
  return ok({ symbol: instrument.id, sequence: book.time, bids: book.bids, asks: book.asks, ts: book.time * 1_000_000 });
}

/** `GET /api/v1/contracts/risk-limit/{symbol}`: the tiers, bands in USDT (the simulator's tier model, marginTiers.ts). */
function riskLimits(instrument: SimInstrument): SimResponse {
  return ok(marginTiers(instrument).map((tier) => ({
    symbol: instrument.id, level: tier.tier, maxRiskLimit: tier.cap, minRiskLimit: tier.floor, maxLeverage: tier.maxLeverage,
    initialMargin: Number((1 / tier.maxLeverage).toPrecision(12)), maintainMargin: tier.maintenanceMarginRate,
  })));
}

const PER_SYMBOL: Array<[RegExp, (market: SimMarket, instrument: SimInstrument, query: URLSearchParams) => SimResponse]> = [
  [/^\/api\/v1\/funding-rate\/([^/]+)\/current$/, (market, instrument) => currentFunding(market, instrument)],
  [/^\/api\/v1\/contracts\/risk-limit\/([^/]+)$/, (_market, instrument) => riskLimits(instrument)],
  [/^\/api\/v1\/contracts\/([^/]+)$/, (market, instrument) => ok(contractRow(market, instrument))],
];

const BY_QUERY: Record<string, (market: SimMarket, instrument: SimInstrument, query: URLSearchParams) => SimResponse> = {
  [`${BASE}/contract/funding-rates`]: fundingHistory,
  [`${BASE}/kline/query`]: klines,
  [`${BASE}/level2/snapshot`]: (market, instrument) => level2(market, instrument, 1_000),
  [`${BASE}/level2/depth20`]: (market, instrument) => level2(market, instrument, 20),
  [`${BASE}/level2/depth100`]: (market, instrument) => level2(market, instrument, 100),
};

function withInstrument(market: SimMarket, id: string | null, answer: (instrument: SimInstrument) => SimResponse): SimResponse {
  const instrument = id === null ? undefined : market.instrument(VENUE, id);
  // KuCoin's answer for a contract it does not list.
  if (instrument === undefined) return kucoinError(200, '400000', `contract ${id ?? '(missing)'} not exist`);
  return answer(instrument);
}

function handle(request: SimRequest, context: SimContext): SimResponse | undefined {
  if (isKucoinPrivate(request)) {
    const auth = authenticateKucoin(request, context, Date.now());
    return 'refused' in auth ? auth.refused : handleKucoinPrivate(request, context, auth.apiKey);
  }
  if (request.method !== 'GET') return undefined;
  const { market } = context;
  const { path, query } = request;
  if (path === `${BASE}/timestamp`) return ok(market.now());
  if (path === `${BASE}/contracts/active`) return ok(market.instruments(VENUE).map((i) => contractRow(market, i)));
  const byQuery = BY_QUERY[path];
  if (byQuery !== undefined) return withInstrument(market, query.get('symbol'), (i) => byQuery(market, i, query));
  for (const [pattern, answer] of PER_SYMBOL) {
    const match = pattern.exec(path);
    if (match !== null) return withInstrument(market, match[1], (i) => answer(market, i, query));
  }
  return undefined;
}

/** KuCoin's bodies for injected HTTP errors; ccxt maps the HTTP status and these codes (429000, 500000). */
function errorBody(status: number): unknown {
  if (status === 429 || status === 418) return { code: '429000', msg: 'Too Many Requests' };
  if (status >= 500) return { code: '500000', msg: 'Internal Server Error' };
  if (status === 404) return { code: '404000', msg: 'Not Found' };
  return { code: '400100', msg: `HTTP ${status}` };
}

export const kucoinfuturesWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: [
    `${BASE}/contracts/`, `${BASE}/funding-rate/`, `${BASE}/contract/`, `${BASE}/kline/`, `${BASE}/timestamp`, `${BASE}/level2/`,
    `${BASE}/account-overview`, `${BASE}/positions`, `${BASE}/position`, `${BASE}/orders`, `${BASE}/fills`, `${BASE}/funding-history`, `${BASE}/trade-fees`,
    '/api/v2/position/', '/api/v2/changeCrossUserLeverage', '/api/v2/getCrossUserLeverage',
  ],
  handle,
  errorBody,
};
