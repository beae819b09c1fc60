/**
 * Bitget v2 mix (USDT-FUTURES and the other product types) wire format: the public endpoints
 * ccxt's `bitget` calls for contracts, tickers (funding, mark, index, open interest), current
 * funding rate with its interval, funding history, next funding time, merged depth, candles,
 * open interest and server time. Every answer is wrapped in Bitget's envelope
 * `{"code":"00000","msg":"success","requestTime":…,"data":…}`. Signed account and order
 * endpoints are in bitgetPrivate.ts, the spot pairs' in bitgetSpot.ts.
 */
import type { SimContext, SimInstrument, SimMarket, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { marginTiers } from '../marginTiers.ts';
import { decimalString } from './wireDecimal.ts';
import { authenticateBitget } from './bitgetAuth.ts';
import { bitgetOk } from './bitgetEnvelope.ts';
import { handleBitgetPrivate, isBitgetPrivate } from './bitgetPrivate.ts';
import { SPOT_PUBLIC_ROUTES } from './bitgetSpot.ts';
import { optionalInt } from './queryParams.ts';

const VENUE = 'bitget';
/** Product types by settle currency; the simulator lists no demo (S…) or coin-margined contracts. */
export const SETTLE_BY_PRODUCT: Readonly<Record<string, string>> = { 'USDT-FUTURES': 'USDT', 'USDC-FUTURES': 'USDC' };
const PRODUCT_TYPES = new Set(['USDT-FUTURES', 'USDC-FUTURES', 'COIN-FUTURES', 'SUSDT-FUTURES', 'SUSDC-FUTURES', 'SCOIN-FUTURES']);
const GRANULARITY_MS: Record<string, number> = {
  '1m': 60_000, '3m': 180_000, '5m': 300_000, '15m': 900_000, '30m': 1_800_000,
  '1H': 3_600_000, '2H': 7_200_000, '4H': 14_400_000, '6H': 21_600_000, '12H': 43_200_000,
  '6Hutc': 21_600_000, '12Hutc': 43_200_000, '1D': 86_400_000, '1Dutc': 86_400_000,
  '3Dutc': 259_200_000, '1Wutc': 604_800_000,
};
/**
 * Lists ccxt loads beside the spot pairs: no coin networks, and no margin pairs (ccxt reads them
 * only for each spot market's `margin` flag; cross-margin orders and the borrow's reads go to
 * bitgetMargin.ts whatever the flag says).
 */
const EMPTY_LISTS = new Set(['/api/v2/margin/currencies', '/api/v2/spot/public/coins']);

/** Bitget's error envelope; ccxt maps `code` (e.g. 40034 parameter does not exist → BadSymbol). */
function bitgetError(status: number, code: string, msg: string, now: number): SimResponse {
  return { status, body: { code, msg, requestTime: now, data: null } };
}


function contractBody(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  return {
    symbol: instrument.id,
    baseCoin: instrument.base,
    quoteCoin: instrument.quote,
    buyLimitPriceRatio: '0.05',
    sellLimitPriceRatio: '0.05',
    feeRateUpRatio: '0.005',
    makerFeeRate: '0.0002',
    takerFeeRate: '0.0006',
    openCostUpRatio: '0.01',
    supportMarginCoins: [instrument.settle],
    minTradeNum: decimalString(instrument.minQty),
    priceEndStep: '1',
    volumePlace: String(instrument.qtyPrecision),
    pricePlace: String(instrument.pricePrecision),
    sizeMultiplier: decimalString(instrument.stepSize),
    symbolType: 'perpetual',
    minTradeUSDT: decimalString(instrument.minNotional),
    maxSymbolOrderNum: '200',
    maxProductOrderNum: '400',
    maxPositionNum: '150',
    symbolStatus: 'normal',
    offTime: '-1',
    limitOpenTime: '-1',
    deliveryTime: '',
    deliveryStartTime: '',
    deliveryPeriod: '',
    launchTime: String(instrument.listedAt),
    fundInterval: String(funding.intervalHours),
    minLever: '1',
    maxLever: String(instrument.maxLeverage),
    posLimit: '0.05',
    maintainTime: '',
  };
}

/** A contract ticker row, as `/api/v2/mix/market/tickers` lists it; the `ticker` stream pushes the same fields. */
export function tickerBody(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  const t = market.ticker(VENUE, instrument.id);
  const change = t.open24h === 0 ? 0 : (t.last - t.open24h) / t.open24h;
  return {
    symbol: instrument.id,
    lastPr: decimalString(t.last),
    askPr: decimalString(t.ask),
    bidPr: decimalString(t.bid),
    bidSz: '1',
    askSz: '1',
    high24h: decimalString(t.high24h),
    low24h: decimalString(t.low24h),
    ts: String(t.time),
    change24h: decimalString(change),
    baseVolume: decimalString(t.volume24hBase),
    quoteVolume: decimalString(t.volume24hQuote),
    usdtVolume: decimalString(t.volume24hQuote),
    openUtc: decimalString(t.open24h),
    changeUtc24h: decimalString(change),
    indexPrice: decimalString(t.index),
    fundingRate: decimalString(funding.rate),
    holdingAmount: decimalString(t.openInterestBase),
    deliveryStartTime: null,
    deliveryTime: null,
    deliveryStatus: '',
    open24h: decimalString(t.open24h),
    markPrice: decimalString(t.mark),
  };
}

function currentFundRate(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  return {
    symbol: instrument.id,
    fundingRate: decimalString(funding.rate),
    fundingRateInterval: String(funding.intervalHours),
    nextUpdate: String(funding.nextFundingTime),
    minFundingRate: decimalString(instrument.fundingFloor),
    maxFundingRate: decimalString(instrument.fundingCap),
  };
}

/** Newest first, `pageSize` per page (max 100), `pageNo` from 1, as Bitget pages it. */
function historyFundRate(market: SimMarket, instrument: SimInstrument, query: URLSearchParams): unknown {
  const pageSize = Math.min(optionalInt(query, 'pageSize') ?? 20, 100);
  const pageNo = Math.max(optionalInt(query, 'pageNo') ?? 1, 1);
  const newestFirst = market.fundingHistory(VENUE, instrument.id, { limit: pageSize * pageNo }).reverse();
  return newestFirst.slice(pageSize * (pageNo - 1), pageSize * pageNo).map((s) => ({
    symbol: instrument.id,
    fundingRate: decimalString(s.rate),
    fundingTime: String(s.time),
  }));
}

function mergeDepth(market: SimMarket, instrument: SimInstrument, query: URLSearchParams): unknown {
  const limit = Math.min(optionalInt(query, 'limit') ?? 100, 1000);
  const book = market.orderBook(VENUE, instrument.id, limit);
  return {
    // v2 merge-depth levels are JSON numbers, not strings.
    asks: book.asks,
    bids: book.bids,
    precision: 'scale0',
    scale: decimalString(instrument.tickSize),
    isMaxPrecision: 'NO',
    ts: String(book.time),
  };
}

function candles(market: SimMarket, instrument: SimInstrument, query: URLSearchParams): unknown[] | string {
  const granularity = query.get('granularity') ?? '1m';
  const step = GRANULARITY_MS[granularity];
  if (step === undefined) return `granularity ${granularity}`;
  const limit = Math.min(optionalInt(query, 'limit') ?? 100, 1000);
  const rows = market.candles(VENUE, instrument.id, step, {
    since: optionalInt(query, 'startTime'),
    until: optionalInt(query, 'endTime'),
    limit,
  });
  return rows.map((c) => [
    String(c.time), decimalString(c.open), decimalString(c.high), decimalString(c.low),
    decimalString(c.close), decimalString(c.volume), decimalString(c.volume * c.close),
  ]);
}

function openInterest(market: SimMarket, instrument: SimInstrument): unknown {
  const t = market.ticker(VENUE, instrument.id);
  return { openInterestList: [{ symbol: instrument.id, size: decimalString(t.openInterestBase) }], ts: String(t.time) };
}

function symbolPrice(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const t = market.ticker(VENUE, instrument.id);
  return { symbol: instrument.id, price: decimalString(t.last), indexPrice: decimalString(t.index), markPrice: decimalString(t.mark), ts: String(t.time) };
}

function fundingTime(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  return { symbol: instrument.id, nextFundingTime: String(funding.nextFundingTime), ratePeriod: String(funding.intervalHours) };
}

/** Endpoints that answer every listed contract, or the one named by `symbol`. */
const LIST_ROUTES: Record<string, (market: SimMarket, instrument: SimInstrument) => unknown> = {
  contracts: contractBody,
  tickers: tickerBody,
  ticker: tickerBody,
  'current-fund-rate': currentFundRate,
  'funding-time': fundingTime,
  'symbol-price': symbolPrice,
};

/** GET /api/v2/mix/market/query-position-lever: the symbol's margin tiers, bands in USDT notional. */
function positionLevels(_market: SimMarket, instrument: SimInstrument): unknown {
  return marginTiers(instrument).map((tier) => ({
    symbol: instrument.id, level: String(tier.tier), startUnit: String(tier.floor), endUnit: String(tier.cap),
    leverage: String(tier.maxLeverage), keepMarginRate: decimalString(tier.maintenanceMarginRate),
  }));
}

/** Endpoints that need a `symbol`. */
const SYMBOL_ROUTES: Record<string, (market: SimMarket, instrument: SimInstrument, query: URLSearchParams) => unknown> = {
  'history-fund-rate': historyFundRate,
  'merge-depth': mergeDepth,
  'open-interest': openInterest,
  candles,
  'history-candles': candles,
  'query-position-lever': positionLevels,
};

function mixMarket(request: SimRequest, market: SimMarket, endpoint: string): SimResponse | undefined {
  const now = market.now();
  const listRoute = LIST_ROUTES[endpoint];
  const symbolRoute = SYMBOL_ROUTES[endpoint];
  if (listRoute === undefined && symbolRoute === undefined) return undefined;
  const productType = (request.query.get('productType') ?? '').toUpperCase();
  if (!PRODUCT_TYPES.has(productType)) return bitgetError(400, '40020', 'Parameter productType error', now);
  const settle = SETTLE_BY_PRODUCT[productType];
  const listed = settle === undefined ? [] : market.instruments(VENUE).filter((i) => i.settle === settle);
  const symbol = request.query.get('symbol');
  const one = symbol === null ? undefined : listed.find((i) => i.id === symbol);
  if (symbol !== null && one === undefined) return bitgetError(400, '40034', 'Parameter does not exist', now);
  if (listRoute !== undefined) return bitgetOk(now, (one === undefined ? listed : [one]).map((i) => listRoute(market, i)));
  if (one === undefined) return bitgetError(400, '40019', 'Parameter symbol cannot be empty', now);
  const data = symbolRoute(market, one, request.query);
  if (typeof data === 'string') return bitgetError(400, '40808', `Parameter verification exception ${data}`, now);
  return bitgetOk(now, data);
}

function handle(request: SimRequest, context: SimContext): SimResponse | undefined {
  if (isBitgetPrivate(request)) {
    const auth = authenticateBitget(request, context, Date.now());
    return 'refused' in auth ? auth.refused : handleBitgetPrivate(request, context, auth.apiKey);
  }
  if (request.method !== 'GET') return undefined;
  const now = context.market.now();
  if (request.path === '/api/v2/public/time') return bitgetOk(now, { serverTime: String(now) });
  if (EMPTY_LISTS.has(request.path)) return bitgetOk(now, []);
  const spotRoute = SPOT_PUBLIC_ROUTES[request.path];
  if (spotRoute !== undefined) return spotRoute(request.query, context);
  const match = /^\/api\/v2\/mix\/market\/([a-z-]+)$/.exec(request.path);
  return match === null ? undefined : mixMarket(request, context.market, match[1]);
}

/** Bitget's bodies for injected HTTP errors: code 429 → DDoSProtection, 40604 → ExchangeNotAvailable. */
function errorBody(status: number): unknown {
  const requestTime = Date.now();
  if (status === 429 || status === 418) return { code: '429', msg: 'Too Many Requests', requestTime, data: null };
  if (status >= 500) return { code: '40604', msg: 'Server is busy, please try again later', requestTime, data: null };
  if (status === 404) return { code: '404', msg: 'Request URL NOT FOUND', requestTime, data: null };
  return { code: String(status), msg: `HTTP ${status}`, requestTime, data: null };
}

export const bitgetWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: ['/api/v2/mix/', '/api/v2/common/', '/api/v2/public/', '/api/v2/spot/', '/api/v2/margin/'],
  handle,
  errorBody,
};
