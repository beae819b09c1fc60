/**
 * Bybit v5 public market endpoints, category `linear`, in the shapes ccxt's bybit parses
 * (fetchMarkets, fetchTickers/fetchFundingRates, fetchFundingRateHistory, fetchOrderBook,
 * fetchOHLCV, fetchOpenInterest, fetchTime).
 */
import type { SimContext, SimInstrument, SimMarket, SimResponse } from '../types.ts';
import { BYBIT_ERRORS, bybitError, bybitOk, paramNumber, paramString } from './bybitEnvelope.ts';
import { decimalString, fixedString } from './wireDecimal.ts';
import { marginTiers } from '../marginTiers.ts';

type Params = Record<string, unknown>;
const VENUE = 'bybit';
const MINUTE = 60_000;

/** Kline `interval` values and their length; `M` (month) has no fixed length and is refused. */
const KLINE_INTERVALS: Record<string, number> = {
  '1': MINUTE, '3': 3 * MINUTE, '5': 5 * MINUTE, '15': 15 * MINUTE, '30': 30 * MINUTE,
  '60': 60 * MINUTE, '120': 120 * MINUTE, '240': 240 * MINUTE, '360': 360 * MINUTE, '720': 720 * MINUTE,
  D: 1440 * MINUTE, W: 7 * 1440 * MINUTE,
};

/** Open-interest `intervalTime` values. */
const OI_INTERVALS: Record<string, number> = {
  '5min': 5 * MINUTE, '15min': 15 * MINUTE, '30min': 30 * MINUTE, '1h': 60 * MINUTE, '4h': 240 * MINUTE, '1d': 1440 * MINUTE,
};

function clampLimit(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  return Math.max(1, Math.min(max, Math.floor(value)));
}

function checkLinear(params: Params, now: number): SimResponse | undefined {
  const category = paramString(params, 'category');
  if (category === 'linear') return undefined;
  return bybitError(BYBIT_ERRORS.paramsError, `Illegal category: ${category ?? '(missing)'}; the simulator serves linear only`, now);
}

function findInstrument(params: Params, context: SimContext): SimInstrument | SimResponse {
  const now = context.market.now();
  const symbol = paramString(params, 'symbol');
  if (symbol === undefined) return bybitError(BYBIT_ERRORS.paramsError, 'params error: symbol is required', now);
  const instrument = context.market.instrument(VENUE, symbol);
  return instrument ?? bybitError(BYBIT_ERRORS.paramsError, `Not supported symbols: ${symbol}`, now);
}

function isResponse(value: SimInstrument | SimResponse): value is SimResponse {
  return 'status' in value;
}

function instrumentJson(instrument: SimInstrument, intervalHours: number): Record<string, unknown> {
  const price = (value: number) => fixedString(value, instrument.pricePrecision);
  const qty = (value: number) => fixedString(value, instrument.qtyPrecision);
  return {
    symbol: instrument.id,
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: instrument.base,
    quoteCoin: instrument.quote,
    launchTime: String(instrument.listedAt),
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(instrument.pricePrecision),
    leverageFilter: { minLeverage: '1', maxLeverage: fixedString(instrument.maxLeverage, 2), leverageStep: '0.01' },
    priceFilter: { minPrice: price(instrument.tickSize), maxPrice: price(instrument.tickSize * 2_000_000), tickSize: price(instrument.tickSize) },
    lotSizeFilter: {
      maxOrderQty: qty(instrument.stepSize * 1_000_000),
      minOrderQty: qty(instrument.minQty),
      qtyStep: qty(instrument.stepSize),
      postOnlyMaxOrderQty: qty(instrument.stepSize * 10_000_000),
      maxMktOrderQty: qty(instrument.stepSize * 200_000),
      minNotionalValue: decimalString(instrument.minNotional),
    },
    unifiedMarginTrade: true,
    fundingInterval: Math.round(intervalHours * 60),
    settleCoin: instrument.settle,
    copyTrading: 'both',
    upperFundingRate: decimalString(instrument.fundingCap),
    lowerFundingRate: decimalString(instrument.fundingFloor),
    isPreListing: false,
    preListingInfo: null,
    // Bybit's price band for orders (X: limit price vs last, Y: vs mark); the simulator does not enforce it.
    riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
    displayName: '',
  };
}

/** GET /v5/market/instruments-info: cursor-paginated (the cursor is the offset), limit ≤ 1000. */
export function instrumentsInfo(params: Params, context: SimContext): SimResponse {
  const now = context.market.now();
  const refused = checkLinear(params, now);
  if (refused) return refused;
  const status = paramString(params, 'status');
  const symbol = paramString(params, 'symbol');
  // Every simulated instrument trades; the pre-launch list ccxt also asks for is empty.
  let all = status === undefined || status === 'Trading' ? context.market.instruments(VENUE) : [];
  if (symbol !== undefined) all = all.filter((instrument) => instrument.id === symbol);
  const limit = clampLimit(paramNumber(params, 'limit'), 500, 1000);
  const offset = Number(paramString(params, 'cursor') ?? '0');
  if (!Number.isInteger(offset) || offset < 0) return bybitError(BYBIT_ERRORS.paramsError, 'params error: cursor invalid', now);
  const page = all.slice(offset, offset + limit);
  const list = page.map((instrument) => instrumentJson(instrument, context.market.funding(VENUE, instrument.id).intervalHours));
  const nextPageCursor = offset + limit < all.length ? String(offset + limit) : '';
  return bybitOk({ category: 'linear', list, nextPageCursor }, now);
}

/** A linear ticker row, as `/v5/market/tickers` lists it and the `tickers.<symbol>` stream's snapshot carries it. */
export function tickerJson(instrument: SimInstrument, market: SimMarket): Record<string, unknown> {
  const ticker = market.ticker(VENUE, instrument.id);
  const funding = market.funding(VENUE, instrument.id);
  const top = market.orderBook(VENUE, instrument.id, 1);
  const price = (value: number) => fixedString(value, instrument.pricePrecision);
  const qty = (value: number) => fixedString(value * instrument.contractSize, instrument.qtyPrecision);
  const change = ticker.open24h > 0 ? ticker.last / ticker.open24h - 1 : 0;
  return {
    symbol: instrument.id,
    lastPrice: price(ticker.last),
    indexPrice: price(ticker.index),
    markPrice: price(ticker.mark),
    prevPrice24h: price(ticker.open24h),
    price24hPcnt: fixedString(change, 6),
    highPrice24h: price(ticker.high24h),
    lowPrice24h: price(ticker.low24h),
    // The simulator keeps no hourly history: the last price stands for the price an hour ago.
    prevPrice1h: price(ticker.last),
    openInterest: qty(ticker.openInterestBase / instrument.contractSize),
    openInterestValue: fixedString(ticker.openInterestBase * ticker.mark, 2),
    turnover24h: fixedString(ticker.volume24hQuote, 4),
    volume24h: qty(ticker.volume24hBase / instrument.contractSize),
    fundingRate: decimalString(funding.rate),
    nextFundingTime: String(funding.nextFundingTime),
    fundingIntervalHour: String(funding.intervalHours),
    fundingCap: decimalString(instrument.fundingCap),
    predictedDeliveryPrice: '',
    basisRate: '',
    basis: '',
    deliveryFeeRate: '',
    deliveryTime: '0',
    bid1Price: price(ticker.bid),
    bid1Size: qty(top.bids[0]?.[1] ?? 0),
    ask1Price: price(ticker.ask),
    ask1Size: qty(top.asks[0]?.[1] ?? 0),
  };
}

/** GET /v5/market/tickers: one symbol or every linear symbol (fundingRate is the running period's). */
export function tickers(params: Params, context: SimContext): SimResponse {
  const now = context.market.now();
  const refused = checkLinear(params, now);
  if (refused) return refused;
  let instruments = context.market.instruments(VENUE);
  if (paramString(params, 'symbol') !== undefined) {
    const found = findInstrument(params, context);
    if (isResponse(found)) return found;
    instruments = [found];
  }
  return bybitOk({ category: 'linear', list: instruments.map((instrument) => tickerJson(instrument, context.market)) }, now);
}

/** GET /v5/market/funding/history: settled rates, newest first, limit ≤ 200. */
export function fundingHistory(params: Params, context: SimContext): SimResponse {
  const now = context.market.now();
  const refused = checkLinear(params, now);
  if (refused) return refused;
  const found = findInstrument(params, context);
  if (isResponse(found)) return found;
  const since = paramNumber(params, 'startTime');
  const until = paramNumber(params, 'endTime');
  if (since !== undefined && until === undefined) {
    return bybitError(BYBIT_ERRORS.paramsError, 'params error: endTime is required when startTime is set', now);
  }
  const limit = clampLimit(paramNumber(params, 'limit'), 200, 200);
  const settlements = context.market.fundingHistory(VENUE, found.id, { since, until, limit });
  const list = settlements
    .map((settlement) => ({ symbol: found.id, fundingRate: decimalString(settlement.rate), fundingRateTimestamp: String(settlement.time) }))
    .reverse();
  return bybitOk({ category: 'linear', list }, now);
}

/** GET /v5/market/orderbook: `b`/`a` as [price, size], limit 1…500 (default 25). */
export function orderBook(params: Params, context: SimContext): SimResponse {
  const now = context.market.now();
  const refused = checkLinear(params, now);
  if (refused) return refused;
  const found = findInstrument(params, context);
  if (isResponse(found)) return found;
  const depth = clampLimit(paramNumber(params, 'limit'), 25, 500);
  const book = context.market.orderBook(VENUE, found.id, depth);
  const level = ([price, size]: [number, number]) => [fixedString(price, found.pricePrecision), fixedString(size * found.contractSize, found.qtyPrecision)];
  return bybitOk({ s: found.id, b: book.bids.map(level), a: book.asks.map(level), ts: book.time, u: book.time, seq: book.time, cts: book.time }, now);
}

/** GET /v5/market/kline: candles newest first as [start, open, high, low, close, volume, turnover]. */
export function kline(params: Params, context: SimContext): SimResponse {
  const now = context.market.now();
  const refused = checkLinear(params, now);
  if (refused) return refused;
  const found = findInstrument(params, context);
  if (isResponse(found)) return found;
  const interval = paramString(params, 'interval') ?? '';
  const length = KLINE_INTERVALS[interval];
  if (length === undefined) return bybitError(BYBIT_ERRORS.paramsError, `Invalid period: interval ${interval}`, now);
  const limit = clampLimit(paramNumber(params, 'limit'), 200, 1000);
  const candles = context.market.candles(VENUE, found.id, length, { since: paramNumber(params, 'start'), until: paramNumber(params, 'end'), limit });
  const price = (value: number) => fixedString(value, found.pricePrecision);
  const list = candles
    .map((candle) => [
      String(candle.time), price(candle.open), price(candle.high), price(candle.low), price(candle.close),
      decimalString(candle.volume), fixedString(candle.volume * (candle.high + candle.low + candle.close) / 3, 4),
    ])
    .reverse();
  return bybitOk({ category: 'linear', symbol: found.id, list }, now);
}

/** GET /v5/market/open-interest: the simulator keeps no OI history, so the list holds the current value. */
export function openInterest(params: Params, context: SimContext): SimResponse {
  const now = context.market.now();
  const refused = checkLinear(params, now);
  if (refused) return refused;
  const found = findInstrument(params, context);
  if (isResponse(found)) return found;
  const intervalTime = paramString(params, 'intervalTime') ?? '';
  const length = OI_INTERVALS[intervalTime];
  if (length === undefined) return bybitError(BYBIT_ERRORS.paramsError, `params error: intervalTime ${intervalTime} invalid`, now);
  const ticker = context.market.ticker(VENUE, found.id);
  const list = [{ openInterest: fixedString(ticker.openInterestBase, found.qtyPrecision), timestamp: String(Math.floor(ticker.time / length) * length) }];
  return bybitOk({ symbol: found.id, category: 'linear', list, nextPageCursor: '' }, now);
}

/**
 * GET /v5/market/risk-limit (category linear, symbol optional): one row per margin tier,
 * `riskLimitValue` the tier's notional cap, rates as decimals.
 */
export function riskLimit(params: Params, context: SimContext): SimResponse {
  const now = context.market.now();
  const refused = checkLinear(params, now);
  if (refused) return refused;
  const symbol = paramString(params, 'symbol');
  const instruments = context.market.instruments(VENUE).filter((instrument) => symbol === undefined || instrument.id === symbol);
  if (symbol !== undefined && instruments.length === 0) return bybitError(BYBIT_ERRORS.paramsError, `Not supported symbols: ${symbol}`, now);
  const list = instruments.flatMap((instrument) => marginTiers(instrument).map((tier) => ({
    id: tier.tier,
    symbol: instrument.id,
    riskLimitValue: String(tier.cap),
    maintenanceMargin: decimalString(tier.maintenanceMarginRate),
    initialMargin: decimalString(1 / tier.maxLeverage),
    isLowestRisk: tier.tier === 1 ? 1 : 0,
    maxLeverage: fixedString(tier.maxLeverage, 2),
    mmDeduction: '',
  })));
  return bybitOk({ category: 'linear', list, nextPageCursor: '' }, now);
}

/** GET /v5/market/time. */
export function serverTime(_params: Params, context: SimContext): SimResponse {
  const now = context.market.now();
  return bybitOk({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` }, now);
}
