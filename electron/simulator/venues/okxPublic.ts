/**
 * OKX v5 public endpoints for perpetual swaps, in the shapes ccxt's `okx` parses (fetchMarkets,
 * fetchFundingRate(s), fetchFundingRateHistory, fetchMarkPrices, fetchTickers, fetchOrderBook,
 * fetchOHLCV, fetchOpenInterest, fetchTime).
 */
import type { SimContext, SimInstrument, SimResponse } from '../types.ts';
import { OKX_ERRORS, okxError, okxLimit, okxNumber, okxOk, okxString } from './okxEnvelope.ts';
import type { OkxParams } from './okxEnvelope.ts';
import { decimalString, fixedString } from './wireDecimal.ts';
import { marginTiers } from '../marginTiers.ts';

const VENUE = 'okx';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Candle bars. Bars of 6 h and longer are only served UTC-aligned (`6Hutc`, `1Dutc`, …): the simulator's day starts at 00:00 UTC. */
const BARS: Record<string, number> = {
  '1m': MINUTE, '3m': 3 * MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '30m': 30 * MINUTE,
  '1H': HOUR, '2H': 2 * HOUR, '4H': 4 * HOUR, '6Hutc': 6 * HOUR, '12Hutc': 12 * HOUR,
  '1Dutc': 24 * HOUR, '2Dutc': 48 * HOUR, '3Dutc': 72 * HOUR, '1Wutc': 168 * HOUR,
};

function swapOnly(params: OkxParams): SimResponse | undefined {
  const instType = okxString(params, 'instType');
  if (instType === undefined || instType === 'SWAP') return undefined;
  return okxError(OKX_ERRORS.parameterError, `Parameter instType error: the simulator serves SWAP only, got ${instType}`);
}

/** The instruments named by `instId` (one id, or every swap when absent); a response when unknown. */
function selected(params: OkxParams, context: SimContext, allowAny = false): SimInstrument[] | SimResponse {
  const instId = okxString(params, 'instId');
  if (instId === undefined || (allowAny && instId === 'ANY')) return context.market.instruments(VENUE);
  const instrument = context.market.instrument(VENUE, instId);
  return instrument === undefined ? okxError(OKX_ERRORS.instrumentMissing, `Instrument ID does not exist: ${instId}`) : [instrument];
}

function requiredOne(params: OkxParams, context: SimContext): SimInstrument | SimResponse {
  if (okxString(params, 'instId') === undefined) return okxError(OKX_ERRORS.parameterError, 'Parameter instId can not be empty');
  const found = selected(params, context);
  return Array.isArray(found) ? found[0] : found;
}

const isResponse = (value: unknown): value is SimResponse => typeof value === 'object' && value !== null && 'status' in value;

function instrumentJson(instrument: SimInstrument, index: number): Record<string, unknown> {
  const family = `${instrument.base}-${instrument.quote}`;
  const listed = String(instrument.listedAt);
  return {
    instType: 'SWAP', instId: instrument.id, instIdCode: index + 1, uly: family, instFamily: family, category: '1',
    baseCcy: '', quoteCcy: '', settleCcy: instrument.settle, ctVal: decimalString(instrument.contractSize), ctMult: '1',
    ctValCcy: instrument.base, optType: '', stk: '', listTime: listed, contTdSwTime: listed, expTime: '',
    lever: String(instrument.maxLeverage), tickSz: decimalString(instrument.tickSize), lotSz: decimalString(instrument.stepSize),
    minSz: decimalString(instrument.minQty), ctType: 'linear', alias: '', state: 'live', ruleType: 'normal', openType: '',
    maxLmtSz: decimalString(instrument.stepSize * 1_000_000), maxMktSz: decimalString(instrument.stepSize * 100_000),
    maxLmtAmt: '20000000', maxMktAmt: '1000000', maxTwapSz: decimalString(instrument.stepSize * 1_000_000),
    maxIcebergSz: decimalString(instrument.stepSize * 1_000_000), maxTriggerSz: decimalString(instrument.stepSize * 1_000_000),
    maxStopSz: decimalString(instrument.stepSize * 100_000), futureSettlement: false, upcChg: [],
  };
}

/** GET /api/v5/public/instruments. */
export function instruments(params: OkxParams, context: SimContext): SimResponse {
  const refused = swapOnly(params);
  if (refused) return refused;
  if (okxString(params, 'instType') === undefined) return okxError(OKX_ERRORS.parameterError, 'Parameter instType can not be empty');
  const all = context.market.instruments(VENUE);
  const instId = okxString(params, 'instId');
  const data = all.map(instrumentJson).filter((row) => instId === undefined || row.instId === instId);
  return okxOk(data);
}

function fundingJson(instrument: SimInstrument, context: SimContext): Record<string, unknown> {
  const funding = context.market.funding(VENUE, instrument.id);
  return {
    instType: 'SWAP', instId: instrument.id, method: 'current_period', formulaType: 'withRate',
    fundingRate: decimalString(funding.rate), fundingTime: String(funding.nextFundingTime),
    nextFundingRate: '', nextFundingTime: String(funding.nextFundingTime + funding.intervalHours * HOUR),
    minFundingRate: decimalString(instrument.fundingFloor), maxFundingRate: decimalString(instrument.fundingCap),
    premium: decimalString(funding.premiumIndex), interestRate: decimalString(funding.interestRate),
    settFundingRate: decimalString(funding.lastSettledRate), settState: 'settled', impactValue: '',
    ts: String(context.market.now()),
  };
}

/** GET /api/v5/public/funding-rate: one swap, or all of them with `instId=ANY`. */
export function fundingRate(params: OkxParams, context: SimContext): SimResponse {
  if (okxString(params, 'instId') === undefined) return okxError(OKX_ERRORS.parameterError, 'Parameter instId can not be empty');
  const found = selected(params, context, true);
  if (isResponse(found)) return found;
  return okxOk(found.map((instrument) => fundingJson(instrument, context)));
}

/** GET /api/v5/public/funding-rate-history: newest first; `before` = newer than, `after` = older than (ms). */
export function fundingRateHistory(params: OkxParams, context: SimContext): SimResponse {
  const found = requiredOne(params, context);
  if (isResponse(found)) return found;
  const before = okxNumber(params, 'before');
  const after = okxNumber(params, 'after');
  const history = context.market.fundingHistory(VENUE, found.id, {
    since: before === undefined ? undefined : before + 1,
    until: after === undefined ? undefined : after - 1,
    limit: okxLimit(params, 100, 400),
  });
  const data = history.map((settlement) => ({
    instType: 'SWAP', instId: found.id, formulaType: 'withRate', method: 'current_period',
    fundingRate: decimalString(settlement.rate), realizedRate: decimalString(settlement.rate), fundingTime: String(settlement.time),
  }));
  return okxOk(data.reverse());
}

/** GET /api/v5/public/mark-price. */
export function markPrice(params: OkxParams, context: SimContext): SimResponse {
  const refused = swapOnly(params);
  if (refused) return refused;
  const found = selected(params, context);
  if (isResponse(found)) return found;
  return okxOk(found.map((instrument) => {
    const ticker = context.market.ticker(VENUE, instrument.id);
    return { instType: 'SWAP', instId: instrument.id, markPx: fixedString(ticker.mark, instrument.pricePrecision), ts: String(ticker.time) };
  }));
}

function tickerJson(instrument: SimInstrument, context: SimContext): Record<string, unknown> {
  const ticker = context.market.ticker(VENUE, instrument.id);
  const top = context.market.orderBook(VENUE, instrument.id, 1);
  const price = (value: number) => fixedString(value, instrument.pricePrecision);
  return {
    instType: 'SWAP', instId: instrument.id, last: price(ticker.last), lastSz: '0',
    askPx: price(ticker.ask), askSz: decimalString(top.asks[0]?.[1] ?? 0), bidPx: price(ticker.bid), bidSz: decimalString(top.bids[0]?.[1] ?? 0),
    open24h: price(ticker.open24h), high24h: price(ticker.high24h), low24h: price(ticker.low24h),
    volCcy24h: decimalString(ticker.volume24hBase), vol24h: decimalString(ticker.volume24hBase / instrument.contractSize),
    sodUtc0: price(ticker.open24h), sodUtc8: price(ticker.open24h), ts: String(ticker.time),
  };
}

/** GET /api/v5/market/tickers (instType=SWAP) and /api/v5/market/ticker (instId). */
export function marketTickers(params: OkxParams, context: SimContext): SimResponse {
  const refused = swapOnly(params);
  if (refused) return refused;
  if (okxString(params, 'instType') === undefined) return okxError(OKX_ERRORS.parameterError, 'Parameter instType can not be empty');
  return okxOk(context.market.instruments(VENUE).map((instrument) => tickerJson(instrument, context)));
}

export function marketTicker(params: OkxParams, context: SimContext): SimResponse {
  const found = requiredOne(params, context);
  return isResponse(found) ? found : okxOk([tickerJson(found, context)]);
}

/** GET /api/v5/market/books: levels as [price, contracts, "0", orders], sz ≤ 400 (default 1). */
export function books(params: OkxParams, context: SimContext): SimResponse {
  const found = requiredOne(params, context);
  if (isResponse(found)) return found;
  const depth = Math.max(1, Math.min(400, Math.floor(okxNumber(params, 'sz') ?? 1)));
  const book = context.market.orderBook(VENUE, found.id, depth);
  const level = ([price, size]: [number, number]) => [fixedString(price, found.pricePrecision), decimalString(size), '0', '1'];
  return okxOk([{ asks: book.asks.map(level), bids: book.bids.map(level), ts: String(book.time) }]);
}

/** GET /api/v5/market/books-full: levels as [price, contracts, orders], sz ≤ 5000 (default 1); ccxt asks here for more than 400 levels. */
export function booksFull(params: OkxParams, context: SimContext): SimResponse {
  const found = requiredOne(params, context);
  if (isResponse(found)) return found;
  const depth = Math.max(1, Math.min(5000, Math.floor(okxNumber(params, 'sz') ?? 1)));
  const book = context.market.orderBook(VENUE, found.id, depth);
  const level = ([price, size]: [number, number]) => [fixedString(price, found.pricePrecision), decimalString(size), '1'];
  return okxOk([{ asks: book.asks.map(level), bids: book.bids.map(level), ts: String(book.time) }]);
}

/** GET /api/v5/market/candles and history-candles: [ts, o, h, l, c, contracts, base, quote, confirm], newest first. */
export function candles(params: OkxParams, context: SimContext): SimResponse {
  const found = requiredOne(params, context);
  if (isResponse(found)) return found;
  const bar = okxString(params, 'bar') ?? '1m';
  const length = BARS[bar];
  if (length === undefined) return okxError(OKX_ERRORS.parameterError, `Parameter bar error: ${bar} (bars of 6 h and longer are served UTC-aligned only)`);
  const before = okxNumber(params, 'before');
  const after = okxNumber(params, 'after');
  const now = context.market.now();
  const list = context.market.candles(VENUE, found.id, length, {
    since: before === undefined ? undefined : before + 1,
    until: after === undefined ? undefined : after - 1,
    limit: okxLimit(params, 100, 300),
  });
  const price = (value: number) => fixedString(value, found.pricePrecision);
  const data = list.map((candle) => [
    String(candle.time), price(candle.open), price(candle.high), price(candle.low), price(candle.close),
    decimalString(candle.volume / found.contractSize), decimalString(candle.volume),
    fixedString(candle.volume * (candle.high + candle.low + candle.close) / 3, 4), candle.time + length <= now ? '1' : '0',
  ]);
  return okxOk(data.reverse());
}

/** GET /api/v5/public/open-interest: `oi` in contracts, `oiCcy` in the base coin. */
export function openInterest(params: OkxParams, context: SimContext): SimResponse {
  const refused = swapOnly(params);
  if (refused) return refused;
  const found = selected(params, context);
  if (isResponse(found)) return found;
  return okxOk(found.map((instrument) => {
    const ticker = context.market.ticker(VENUE, instrument.id);
    return {
      instType: 'SWAP', instId: instrument.id, oi: decimalString(ticker.openInterestBase / instrument.contractSize),
      oiCcy: decimalString(ticker.openInterestBase), oiUsd: fixedString(ticker.openInterestBase * ticker.mark, 2), ts: String(ticker.time),
    };
  }));
}

/**
 * GET /api/v5/public/position-tiers (instType SWAP, tdMode, uly or instFamily): the swap's margin
 * tiers. OKX states a swap's bands in contracts (`minSz`/`maxSz`), here priced at the current mark.
 */
export function positionTiers(params: OkxParams, context: SimContext): SimResponse {
  const refused = swapOnly(params);
  if (refused) return refused;
  const family = okxString(params, 'instFamily') ?? okxString(params, 'uly');
  if (family === undefined) return okxError(OKX_ERRORS.parameterError, 'Parameter uly or instFamily can not be empty');
  const instrument = context.market.instruments(VENUE).find((i) => `${i.base}-${i.quote}` === family);
  if (instrument === undefined) return okxError(OKX_ERRORS.instrumentMissing, `Instrument family does not exist: ${family}`);
  const perContract = instrument.contractSize * context.market.ticker(VENUE, instrument.id).mark;
  const contracts = (notional: number) => decimalString(Math.round(notional / perContract));
  return okxOk(marginTiers(instrument).map((tier) => ({
    uly: family, instFamily: family, instId: '', tier: String(tier.tier), minSz: contracts(tier.floor), maxSz: contracts(tier.cap),
    mmr: decimalString(tier.maintenanceMarginRate), imr: decimalString(1 / tier.maxLeverage), maxLever: String(tier.maxLeverage),
    optMgnFactor: '0', quoteMaxLoan: '', baseMaxLoan: '',
  })));
}

/** GET /api/v5/public/time. */
export function serverTime(_params: OkxParams, context: SimContext): SimResponse {
  return okxOk([{ ts: String(context.market.now()) }]);
}
