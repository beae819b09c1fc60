/**
 * BingX perpetual swaps as ccxt `bingx` calls them (`/openApi/swap/…`): the contract list, the
 * premium index (rate, next settlement, interval, mark, index: one row per contract or one
 * object for a symbol), 24-h tickers, funding history, candles and time, in BingX's
 * `{code, msg, data}` envelope (bingxEnvelope.ts) and the field types of ccxt's recorded BingX
 * answers, and the order book. ccxt also loads BingX's coin-margined and spot lists with the
 * markets; the simulator lists neither (the terminal trades USDT-margined perps only). The
 * signed account and order endpoints are in bingxPrivate.ts.
 */
import type { SimContext, SimInstrument, SimMarket, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { TIMEFRAMES } from './binanceShaped.ts';
import { BINGX_CODES, bingxError, ok } from './bingxEnvelope.ts';
import { optionalInt } from './queryParams.ts';
import { decimalString, fixedString } from './wireDecimal.ts';
import { authenticateBingx } from './bingxAuth.ts';
import { handleBingxPrivate, isBingxPrivate } from './bingxPrivate.ts';

const VENUE = 'bingx';
const SWAP = '/openApi/swap';
/** Rows BingX returns at most per kline and funding-history request. */
const KLINE_LIMIT = 1440;
const HISTORY_LIMIT = 1000;

type Handler = (market: SimMarket, query: URLSearchParams) => SimResponse;

const price = (instrument: SimInstrument, value: number) => fixedString(value, instrument.pricePrecision);
const qty = (instrument: SimInstrument, value: number) => fixedString(value, instrument.qtyPrecision);

/** One `quote/contracts` row: precision as decimals, minimums in coins and USDT, numbers as strings. */
function contractRow(instrument: SimInstrument, index: number): Record<string, unknown> {
  return {
    contractId: String(100 + index), symbol: instrument.id, size: '0',
    quantityPrecision: String(instrument.qtyPrecision), pricePrecision: String(instrument.pricePrecision),
    feeRate: '0.0005', makerFeeRate: '0.0002', takerFeeRate: '0.0005',
    tradeMinLimit: '0', tradeMinQuantity: decimalString(instrument.minQty), tradeMinUSDT: decimalString(instrument.minNotional),
    maxLongLeverage: String(instrument.maxLeverage), maxShortLeverage: String(instrument.maxLeverage),
    currency: instrument.settle, asset: instrument.base, status: '1', apiStateOpen: 'true', apiStateClose: 'true',
    ensureTrigger: true, triggerFeeRate: '0.00050000',
  };
}

function premiumRow(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  const ticker = market.ticker(VENUE, instrument.id);
  return {
    symbol: instrument.id, markPrice: price(instrument, ticker.mark), indexPrice: price(instrument, ticker.index),
    // The running period's rate, paid at nextFundingTime (BingX's "last funding rate").
    lastFundingRate: decimalString(funding.rate), nextFundingTime: funding.nextFundingTime,
    fundingIntervalHours: funding.intervalHours, updateTime: ticker.time,
  };
}

function tickerRow(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const t = market.ticker(VENUE, instrument.id);
  const change = t.last - t.open24h;
  return {
    symbol: instrument.id, priceChange: price(instrument, change),
    priceChangePercent: t.open24h === 0 ? '0' : ((change / t.open24h) * 100).toFixed(2),
    lastPrice: price(instrument, t.last), lastQty: qty(instrument, instrument.minQty),
    highPrice: price(instrument, t.high24h), lowPrice: price(instrument, t.low24h),
    volume: qty(instrument, t.volume24hBase), quoteVolume: t.volume24hQuote.toFixed(2),
    openPrice: price(instrument, t.open24h), openTime: String(t.time - 86_400_000), closeTime: String(t.time),
    askPrice: price(instrument, t.ask), askQty: qty(instrument, instrument.minQty * 10),
    bidPrice: price(instrument, t.bid), bidQty: qty(instrument, instrument.minQty * 10),
  };
}

/** A symbol's row, or every contract's list when the query names none (the premium index and tickers). */
function oneOrAll(row: (market: SimMarket, instrument: SimInstrument) => Record<string, unknown>): Handler {
  return (market, query) => {
    const symbol = query.get('symbol');
    if (symbol === null || symbol === '') return ok(market.instruments(VENUE).map((i) => row(market, i)));
    return withInstrument(market, symbol, (instrument) => ok(row(market, instrument)));
  };
}

/** Settlements from `startTime` on, oldest first, at most `limit` (BingX's 1,000). */
function fundingHistory(market: SimMarket, query: URLSearchParams): SimResponse {
  return withInstrument(market, query.get('symbol'), (instrument) => {
    const limit = Math.min(optionalInt(query, 'limit') ?? 100, HISTORY_LIMIT);
    const rows = market.fundingHistory(VENUE, instrument.id, { since: optionalInt(query, 'startTime'), until: optionalInt(query, 'endTime'), limit });
    return ok(rows.map((s) => ({ symbol: instrument.id, fundingRate: decimalString(s.rate), fundingTime: s.time })));
  });
}

/** `quote/klines` (v3): `{open, close, high, low, volume, time}` rows, oldest first; BingX names its intervals as Binance does. */
function klines(market: SimMarket, query: URLSearchParams): SimResponse {
  return withInstrument(market, query.get('symbol'), (instrument) => {
    const timeframe = TIMEFRAMES[query.get('interval') ?? ''];
    if (timeframe === undefined) return bingxError(BINGX_CODES.badParameter, 'Invalid parameters, err: interval');
    const candles = market.candles(VENUE, instrument.id, timeframe, {
      since: optionalInt(query, 'startTime'), until: optionalInt(query, 'endTime'), limit: Math.min(optionalInt(query, 'limit') ?? 500, KLINE_LIMIT),
    });
    return ok(candles.map((c) => ({
      open: price(instrument, c.open), close: price(instrument, c.close), high: price(instrument, c.high), low: price(instrument, c.low),
      volume: qty(instrument, c.volume), time: c.time,
    })));
  });
}

/**
 * `quote/depth` (v2): `[price, quantity]` rows as strings, best first, the time in `T`; the
 * quantities in coins (BingX's contracts are one coin), repeated as `bidsCoin`/`asksCoin`.
 */
function depth(market: SimMarket, query: URLSearchParams): SimResponse {
  return withInstrument(market, query.get('symbol'), (instrument) => {
    const book = market.orderBook(VENUE, instrument.id, optionalInt(query, 'limit') ?? 20);
    const rows = (levels: Array<[number, number]>) => levels.map(([p, q]) => [price(instrument, p), qty(instrument, q * instrument.contractSize)]);
    return ok({ T: book.time, bids: rows(book.bids), asks: rows(book.asks), bidsCoin: rows(book.bids), asksCoin: rows(book.asks) });
  });
}

function withInstrument(market: SimMarket, symbol: string | null, answer: (instrument: SimInstrument) => SimResponse): SimResponse {
  const instrument = symbol === null ? undefined : market.instrument(VENUE, symbol);
  if (instrument === undefined) return bingxError(BINGX_CODES.badParameter, `Invalid parameters, err: symbol ${symbol ?? '(missing)'} does not exist`);
  return answer(instrument);
}

const PUBLIC: Record<string, Handler> = {
  [`${SWAP}/v2/server/time`]: (market) => ok({ serverTime: market.now() }),
  [`${SWAP}/v2/quote/contracts`]: (market) => ok(market.instruments(VENUE).map(contractRow)),
  [`${SWAP}/v2/quote/premiumIndex`]: oneOrAll(premiumRow),
  [`${SWAP}/v2/quote/ticker`]: oneOrAll(tickerRow),
  [`${SWAP}/v2/quote/fundingRate`]: fundingHistory,
  [`${SWAP}/v3/quote/klines`]: klines,
  [`${SWAP}/v2/quote/depth`]: depth,
  // The coin-margined and spot lists ccxt loads beside the swaps: none listed here.
  '/openApi/cswap/v1/market/contracts': () => ok([]),
  '/openApi/spot/v1/common/symbols': () => ok({ symbols: [] }),
};

function handle(request: SimRequest, context: SimContext): SimResponse | undefined {
  if (isBingxPrivate(request.method, request.path)) {
    const auth = authenticateBingx(request, context, Date.now());
    return 'refused' in auth ? auth.refused : handleBingxPrivate(request.method, request.path, context, auth.apiKey, auth.params);
  }
  if (request.method !== 'GET') return undefined;
  return PUBLIC[request.path]?.(context.market, request.query);
}

/**
 * BingX's bodies for injected HTTP errors. ccxt reads the body's code before the status, and
 * its table maps the HTTP codes BingX repeats as body codes (429 too many requests, 418 an IP
 * banned after 429s); 100500 is BingX's documented internal error.
 */
function errorBody(status: number): unknown {
  if (status === 429) return { code: 429, msg: 'Too Many Requests', data: {} };
  if (status === 418) return { code: 418, msg: 'IP banned after too many requests', data: {} };
  if (status >= 500) return { code: BINGX_CODES.internal, msg: 'Internal system error', data: {} };
  return { code: BINGX_CODES.badParameter, msg: `HTTP ${status}`, data: {} };
}

export const bingxWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: [`${SWAP}/`, '/openApi/cswap/', '/openApi/spot/v1/common/'],
  handle,
  errorBody,
};
