/**
 * Bitget v2 spot (`/api/v2/spot/…`, pairs such as `BTCUSDT`) as ccxt `bitget` loading spot
 * markets calls it: the pairs (`public/symbols`), tickers and books, and on the spot account
 * (a wallet apart from the futures account) orders, their reads and cancels, open orders and
 * the coins held (`account/assets`). A market buy's `size` is the USDT to spend, a limit's and a
 * market sell's the coins, as on Bitget; a limit with `force: ioc` cancels what the book does not
 * fill at its price. Shapes follow ccxt's recorded real spot answers (test/fixtures/venues/bitget-spot).
 */
import type { SimContext, SimResponse } from '../types.ts';
import type { SideEffect, SpotInstrument, SpotOrder, SpotOrderRequest } from '../spot.ts';
import { stringId } from '../random.ts';
import { MIX_REFUSALS, bitgetFailure, bitgetOk, bitgetOrderRef, bitgetRejected, type BitgetCall, type BitgetRefusals } from './bitgetEnvelope.ts';
import { decimalString, fixedString } from './wireDecimal.ts';
import { VENUES } from '../../../shared/domain/venues.ts';

const VENUE = 'bitget';
const BOOK_LIMIT = 150;
/** Time in force the simulator models; Bitget also takes `fok` and `post_only`, which it refuses rather than misread. */
const FORCES = new Set(['gtc', 'ioc']);

export const SPOT_REFUSALS: BitgetRefusals = {
  ...MIX_REFUSALS,
  'insufficient-margin': ['43012', 'Insufficient balance'],
  'min-notional': ['45110', 'less than the minimum amount 1 USDT'],
  'unknown-order': ['43001', 'The order does not exist'],
};

export const priceText = (pair: SpotInstrument, value: number) => fixedString(value, pair.pricePrecision);
const sizeText = (pair: SpotInstrument, value: number) => fixedString(value, pair.qtyPrecision);

export function pairNamed(context: SimContext, symbol: string | null | undefined): SpotInstrument | undefined {
  return symbol ? context.spot.instrument(VENUE, symbol) : undefined;
}

export const unknownPair = (now: number) => bitgetFailure(now, ...SPOT_REFUSALS['unknown-instrument']);

function symbolJson(pair: SpotInstrument): Record<string, unknown> {
  const fee = decimalString(VENUES[VENUE].spotTakerFee);
  return {
    symbol: pair.id, baseCoin: pair.base, quoteCoin: pair.quote, minTradeAmount: decimalString(pair.minQty), maxTradeAmount: '10000000000',
    takerFeeRate: fee, makerFeeRate: fee, pricePrecision: String(pair.pricePrecision), quantityPrecision: String(pair.qtyPrecision), quotePrecision: '6',
    status: 'online', minTradeUSDT: decimalString(pair.minNotional), buyLimitPriceRatio: '0.05', sellLimitPriceRatio: '0.05', areaSymbol: 'no', orderQuantity: '200',
  };
}

function tickerJson(pair: SpotInstrument, context: SimContext): Record<string, unknown> {
  const last = priceText(pair, context.spot.price(pair));
  const top = context.spot.book(pair, 1);
  return {
    open: last, symbol: pair.id, high24h: last, low24h: last, lastPr: last, quoteVolume: '0', baseVolume: '0', usdtVolume: '0', ts: String(top.time),
    bidPr: priceText(pair, top.bids[0][0]), askPr: priceText(pair, top.asks[0][0]), bidSz: sizeText(pair, top.bids[0][1]), askSz: sizeText(pair, top.asks[0][1]),
    openUtc: last, changeUtc24h: '0', change24h: '0',
  };
}

type PublicHandler = (query: URLSearchParams, context: SimContext) => SimResponse;

/** The pairs listed, or the one named by `symbol`. */
function listed(route: (pair: SpotInstrument, context: SimContext) => unknown): PublicHandler {
  return (query, context) => {
    const now = context.market.now();
    const symbol = query.get('symbol');
    if (symbol === null || symbol === '') return bitgetOk(now, context.spot.instruments(VENUE).map((pair) => route(pair, context)));
    const pair = pairNamed(context, symbol);
    return pair === undefined ? unknownPair(now) : bitgetOk(now, [route(pair, context)]);
  };
}

/** GET /api/v2/spot/market/orderbook: levels as [price, coins] strings, at most 150 a side. */
const orderbook: PublicHandler = (query, context) => {
  const now = context.market.now();
  const pair = pairNamed(context, query.get('symbol'));
  if (pair === undefined) return unknownPair(now);
  const book = context.spot.book(pair, Math.max(1, Math.min(BOOK_LIMIT, Math.floor(Number(query.get('limit') ?? BOOK_LIMIT)) || BOOK_LIMIT)));
  const level = ([price, size]: [number, number]) => [priceText(pair, price), sizeText(pair, size)];
  return bitgetOk(now, { asks: book.asks.map(level), bids: book.bids.map(level), ts: String(book.time) });
};

export const SPOT_PUBLIC_ROUTES: Readonly<Record<string, PublicHandler>> = {
  '/api/v2/spot/public/symbols': listed(symbolJson),
  '/api/v2/spot/market/tickers': listed(tickerJson),
  '/api/v2/spot/market/orderbook': orderbook,
};

/** The coins an order's `size` asks for: USDT to spend on a market buy, as on Bitget, else coins. */
function coinsAsked(context: SimContext, pair: SpotInstrument, marketBuy: boolean, size: number): { quantity: number; quoteAmount?: number } {
  return marketBuy ? { quantity: context.spot.coinsFor(pair, size), quoteAmount: size } : { quantity: size };
}

/**
 * The order a spot or margin place-order asks for, or Bitget's refusal of its fields: `size` is
 * the field carrying its amount (`size` on spot, `baseSize` or a market buy's `quoteSize` on margin).
 */
export function spotRequestOf(call: BitgetCall, size: string | undefined): SpotOrderRequest | SimResponse {
  const { params } = call;
  const pair = pairNamed(call.context, params.symbol);
  if (pair === undefined) return unknownPair(call.now);
  const { side, orderType } = params;
  const amount = Number(size);
  const force = (params.force ?? 'gtc').toLowerCase();
  if ((side !== 'buy' && side !== 'sell') || (orderType !== 'market' && orderType !== 'limit') || !(amount > 0) || !FORCES.has(force)) {
    return bitgetFailure(call.now, '40808', `Parameter verification exception side ${side}, orderType ${orderType}, size ${size}, force ${force}`);
  }
  return {
    instrumentId: pair.id, side, type: orderType, ...coinsAsked(call.context, pair, orderType === 'market' && side === 'buy', amount),
    price: orderType === 'limit' ? Number(params.price) : undefined, clientOrderId: params.clientOid, immediateOrCancel: orderType === 'limit' && force === 'ioc',
  };
}

/** Places `request` (or answers its refusal) and answers Bitget's ids-only order answer. */
export function placed(call: BitgetCall, request: SpotOrderRequest | SimResponse, sideEffect?: SideEffect): SimResponse {
  if (!('instrumentId' in request)) return request;
  try {
    const order = call.context.spot.placeOrder(VENUE, call.apiKey, request, sideEffect);
    return bitgetOk(call.now, { orderId: order.orderId, clientOid: order.clientOrderId });
  } catch (error) {
    return bitgetRejected(call.now, error, SPOT_REFUSALS);
  }
}

/** POST /api/v2/spot/trade/place-order. */
function placeOrder(call: BitgetCall): SimResponse {
  return placed(call, spotRequestOf(call, call.params.size));
}

/** POST /api/v2/spot/trade/cancel-order. */
function cancelOrder(call: BitgetCall): SimResponse {
  try {
    const order = call.context.spot.cancelOrder(VENUE, call.apiKey, bitgetOrderRef(call.params));
    return bitgetOk(call.now, { orderId: order.orderId, clientOid: order.clientOrderId });
  } catch (error) {
    return bitgetRejected(call.now, error, SPOT_REFUSALS);
  }
}

const STATUS: Record<SpotOrder['status'], string> = { new: 'live', 'partially-filled': 'partially_filled', filled: 'filled', cancelled: 'cancelled', rejected: 'cancelled' };

/** The fields an order row has in both the order query and the open-order list. */
function orderFields(order: SpotOrder, apiKey: string): Record<string, unknown> {
  return {
    userId: String(stringId(apiKey)), symbol: order.instrumentId, orderId: order.orderId, clientOid: order.clientOrderId,
    // A market buy states the USDT it was asked to spend, every other order its coins.
    size: decimalString(order.quoteAmount ?? order.quantity), orderType: order.type, side: order.side, status: STATUS[order.status],
    baseVolume: decimalString(order.filled), quoteVolume: decimalString(order.cost), enterPointSource: 'API',
    orderSource: order.type === 'market' ? 'market' : 'normal', cTime: String(order.createdAt), uTime: String(order.updatedAt),
  };
}

/** Bitget states a spot order's fee as JSON in a string, per fee coin, negative when charged. */
function feeDetail(order: SpotOrder): string {
  const fee = -order.fee;
  return JSON.stringify({
    newFees: { c: 0, d: 0, deduction: false, r: fee, t: fee, totalDeductionFee: 0 },
    [order.feeCurrency]: { deduction: false, feeCoinCode: order.feeCurrency, totalDeductionFee: 0, totalFee: fee },
  });
}

/** A price of the order's pair, `"0"` where there is none (a market order's limit, an average before any fill). */
function orderPrice(context: SimContext, order: SpotOrder, value: number | null): string {
  return value === null ? '0' : priceText(context.spot.instrument(VENUE, order.instrumentId)!, value);
}

/** GET /api/v2/spot/trade/orderInfo: a list of the one order, empty when there is none. */
function orderInfo(call: BitgetCall): SimResponse {
  const order = call.context.spot.order(VENUE, call.apiKey, bitgetOrderRef(call.params));
  if (order === undefined) return bitgetOk(call.now, []);
  return bitgetOk(call.now, [{
    ...orderFields(order, call.apiKey), price: orderPrice(call.context, order, order.price),
    priceAvg: order.averagePrice === null ? '0' : decimalString(order.averagePrice), feeDetail: feeDetail(order),
  }]);
}

/** GET /api/v2/spot/trade/unfilled-orders: `priceAvg` carries the limit price, `basePrice` the average fill, as Bitget lists them. */
function unfilledOrders(call: BitgetCall): SimResponse {
  const pair = pairNamed(call.context, call.params.symbol);
  if (call.params.symbol !== undefined && pair === undefined) return unknownPair(call.now);
  return bitgetOk(call.now, call.context.spot.openOrders(VENUE, call.apiKey, pair?.id).map((order) => ({
    ...orderFields(order, call.apiKey), priceAvg: orderPrice(call.context, order, order.price),
    basePrice: order.averagePrice === null ? '0' : decimalString(order.averagePrice),
  })));
}

/** GET /api/v2/spot/account/assets: the spot wallet's coins (USDT always listed). */
function assets(call: BitgetCall): SimResponse {
  const wanted = call.params.coin;
  const rows = call.context.spot.balances(VENUE, call.apiKey).filter((row) => wanted === undefined || row.coin === wanted);
  return bitgetOk(call.now, rows.map((row) => ({
    coin: row.coin, available: decimalString(row.free), limitAvailable: '0', frozen: decimalString(row.locked), locked: '0', uTime: String(call.now),
  })));
}

export const SPOT_PRIVATE_ROUTES: Readonly<Record<string, (call: BitgetCall) => SimResponse>> = {
  'POST /api/v2/spot/trade/place-order': placeOrder,
  'POST /api/v2/spot/trade/cancel-order': cancelOrder,
  'GET /api/v2/spot/trade/orderInfo': orderInfo,
  'GET /api/v2/spot/trade/unfilled-orders': unfilledOrders,
  'GET /api/v2/spot/account/assets': assets,
};
