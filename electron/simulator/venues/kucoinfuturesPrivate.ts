/**
 * KuCoin Futures private endpoints (signed, see kucoinfuturesAuth.ts) for a one-way USDT
 * futures account: the account overview, positions, margin mode and cross leverage, orders
 * (place, read by id or `clientOid`, the active list, cancel), fills and funding settlements.
 * Sizes are lots of the contract's `multiplier` coins (`currentQty` signed), money in USDT.
 * Each order names its margin mode (`ISOLATED` when left out, as KuCoin takes it) and its
 * leverage; an isolated order's leverage is the position's. Refusals carry KuCoin's codes with
 * HTTP 200, as the venue answers business errors, so ccxt raises the same classes
 * (docs/venues.md, "KuCoin Futures").
 */
import { SimRejection } from '../types.ts';
import type { RejectionReason, SimContext, SimIncome, SimInstrument, SimOrder, SimPosition, SimRequest, SimResponse, SimTrade } from '../types.ts';
import { decimalString } from './wireDecimal.ts';

const VENUE = 'kucoinfutures';

interface KucoinCall {
  context: SimContext;
  apiKey: string;
  /** Query parameters on GET and DELETE, JSON body fields on POST. */
  params: Record<string, unknown>;
  /** The path's own parameter (`{orderId}`, `{clientOid}`), where the route has one. */
  pathParam: string | undefined;
}

export function kucoinOk(data: unknown): SimResponse {
  return { status: 200, body: { code: '200000', data } };
}

export function kucoinFailure(code: string, msg: string, status = 200): SimResponse {
  return { status, body: { code, msg } };
}

const REFUSALS: Record<RejectionReason, [string, string]> = {
  'insufficient-margin': ['300003', 'Balance not enough, please first deposit at least 2 USDT before you start the battle'],
  'min-notional': ['300000', 'Order size below the minimum requirement.'],
  'reduce-only': ['300009', 'No open positions to close.'],
  'unknown-order': ['100001', 'error.getOrder.orderNotExist'],
  'unknown-instrument': ['400000', 'contract does not exist'],
  'invalid-quantity': ['300000', 'The order size must be a positive whole number of lots.'],
  'invalid-price': ['300000', 'The order price is not a multiple of the tick size.'],
  'duplicate-client-id': ['126044', 'clientOid duplicate'],
  'margin-mode': ['330005', 'The order\'s margin mode does not match the selected one. Please switch and try again.'],
  'invalid-client-id': ['400100', 'clientOid parameter is invalid'],
};

function rejected(error: unknown): SimResponse {
  if (!(error instanceof SimRejection)) throw error;
  return kucoinFailure(...REFUSALS[error.reason]);
}

const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

function numberParam(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name] === undefined ? Number.NaN : Number(params[name]);
  return Number.isFinite(value) ? value : undefined;
}

function instrumentOf(call: KucoinCall): SimInstrument | undefined {
  const id = text(call.params.symbol);
  return id === undefined ? undefined : call.context.market.instrument(VENUE, id);
}

/** Runs `work` on the call's contract: KuCoin's refusal for an unlisted one, a simulator rejection in KuCoin's words. */
function onContract(call: KucoinCall, work: (instrument: SimInstrument) => SimResponse): SimResponse {
  const instrument = instrumentOf(call);
  if (instrument === undefined) return kucoinFailure(...REFUSALS['unknown-instrument']);
  try {
    return work(instrument);
  } catch (error) {
    return rejected(error);
  }
}

const modeName = (mode: 'cross' | 'isolated'): string => (mode === 'cross' ? 'CROSS' : 'ISOLATED');

/** An order row as `GET /api/v1/orders/{orderId}`, `byClientOid` and the order list state it (ccxt's recorded answer). */
function orderRow(call: KucoinCall, order: SimOrder): Record<string, unknown> {
  const instrument = call.context.market.instrument(VENUE, order.instrumentId)!;
  const perLot = instrument.contractSize;
  const filledValue = order.filled * perLot * (order.averagePrice ?? 0);
  const active = order.status === 'new' || order.status === 'partially-filled';
  const { leverage } = call.context.accounts.leverage(VENUE, call.apiKey, order.instrumentId);
  return {
    id: order.orderId, symbol: order.instrumentId, type: order.type, side: order.side,
    price: order.price === null ? '0' : decimalString(order.price), size: order.quantity,
    value: decimalString(order.quantity * perLot * (order.price ?? order.averagePrice ?? 0)), dealValue: decimalString(filledValue), dealSize: order.filled,
    stp: '', stop: '', stopPriceType: '', stopTriggered: false, stopPrice: null, timeInForce: 'GTC', postOnly: false, hidden: false, iceberg: false,
    leverage: String(leverage), forceHold: false, closeOrder: false, visibleSize: 0, clientOid: order.clientOrderId, remark: null, tags: null,
    isActive: active, cancelExist: order.status === 'cancelled', createdAt: order.createdAt, updatedAt: order.updatedAt, endAt: active ? null : order.updatedAt,
    orderTime: order.createdAt * 1_000_000, settleCurrency: instrument.settle, status: active ? 'open' : 'done',
    filledValue: decimalString(filledValue), filledSize: order.filled, reduceOnly: order.reduceOnly,
  };
}

/** `GET /api/v1/account-overview?currency=USDT`: the futures account in one currency. */
function accountOverview(call: KucoinCall): SimResponse {
  const currency = text(call.params.currency) ?? 'XBT';
  const balance = call.context.accounts.balances(VENUE, call.apiKey).find((b) => b.currency === currency);
  const positions = call.context.accounts.positions(VENUE, call.apiKey);
  const unrealised = positions.reduce((sum, p) => sum + p.unrealisedPnl, 0);
  const positionMargin = positions.reduce((sum, p) => sum + p.margin, 0);
  const total = balance?.total ?? 0;
  const free = balance?.free ?? 0;
  return kucoinOk({
    accountEquity: total, unrealisedPNL: unrealised, marginBalance: total, positionMargin,
    orderMargin: Math.max(0, (balance?.used ?? 0) - positionMargin), frozenFunds: 0, availableBalance: free, currency,
  });
}

/** One position row (`GET /api/v1/positions`, `/api/v1/position`): `currentQty` in lots, signed. */
function positionRow(call: KucoinCall, p: SimPosition): Record<string, unknown> {
  const instrument = call.context.market.instrument(VENUE, p.instrumentId)!;
  const coins = p.size * instrument.contractSize;
  const cost = coins * p.entryPrice;
  const markValue = coins * p.markPrice;
  return {
    id: `pos-${p.instrumentId}`, symbol: p.instrumentId, autoDeposit: false, maintMarginReq: instrument.maintenanceMarginRate, riskLimit: 1_000_000,
    realLeverage: p.leverage, crossMode: p.marginMode === 'cross', delevPercentage: 0, openingTimestamp: p.updatedAt, currentTimestamp: call.context.market.now(),
    currentQty: p.size, currentCost: cost, currentComm: 0, unrealisedCost: cost, realisedGrossCost: 0, realisedCost: 0, isOpen: p.size !== 0,
    markPrice: p.markPrice, markValue, posCost: cost, posCross: 0, posInit: p.margin, posComm: 0, posLoss: 0, posMargin: p.margin,
    posMaint: Math.abs(markValue) * instrument.maintenanceMarginRate, maintMargin: p.margin + p.unrealisedPnl, realisedGrossPnl: 0, realisedPnl: 0,
    unrealisedPnl: p.unrealisedPnl, unrealisedPnlPcnt: cost === 0 ? 0 : p.unrealisedPnl / Math.abs(cost), unrealisedRoePcnt: p.margin === 0 ? 0 : p.unrealisedPnl / p.margin,
    avgEntryPrice: p.entryPrice, liquidationPrice: p.liquidationPrice ?? 0, bankruptPrice: p.liquidationPrice ?? 0, settleCurrency: instrument.settle, isInverse: false,
  };
}

function positions(call: KucoinCall): SimResponse {
  const held = call.context.accounts.positions(VENUE, call.apiKey).filter((p) => p.size !== 0);
  const instrument = instrumentOf(call);
  return kucoinOk(held.filter((p) => instrument === undefined || p.instrumentId === instrument.id).map((p) => positionRow(call, p)));
}

function position(call: KucoinCall): SimResponse {
  return onContract(call, (instrument) => kucoinOk(positionRow(call, call.context.accounts.position(VENUE, call.apiKey, instrument.id))));
}

/** KuCoin states a margin mode as `ISOLATED` or `CROSS`; anything else is refused rather than guessed. */
function marginModeOf(value: unknown): 'cross' | 'isolated' {
  if (value === undefined || value === 'ISOLATED') return 'isolated';
  if (value === 'CROSS') return 'cross';
  throw new SimRejection('margin-mode', `marginMode ${String(value)}: ISOLATED or CROSS`);
}

/** `POST /api/v2/position/changeMarginMode`: refused while the symbol holds a position in the other mode. */
function changeMarginMode(call: KucoinCall): SimResponse {
  return onContract(call, (instrument) => {
    const mode = marginModeOf(call.params.marginMode);
    const held = call.context.accounts.position(VENUE, call.apiKey, instrument.id);
    if (held.size !== 0 && held.marginMode !== mode) throw new SimRejection('margin-mode', 'a position is held in the other margin mode');
    call.context.accounts.setMarginMode(VENUE, call.apiKey, instrument.id, mode);
    return kucoinOk({ symbol: instrument.id, marginMode: modeName(mode) });
  });
}

function marginMode(call: KucoinCall): SimResponse {
  return onContract(call, (instrument) => kucoinOk({ symbol: instrument.id, marginMode: modeName(call.context.accounts.leverage(VENUE, call.apiKey, instrument.id).marginMode) }));
}

/** `POST /api/v2/changeCrossUserLeverage`: the cross-margin leverage of a symbol (isolated orders state their own). */
function changeCrossLeverage(call: KucoinCall): SimResponse {
  return onContract(call, (instrument) => {
    call.context.accounts.setLeverage(VENUE, call.apiKey, instrument.id, Number(call.params.leverage));
    return kucoinOk(true);
  });
}

function crossLeverage(call: KucoinCall): SimResponse {
  return onContract(call, (instrument) => kucoinOk({ symbol: instrument.id, leverage: String(call.context.accounts.leverage(VENUE, call.apiKey, instrument.id).leverage) }));
}

function positionMode(call: KucoinCall): SimResponse {
  return kucoinOk({ positionMode: call.context.accounts.hedgeMode(VENUE, call.apiKey) ? 1 : 0 });
}

/** `POST /api/v1/orders`: `size` in whole lots; an opening isolated order's `leverage` becomes the position's. */
function placeOrder(call: KucoinCall): SimResponse {
  const { params } = call;
  return onContract(call, (instrument) => {
    const mode = marginModeOf(params.marginMode);
    const reduceOnly = params.reduceOnly === true;
    const leverage = numberParam(params, 'leverage');
    if (!reduceOnly && mode === 'isolated' && leverage !== undefined) call.context.accounts.setLeverage(VENUE, call.apiKey, instrument.id, leverage);
    const order = call.context.accounts.placeOrder(VENUE, call.apiKey, {
      instrumentId: instrument.id, side: params.side === 'sell' ? 'sell' : 'buy', type: params.type === 'market' ? 'market' : 'limit',
      quantity: Number(params.size), price: params.type === 'market' || params.price === undefined ? undefined : Number(params.price),
      reduceOnly, postOnly: params.postOnly === true, clientOrderId: text(params.clientOid), marginMode: mode,
    });
    return kucoinOk({ orderId: order.orderId });
  });
}

function orderRef(call: KucoinCall, by: 'orderId' | 'clientOid'): { orderId?: string; clientOrderId?: string } {
  const value = call.pathParam ?? text(call.params[by]);
  return by === 'orderId' ? { orderId: value } : { clientOrderId: value };
}

function readOrder(call: KucoinCall, by: 'orderId' | 'clientOid'): SimResponse {
  const order = call.context.accounts.order(VENUE, call.apiKey, orderRef(call, by));
  return order === undefined ? kucoinFailure(...REFUSALS['unknown-order']) : kucoinOk(orderRow(call, order));
}

function cancelOrder(call: KucoinCall, by: 'orderId' | 'clientOid'): SimResponse {
  try {
    const order = call.context.accounts.cancelOrder(VENUE, call.apiKey, orderRef(call, by));
    return kucoinOk(by === 'orderId' ? { cancelledOrderIds: [order.orderId] } : { clientOid: order.clientOrderId });
  } catch (error) {
    return rejected(error);
  }
}

/** KuCoin's paged list: `{currentPage, pageSize, totalNum, totalPage, items}`. */
function page(items: unknown[]): SimResponse {
  return kucoinOk({ currentPage: 1, pageSize: Math.max(50, items.length), totalNum: items.length, totalPage: 1, items });
}

/** `GET /api/v1/orders?status=active|done`, newest first. */
function orderList(call: KucoinCall): SimResponse {
  const id = instrumentOf(call)?.id;
  const { accounts } = call.context;
  const orders = call.params.status === 'done'
    ? accounts.orders(VENUE, call.apiKey, id).filter((o) => o.status !== 'new' && o.status !== 'partially-filled')
    : accounts.openOrders(VENUE, call.apiKey, id);
  return page([...orders].reverse().map((o) => orderRow(call, o)));
}

function fillRow(call: KucoinCall, t: SimTrade): Record<string, unknown> {
  const instrument = call.context.market.instrument(VENUE, t.instrumentId)!;
  const value = t.quantity * instrument.contractSize * t.price;
  return {
    symbol: t.instrumentId, tradeId: t.tradeId, orderId: t.orderId, side: t.side, liquidity: t.maker ? 'maker' : 'taker', forceTaker: false,
    price: decimalString(t.price), size: t.quantity, value: decimalString(value), feeRate: decimalString(value === 0 ? 0 : t.fee / value), fixFee: '0',
    feeCurrency: t.feeCurrency, stop: '', tradeTime: t.time * 1_000_000, fee: decimalString(t.fee), settleCurrency: instrument.settle,
    orderType: call.context.accounts.order(VENUE, call.apiKey, { orderId: t.orderId })?.type ?? 'market', tradeType: 'trade', createdAt: t.time,
  };
}

/** `GET /api/v1/fills?symbol&startAt`: this account's fills, newest first. */
function fills(call: KucoinCall): SimResponse {
  const trades = call.context.accounts.trades(VENUE, call.apiKey, { instrumentId: instrumentOf(call)?.id, since: numberParam(call.params, 'startAt') });
  return page([...trades].reverse().map((t) => fillRow(call, t)));
}

/**
 * `GET /api/v1/funding-history?symbol&startAt`: the settlements of one contract, newest first.
 * `funding` is the account's income: negative when the position paid (KuCoin's example: a
 * 12-lot ETHUSDTM long at +0.01 % shows `funding` −0.05535396 on a `positionCost` of 553.54).
 */
function fundingRow(instrument: SimInstrument, i: SimIncome): Record<string, unknown> {
  return {
    id: Number(i.id.replace(/\D/g, '')) || 1, symbol: i.instrumentId, timePoint: i.time, fundingRate: i.rate, markPrice: i.markPrice,
    positionQty: i.positionSize, positionCost: i.positionSize * instrument.contractSize * i.markPrice, funding: i.amount, settleCurrency: i.currency,
  };
}

function fundingHistory(call: KucoinCall): SimResponse {
  return onContract(call, (instrument) => {
    const rows = call.context.accounts.income(VENUE, call.apiKey, { instrumentId: instrument.id, since: numberParam(call.params, 'startAt'), limit: numberParam(call.params, 'maxCount') });
    return kucoinOk({ dataList: [...rows].reverse().map((i) => fundingRow(instrument, i)), hasMore: false });
  });
}

/** `GET /api/v1/trade-fees?symbol`: the account's tier on the contract. */
function tradeFees(call: KucoinCall): SimResponse {
  const fees = call.context.accounts.feeRates(VENUE, call.apiKey);
  return onContract(call, (instrument) => kucoinOk({ symbol: instrument.id, takerFeeRate: decimalString(fees.taker), makerFeeRate: decimalString(fees.maker), feeTaxRate: '0' }));
}

type Route = (call: KucoinCall) => SimResponse;

const ROUTES: Record<string, Route> = {
  'GET /api/v1/account-overview': accountOverview,
  'GET /api/v1/positions': positions,
  'GET /api/v1/position': position,
  'GET /api/v2/position/getMarginMode': marginMode,
  'POST /api/v2/position/changeMarginMode': changeMarginMode,
  'GET /api/v2/position/getPositionMode': positionMode,
  'GET /api/v2/getCrossUserLeverage': crossLeverage,
  'POST /api/v2/changeCrossUserLeverage': changeCrossLeverage,
  'POST /api/v1/orders': placeOrder,
  'GET /api/v1/orders': orderList,
  'GET /api/v1/orders/byClientOid': (call) => readOrder(call, 'clientOid'),
  'GET /api/v1/fills': fills,
  'GET /api/v1/funding-history': fundingHistory,
  'GET /api/v1/trade-fees': tradeFees,
};

/** Routes with the order named in the path. */
const PATH_ROUTES: Array<[string, RegExp, (call: KucoinCall) => SimResponse]> = [
  ['DELETE', /^\/api\/v1\/orders\/client-order\/([^/]+)$/, (call) => cancelOrder(call, 'clientOid')],
  ['GET', /^\/api\/v1\/orders\/([^/]+)$/, (call) => readOrder(call, 'orderId')],
  ['DELETE', /^\/api\/v1\/orders\/([^/]+)$/, (call) => cancelOrder(call, 'orderId')],
];

function routeOf(request: SimRequest): { route: Route; pathParam?: string } | undefined {
  const route = ROUTES[`${request.method} ${request.path}`];
  if (route !== undefined) return { route };
  for (const [method, pattern, handler] of PATH_ROUTES) {
    const match = method === request.method ? pattern.exec(request.path) : null;
    if (match !== null) return { route: handler, pathParam: decodeURIComponent(match[1]) };
  }
  return undefined;
}

export function isKucoinPrivate(request: SimRequest): boolean {
  return routeOf(request) !== undefined;
}

function paramsOf(request: SimRequest): Record<string, unknown> | undefined {
  if (request.method !== 'POST') return Object.fromEntries(request.query.entries());
  try {
    return JSON.parse(request.body === '' ? '{}' : request.body) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Runs an authenticated private request; `apiKey` is the account it acts on. */
export function handleKucoinPrivate(request: SimRequest, context: SimContext, apiKey: string): SimResponse {
  const found = routeOf(request)!;
  const params = paramsOf(request);
  if (params === undefined) return kucoinFailure('400100', 'Param validation error: the body is not JSON');
  return found.route({ context, apiKey, params, pathParam: found.pathParam });
}
