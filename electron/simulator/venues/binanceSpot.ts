/**
 * Binance spot (`/api/v3/…`) as ccxt `binance` calls it for spot markets: exchange info, depth,
 * 24-h tickers, and the signed order and account endpoints, signed as the futures API is (the
 * same key trades both). Orders answer ACK, RESULT or FULL (with fills) as `newOrderRespType`
 * asks, FULL by default for market and limit orders as on Binance. Shapes follow ccxt's
 * recorded real spot answers (test/fixtures/venues/binance-spot).
 */
import type { RejectionReason, SimContext, SimResponse, VenueWire } from '../types.ts';
import type { SpotInstrument, SpotOrder, SpotOrderRequest } from '../spot.ts';
import { authenticateBinance } from './binance.ts';
import { error, handleBinanceShaped, isResponse, missing, ok, orderRef, type Handler, type Params } from './binanceShaped.ts';

const VENUE = 'binanceusdm' as const;
export const price = (instrument: SpotInstrument, value: number) => value.toFixed(Math.max(instrument.pricePrecision, 8));
export const qty = (value: number) => value.toFixed(8);

export function rejection(reason: RejectionReason): SimResponse {
  switch (reason) {
    case 'insufficient-margin': return error(400, -2010, 'Account has insufficient balance for requested action.');
    case 'min-notional': return error(400, -1013, 'Filter failure: NOTIONAL');
    case 'invalid-quantity': return error(400, -1013, 'Filter failure: LOT_SIZE');
    case 'invalid-price': return error(400, -1013, 'Filter failure: PRICE_FILTER');
    case 'unknown-order': return error(400, -2013, 'Order does not exist.');
    case 'unknown-instrument': return error(400, -1121, 'Invalid symbol.');
    case 'duplicate-client-id': return error(400, -2010, 'Duplicate order sent.');
    case 'invalid-client-id': return error(400, -1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.");
    default: return error(400, -1000, 'An unknown error occurred while processing the request.');
  }
}

export function instrumentOf(params: Params, context: SimContext): SpotInstrument | SimResponse {
  const symbol = params.get('symbol');
  if (!symbol) return missing('symbol');
  return context.spot.instrument(VENUE, symbol) ?? error(400, -1121, 'Invalid symbol.');
}

function symbolJson(instrument: SpotInstrument): Record<string, unknown> {
  const p = (value: number) => price(instrument, value);
  return {
    symbol: instrument.id, status: 'TRADING', baseAsset: instrument.base, baseAssetPrecision: 8, quoteAsset: instrument.quote, quotePrecision: 8,
    quoteAssetPrecision: 8, baseCommissionPrecision: 8, quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true, ocoAllowed: true, quoteOrderQtyMarketAllowed: true, allowTrailingStop: true, cancelReplaceAllowed: true,
    isSpotTradingAllowed: true, isMarginTradingAllowed: true,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: p(instrument.tickSize), maxPrice: p(1_000_000), tickSize: p(instrument.tickSize) },
      { filterType: 'LOT_SIZE', minQty: qty(instrument.minQty), maxQty: qty(9_000_000), stepSize: qty(instrument.stepSize) },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: qty(0), maxQty: qty(9_000_000), stepSize: qty(0) },
      { filterType: 'NOTIONAL', minNotional: instrument.minNotional.toFixed(8), applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
    ],
    permissions: ['SPOT', 'MARGIN'],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

function exchangeInfo(_params: Params, context: SimContext): SimResponse {
  return ok({
    timezone: 'UTC', serverTime: context.market.now(),
    rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 }],
    exchangeFilters: [], symbols: context.spot.instruments(VENUE).map(symbolJson),
  });
}

function depth(params: Params, context: SimContext): SimResponse {
  const instrument = instrumentOf(params, context);
  if (isResponse(instrument)) return instrument;
  const book = context.spot.book(instrument, Math.min(Number(params.get('limit') ?? 100), 5000));
  const level = ([p, q]: [number, number]) => [price(instrument, p), qty(q)];
  return ok({ lastUpdateId: Math.floor(book.time / 100), bids: book.bids.map(level), asks: book.asks.map(level) });
}

function tickerJson(instrument: SpotInstrument, context: SimContext): Record<string, unknown> {
  const book = context.spot.book(instrument, 1);
  const last = context.spot.price(instrument);
  const now = context.market.now();
  const p = (value: number) => price(instrument, value);
  return {
    symbol: instrument.id, priceChange: p(0), priceChangePercent: '0.000', weightedAvgPrice: p(last), prevClosePrice: p(last), lastPrice: p(last),
    lastQty: qty(instrument.stepSize), bidPrice: p(book.bids[0][0]), bidQty: qty(book.bids[0][1]), askPrice: p(book.asks[0][0]), askQty: qty(book.asks[0][1]),
    openPrice: p(last), highPrice: p(last), lowPrice: p(last), volume: qty(0), quoteVolume: qty(0), openTime: now - 86_400_000, closeTime: now,
    firstId: 1, lastId: 1, count: 1,
  };
}

/** `symbol=BTCUSDT`, `symbols=["BTCUSDT","ETHUSDT"]` (ccxt sends the JSON list) or every pair. */
function ticker24hr(params: Params, context: SimContext): SimResponse {
  const one = params.get('symbol');
  if (one) {
    const instrument = instrumentOf(params, context);
    return isResponse(instrument) ? instrument : ok(tickerJson(instrument, context));
  }
  const listed = params.get('symbols');
  const ids = listed ? (JSON.parse(listed) as string[]) : context.spot.instruments(VENUE).map((i) => i.id);
  const instruments = ids.map((id) => context.spot.instrument(VENUE, id));
  if (instruments.some((i) => i === undefined)) return error(400, -1121, 'Invalid symbol.');
  return ok(instruments.map((instrument) => tickerJson(instrument!, context)));
}

const STATUS: Record<SpotOrder['status'], string> = { new: 'NEW', 'partially-filled': 'PARTIALLY_FILLED', filled: 'FILLED', cancelled: 'CANCELED', rejected: 'EXPIRED' };

/** The order as GET /api/v3/order states it. */
export function orderJson(order: SpotOrder, context: SimContext): Record<string, unknown> {
  const instrument = context.spot.instrument(VENUE, order.instrumentId)!;
  // A market order's unfilled rest expires, as on Binance.
  const status = order.type === 'market' && order.status === 'cancelled' ? 'EXPIRED' : STATUS[order.status];
  return {
    symbol: order.instrumentId, orderId: Number(order.orderId), orderListId: -1, clientOrderId: order.clientOrderId,
    price: price(instrument, order.price ?? 0), origQty: qty(order.quantity), executedQty: qty(order.filled), cummulativeQuoteQty: qty(order.cost),
    status, timeInForce: 'GTC', type: order.type === 'market' ? 'MARKET' : 'LIMIT', side: order.side.toUpperCase(), stopPrice: qty(0), icebergQty: qty(0),
    time: order.createdAt, updateTime: order.updatedAt, isWorking: true, workingTime: order.createdAt, origQuoteOrderQty: qty(0), selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** The create answer in the asked type: ACK (ids), RESULT (the order), FULL (the order and its fills). */
export function createAnswer(order: SpotOrder, respType: string, context: SimContext): Record<string, unknown> {
  const ack = { symbol: order.instrumentId, orderId: Number(order.orderId), orderListId: -1, clientOrderId: order.clientOrderId, transactTime: order.createdAt };
  if (respType === 'ACK') return ack;
  const { symbol, orderId, orderListId, clientOrderId, price: p, origQty, executedQty, origQuoteOrderQty, cummulativeQuoteQty, status, timeInForce, type, side, workingTime, selfTradePreventionMode } = orderJson(order, context);
  const result = { symbol, orderId, orderListId, clientOrderId, transactTime: order.createdAt, price: p, origQty, executedQty, origQuoteOrderQty, cummulativeQuoteQty, status, timeInForce, type, side, workingTime, selfTradePreventionMode };
  if (respType === 'RESULT') return result;
  const instrument = context.spot.instrument(VENUE, order.instrumentId)!;
  const fills = order.fills.map((fill) => ({ price: price(instrument, fill.price), qty: qty(fill.quantity), commission: qty(fill.fee), commissionAsset: order.feeCurrency, tradeId: fill.tradeId }));
  return { ...result, fills };
}

/** The order a spot or margin create asks for, and the answer type, read from Binance's form. */
export function readOrderForm(params: Params, context: SimContext): { request: SpotOrderRequest; respType: string } | SimResponse {
  const instrument = instrumentOf(params, context);
  if (isResponse(instrument)) return instrument;
  const side = params.get('side');
  const type = params.get('type');
  if (side !== 'BUY' && side !== 'SELL') return missing('side');
  if (type !== 'MARKET' && type !== 'LIMIT') return error(400, -1116, 'Invalid orderType.');
  const quantity = Number(params.get('quantity'));
  // ccxt sends a market buy by `quantity`; a `quoteOrderQty` order is not simulated.
  if (!(quantity > 0)) return missing('quantity');
  const respType = params.get('newOrderRespType') ?? 'FULL';
  if (!['ACK', 'RESULT', 'FULL'].includes(respType)) return error(400, -1136, 'Invalid newOrderRespType');
  const limit = params.get('price');
  if (type === 'LIMIT' && !limit) return missing('price');
  return {
    respType,
    request: {
      instrumentId: instrument.id, side: side === 'BUY' ? 'buy' : 'sell', type: type === 'MARKET' ? 'market' : 'limit', quantity,
      price: limit ? Number(limit) : undefined, clientOrderId: params.get('newClientOrderId') ?? undefined,
    },
  };
}

function placeOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
  const form = readOrderForm(params, context);
  if (isResponse(form)) return form;
  return ok(createAnswer(context.spot.placeOrder(VENUE, apiKey, form.request), form.respType, context));
}

function queryOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
  const instrument = instrumentOf(params, context);
  if (isResponse(instrument)) return instrument;
  const order = context.spot.order(VENUE, apiKey, orderRef(params));
  return order && order.instrumentId === instrument.id ? ok(orderJson(order, context)) : error(400, -2013, 'Order does not exist.');
}

function cancelOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
  const instrument = instrumentOf(params, context);
  if (isResponse(instrument)) return instrument;
  const existing = context.spot.order(VENUE, apiKey, orderRef(params));
  if (!existing || existing.instrumentId !== instrument.id) return error(400, -2011, 'Unknown order sent.');
  const cancelled = context.spot.cancelOrder(VENUE, apiKey, orderRef(params));
  return ok({ ...orderJson(cancelled, context), origClientOrderId: cancelled.clientOrderId, transactTime: context.market.now() });
}

function openOrders(params: Params, context: SimContext, apiKey: string): SimResponse {
  const symbol = params.get('symbol') ?? undefined;
  if (symbol && !context.spot.instrument(VENUE, symbol)) return error(400, -1121, 'Invalid symbol.');
  return ok(context.spot.openOrders(VENUE, apiKey, symbol).map((order) => orderJson(order, context)));
}

function account(_params: Params, context: SimContext, apiKey: string): SimResponse {
  const rate = (fee: number) => fee.toFixed(8);
  return ok({
    makerCommission: 10, takerCommission: 10, buyerCommission: 0, sellerCommission: 0,
    commissionRates: { maker: rate(0.001), taker: rate(0.001), buyer: rate(0), seller: rate(0) },
    canTrade: true, canWithdraw: true, canDeposit: true, brokered: false, requireSelfTradePrevention: false, preventSor: false,
    updateTime: context.market.now(), accountType: 'SPOT',
    balances: context.spot.balances(VENUE, apiKey).map((b) => ({ asset: b.coin, free: qty(b.free), locked: qty(b.locked) })),
    permissions: ['SPOT'], uid: 354937868,
  });
}

const PUBLIC: Record<string, Handler> = {
  'GET /api/v3/ping': () => ok({}),
  'GET /api/v3/time': (_p, context) => ok({ serverTime: context.market.now() }),
  'GET /api/v3/exchangeInfo': exchangeInfo,
  'GET /api/v3/depth': depth,
  'GET /api/v3/ticker/24hr': ticker24hr,
};

const PRIVATE: Record<string, Handler> = {
  'POST /api/v3/order': placeOrder,
  'GET /api/v3/order': queryOrder,
  'DELETE /api/v3/order': cancelOrder,
  'GET /api/v3/openOrders': openOrders,
  'GET /api/v3/account': account,
};

export const binanceSpotWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: ['/api/v3/'],
  handle(request, context) {
    return handleBinanceShaped(request, context, { public: PUBLIC, private: PRIVATE }, rejection, VENUE, authenticateBinance);
  },
  errorBody(status) {
    if (status === 429) return { code: -1003, msg: 'Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute.' };
    return { code: -1000, msg: 'An unknown error occurred while processing the request.' };
  },
};
