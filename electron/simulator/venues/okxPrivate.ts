/**
 * OKX v5 private endpoints (trading account, SWAP) over SimAccounts: balance, positions,
 * leverage/margin mode, single and batch orders, order queries, fills and funding bills. An
 * order item or query naming a spot pair goes to the spot pairs (okxSpot.ts).
 */
import { SimRejection } from '../types.ts';
import type { RejectionReason, SimContext, SimInstrument, SimOrder, SimResponse } from '../types.ts';
import { OKX_ERRORS, okxError, okxLimit, okxNumber, okxOk, okxString } from './okxEnvelope.ts';
import type { OkxParams } from './okxEnvelope.ts';
import { balanceDetailJson, fillJson, fundingBillJson, orderJson, positionJson } from './okxShapes.ts';
import { decimalString } from './wireDecimal.ts';
import { DAILY_INTEREST_RATE } from '../marginDebts.ts';
import { cancelSpot, openSpotOrders, placeSpot, spotBalanceRows, spotOrder, spotOrderJson, spotPairOf } from './okxSpot.ts';

export type OkxPrivateHandler = (params: OkxParams | OkxParams[], context: SimContext, apiKey: string) => SimResponse;
const VENUE = 'okx';

const REJECTION_CODES: Record<RejectionReason, [string, string]> = {
  'insufficient-margin': [OKX_ERRORS.insufficientMargin, 'Order failed. Insufficient margin in account.'],
  'min-notional': [OKX_ERRORS.belowMinAmount, 'Order amount should be greater than the min available amount.'],
  'reduce-only': [OKX_ERRORS.reduceOnlyNoPosition, "Order failed because you don't have any positions in this direction for this contract to reduce or close."],
  'unknown-order': [OKX_ERRORS.orderNotFound, 'Order does not exist'],
  'unknown-instrument': [OKX_ERRORS.instrumentMissing, 'Instrument ID does not exist.'],
  'invalid-quantity': [OKX_ERRORS.lotSize, 'Order quantity must be a multiple of the lot size.'],
  'invalid-price': [OKX_ERRORS.priceOutOfLimit, 'Order price is not within the price limit.'],
  'duplicate-client-id': [OKX_ERRORS.duplicateClientId, 'Duplicated client order ID.'],
  'margin-mode': [OKX_ERRORS.parameterError, 'Parameter tdMode error'],
  'invalid-client-id': [OKX_ERRORS.parameterError, 'Parameter clOrdId error'],
};

function rejection(error: unknown): [string, string] {
  if (!(error instanceof SimRejection)) throw error;
  const [code, message] = REJECTION_CODES[error.reason];
  return [code, `${message} (${error.message})`];
}

/** Query endpoints answer a rejection with its code at the top level. */
function guarded(operation: () => SimResponse): SimResponse {
  try {
    return operation();
  } catch (error) {
    const [code, message] = rejection(error);
    return okxError(code, message);
  }
}

function one(params: OkxParams | OkxParams[]): OkxParams {
  return Array.isArray(params) ? (params[0] ?? {}) : params;
}

function many(params: OkxParams | OkxParams[]): OkxParams[] {
  return Array.isArray(params) ? params : [params];
}

function instrumentOf(context: SimContext, id: string | undefined): SimInstrument {
  const instrument = id === undefined ? undefined : context.market.instrument(VENUE, id);
  if (instrument === undefined) throw new SimRejection('unknown-instrument', `okx has no swap ${id ?? '(instId missing)'}`);
  return instrument;
}

function orderRow(context: SimContext, apiKey: string, order: SimOrder): Record<string, unknown> {
  const { leverage } = context.accounts.leverage(VENUE, apiKey, order.instrumentId);
  return orderJson(order, instrumentOf(context, order.instrumentId), leverage, order.marginMode);
}

/**
 * Trade operations answer per item with sCode/sMsg: code "0" when all succeed, "2" when some
 * do, "1" (Operation failed) when none does, as the venue's batch endpoints do.
 */
function perItem(items: OkxParams[], operation: (item: OkxParams) => Pick<SimOrder, 'orderId' | 'clientOrderId'>): SimResponse {
  const ts = String(Date.now());
  const data = items.map((item) => {
    try {
      const order = operation(item);
      return { ordId: order.orderId, clOrdId: order.clientOrderId, tag: okxString(item, 'tag') ?? '', ts, sCode: '0', sMsg: '' };
    } catch (error) {
      const [sCode, sMsg] = rejection(error);
      return { ordId: okxString(item, 'ordId') ?? '', clOrdId: okxString(item, 'clOrdId') ?? '', tag: okxString(item, 'tag') ?? '', ts, sCode, sMsg };
    }
  });
  const failed = data.filter((row) => row.sCode !== '0').length;
  // Trade answers state when the request entered and left OKX's gateway (microseconds).
  if (failed === 0) return withGatewayTimes(okxOk(data));
  const code = failed === data.length ? OKX_ERRORS.operationFailed : '2';
  return okxError(code, failed === data.length ? 'All operations failed' : 'Bulk operation partially succeeded.', 200, data);
}

function withGatewayTimes(response: SimResponse): SimResponse {
  const micros = String(Date.now() * 1000);
  return { ...response, body: { ...(response.body as Record<string, unknown>), inTime: micros, outTime: micros } };
}

export const balance: OkxPrivateHandler = (params, context, apiKey) => {
  const wanted = okxString(one(params), 'ccy')?.split(',');
  const upl = context.accounts.positions(VENUE, apiKey).reduce((sum, position) => sum + position.unrealisedPnl, 0);
  const now = context.market.now();
  const balances = context.accounts.balances(VENUE, apiKey).filter((entry) => wanted === undefined || wanted.includes(entry.currency));
  const coins = spotBalanceRows(context, apiKey).filter((row) => wanted === undefined || wanted.includes(String(row.ccy)));
  const details = [...balances.map((entry) => balanceDetailJson(entry, entry.currency === 'USDT' ? upl : 0, now)), ...coins];
  const totalEq = balances.reduce((sum, entry) => sum + entry.total, 0) + upl + coins.reduce((sum, row) => sum + Number(row.eqUsd), 0);
  return okxOk([{
    adjEq: String(totalEq), availEq: String(totalEq), borrowFroz: '0', details, imr: '', isoEq: '0', mgnRatio: '', mmr: '', notionalUsd: '',
    notionalUsdForBorrow: '0', notionalUsdForFutures: '0', notionalUsdForOption: '0', notionalUsdForSwap: '', ordFroz: '0',
    totalEq: String(totalEq), uTime: String(now), upl: decimalString(upl),
  }]);
};

export const positions: OkxPrivateHandler = (params, context, apiKey) => guarded(() => {
  const query = one(params);
  const instType = okxString(query, 'instType');
  if (instType !== undefined && instType !== 'SWAP') return okxOk([]);
  const ids = okxString(query, 'instId')?.split(',');
  const data = context.accounts.positions(VENUE, apiKey)
    .filter((position) => position.size !== 0 && (ids === undefined || ids.includes(position.instrumentId)))
    .map((position) => positionJson(position, instrumentOf(context, position.instrumentId)));
  return okxOk(data);
});

/**
 * GET /api/v5/account/config: the fields a client reads, posMode among them (net_mode = one-way).
 * An account that lends is in multi-currency margin (acctLv 3) with auto-borrow on; one that does
 * not is in Spot and futures mode (acctLv 2), where spot trades in cash.
 */
export const accountConfig: OkxPrivateHandler = (_params, context, apiKey) => okxOk([{
  uid: '1', mainUid: '1', acctLv: context.spot.lends(VENUE, apiKey) ? '3' : '2', posMode: context.accounts.hedgeMode(VENUE, apiKey) ? 'long_short_mode' : 'net_mode',
  autoLoan: context.spot.lends(VENUE, apiKey), greeksType: 'PA', level: 'Lv1', levelTmp: '', ctIsoMode: 'automatic', mgnIsoMode: 'automatic', label: 'demo', perm: 'read_only,trade',
  acctStpMode: 'cancel_maker', enableSpotBorrow: false, spotBorrowAutoRepay: false, feeType: '0', ip: '', type: '0', kycLv: '1',
  liquidationGear: '-1', opAuth: '0', roleType: '0', spotRoleType: '0', spotOffsetType: '', spotTraderInsts: [], traderInsts: [],
  settleCcy: 'USDT', settleCcyList: ['USDT'],
}]);

/** GET /api/v5/account/interest-rate?ccy=BTC: the coin's hourly borrow rate (the simulator's daily rate / 24; one rate for every coin). */
export const interestRate: OkxPrivateHandler = (params) => {
  const ccy = okxString(one(params), 'ccy');
  return okxOk([{ ccy: ccy ?? 'USDT', interestRate: decimalString(DAILY_INTEREST_RATE / 24) }]);
};

/** POST /api/v5/account/set-leverage: sets the leverage and, with it, the margin mode (mgnMode). */
export const setLeverage: OkxPrivateHandler = (params, context, apiKey) => guarded(() => {
  const request = one(params);
  const instrument = instrumentOf(context, okxString(request, 'instId'));
  const lever = okxNumber(request, 'lever');
  const mode = okxString(request, 'mgnMode');
  if (lever === undefined || lever < 1 || lever > instrument.maxLeverage || (mode !== 'cross' && mode !== 'isolated')) {
    return okxError(OKX_ERRORS.parameterError, `Parameter lever/mgnMode error: lever ${lever} (1…${instrument.maxLeverage}), mgnMode ${mode}`);
  }
  context.accounts.setMarginMode(VENUE, apiKey, instrument.id, mode);
  context.accounts.setLeverage(VENUE, apiKey, instrument.id, lever);
  return okxOk([{ instId: instrument.id, lever: String(lever), mgnMode: mode, posSide: 'net' }]);
});

const ORDER_TYPES: Record<string, { type: 'market' | 'limit'; postOnly: boolean }> = {
  market: { type: 'market', postOnly: false },
  limit: { type: 'limit', postOnly: false },
  post_only: { type: 'limit', postOnly: true },
};

function placeOne(context: SimContext, apiKey: string, item: OkxParams): Pick<SimOrder, 'orderId' | 'clientOrderId'> {
  const pair = spotPairOf(context, item);
  if (pair !== undefined) return placeSpot(context, apiKey, item, pair);
  const instrument = instrumentOf(context, okxString(item, 'instId'));
  const kind = ORDER_TYPES[okxString(item, 'ordType') ?? ''];
  const side = okxString(item, 'side');
  const size = okxNumber(item, 'sz');
  if (kind === undefined || (side !== 'buy' && side !== 'sell') || size === undefined) {
    throw new SimRejection('invalid-quantity', `ordType ${okxString(item, 'ordType')}, side ${side}, sz ${okxString(item, 'sz')} on ${instrument.id}`);
  }
  // OKX requires the trade mode on every order; a swap takes cross or isolated, never cash.
  const mode = okxString(item, 'tdMode');
  if (mode !== 'cross' && mode !== 'isolated') throw new SimRejection('margin-mode', `tdMode ${mode ?? '(missing)'} on ${instrument.id}: cross or isolated`);
  return context.accounts.placeOrder(VENUE, apiKey, {
    marginMode: mode,
    instrumentId: instrument.id,
    side,
    type: kind.type,
    quantity: size,
    price: kind.type === 'limit' ? okxNumber(item, 'px') : undefined,
    reduceOnly: item.reduceOnly === true || item.reduceOnly === 'true',
    postOnly: kind.postOnly,
    clientOrderId: okxString(item, 'clOrdId'),
  });
}

export const placeOrder: OkxPrivateHandler = (params, context, apiKey) => perItem([one(params)], (item) => placeOne(context, apiKey, item));
export const batchOrders: OkxPrivateHandler = (params, context, apiKey) => perItem(many(params), (item) => placeOne(context, apiKey, item));

function cancelOne(context: SimContext, apiKey: string, item: OkxParams): Pick<SimOrder, 'orderId' | 'clientOrderId'> {
  if (spotPairOf(context, item) !== undefined) return cancelSpot(context, apiKey, item);
  instrumentOf(context, okxString(item, 'instId'));
  return context.accounts.cancelOrder(VENUE, apiKey, { orderId: okxString(item, 'ordId'), clientOrderId: okxString(item, 'clOrdId') });
}

export const cancelOrder: OkxPrivateHandler = (params, context, apiKey) => withCancelCode(perItem([one(params)], (item) => cancelOne(context, apiKey, item)));
export const cancelBatch: OkxPrivateHandler = (params, context, apiKey) => withCancelCode(perItem(many(params), (item) => cancelOne(context, apiKey, item)));

/** A cancel of an order that is gone has its own code at OKX (51400), distinct from a query miss (51603). */
function withCancelCode(response: SimResponse): SimResponse {
  const body = response.body as { code: string; msg: string; data: Array<Record<string, string>> };
  const data = body.data.map((row) => (row.sCode === OKX_ERRORS.orderNotFound
    ? { ...row, sCode: OKX_ERRORS.cancelNotFound, sMsg: `Order cancellation failed as the order has been filled, canceled or does not exist. ${row.sMsg}` }
    : row));
  return { ...response, body: { ...body, data } };
}

/** GET /api/v5/trade/order: one order by ordId or clOrdId. */
export const orderDetails: OkxPrivateHandler = (params, context, apiKey) => guarded(() => {
  const query = one(params);
  if (spotPairOf(context, query) !== undefined) return okxOk([spotOrderJson(spotOrder(context, apiKey, query), context)]);
  instrumentOf(context, okxString(query, 'instId'));
  const order = context.accounts.order(VENUE, apiKey, { orderId: okxString(query, 'ordId'), clientOrderId: okxString(query, 'clOrdId') });
  if (order === undefined) throw new SimRejection('unknown-order', `no order ${okxString(query, 'ordId') ?? okxString(query, 'clOrdId')}`);
  return okxOk([orderRow(context, apiKey, order)]);
});

type Listed = { instrumentId: string; createdAt: number; row: () => Record<string, unknown> };

function listOrders(params: OkxParams | OkxParams[], source: Listed[]): SimResponse {
  const query = one(params);
  const instId = okxString(query, 'instId');
  const instType = okxString(query, 'instType');
  const state = okxString(query, 'state');
  const begin = okxNumber(query, 'begin') ?? 0;
  const end = okxNumber(query, 'end') ?? Number.POSITIVE_INFINITY;
  const data = source
    .filter((order) => (instId === undefined || order.instrumentId === instId) && order.createdAt >= begin && order.createdAt <= end)
    .map((order) => order.row())
    .filter((row) => (state === undefined || row.state === state) && (instType === undefined || row.instType === instType))
    .sort((a, b) => Number(b.cTime) - Number(a.cTime))
    .slice(0, okxLimit(query, 100, 100));
  return okxOk(data);
}

const swapListed = (context: SimContext, apiKey: string, orders: SimOrder[]): Listed[] => orders.map((order) => ({ ...order, row: () => orderRow(context, apiKey, order) }));

/** GET /api/v5/trade/orders-pending: swap and spot orders, or those of `instType`. */
export const ordersPending: OkxPrivateHandler = (params, context, apiKey) => guarded(() => listOrders(params, [
  ...swapListed(context, apiKey, context.accounts.openOrders(VENUE, apiKey)),
  ...openSpotOrders(context, apiKey).map((order) => ({ ...order, row: () => spotOrderJson(order, context) })),
]));

/** GET /api/v5/trade/orders-history(-archive): finished orders only, as at OKX. */
export const ordersHistory: OkxPrivateHandler = (params, context, apiKey) => guarded(() => {
  if (okxString(one(params), 'instType') === undefined) return okxError(OKX_ERRORS.parameterError, 'Parameter instType can not be empty');
  const finished = context.accounts.orders(VENUE, apiKey).filter((order) => order.status !== 'new' && order.status !== 'partially-filled');
  return listOrders(params, swapListed(context, apiKey, finished));
});

/** GET /api/v5/trade/fills(-history): newest first. */
export const fills: OkxPrivateHandler = (params, context, apiKey) => guarded(() => {
  const query = one(params);
  const ordId = okxString(query, 'ordId');
  const end = okxNumber(query, 'end') ?? Number.POSITIVE_INFINITY;
  const data = context.accounts.trades(VENUE, apiKey, { instrumentId: okxString(query, 'instId'), since: okxNumber(query, 'begin') })
    .filter((trade) => (ordId === undefined || trade.orderId === ordId) && trade.time <= end)
    .sort((a, b) => b.time - a.time)
    .slice(0, okxLimit(query, 100, 100))
    .map((trade) => fillJson(trade, instrumentOf(context, trade.instrumentId)));
  return okxOk(data);
});

/** GET /api/v5/account/bills(-archive): the simulator books funding fees (type 8) only. */
export const bills: OkxPrivateHandler = (params, context, apiKey) => guarded(() => {
  const query = one(params);
  const type = okxString(query, 'type');
  if (type !== undefined && type !== '8') return okxOk([]);
  const ccy = okxString(query, 'ccy');
  const end = okxNumber(query, 'end') ?? Number.POSITIVE_INFINITY;
  // The simulator keeps no balance history: each bill states the account's balance now.
  const cash = (currency: string) => context.accounts.balances(VENUE, apiKey).find((b) => b.currency === currency)?.total ?? 0;
  const data = context.accounts.income(VENUE, apiKey, { instrumentId: okxString(query, 'instId'), since: okxNumber(query, 'begin') })
    .filter((income) => (ccy === undefined || income.currency === ccy) && income.time <= end)
    .sort((a, b) => b.time - a.time)
    .slice(0, okxLimit(query, 100, 100))
    .map((income) => ({
      ...fundingBillJson(income, instrumentOf(context, income.instrumentId), context.accounts.leverage(VENUE, apiKey, income.instrumentId).marginMode),
      bal: decimalString(cash(income.currency)),
    }));
  return okxOk(data);
});

/**
 * `GET /api/v5/account/trade-fee` (SWAP): the account's tier. OKX states a fee charged as a
 * negative rate and a rebate as a positive one; the simulator lists USDT-margined swaps only.
 */
export const tradeFee: OkxPrivateHandler = (params, context, apiKey) => guarded(() => {
  const instType = okxString(one(params), 'instType');
  if (instType !== 'SWAP') return okxError(OKX_ERRORS.parameterError, `Parameter instType error: the simulator serves SWAP only (${instType ?? 'missing'})`);
  const fees = context.accounts.feeRates(VENUE, apiKey);
  return okxOk([{
    category: '1', delivery: '', exercise: '', instType: 'SWAP', level: 'Lv1',
    maker: decimalString(-fees.maker), taker: decimalString(-fees.taker), ts: String(context.market.now()),
  }]);
});
