/**
 * BingX perpetual swap private endpoints (signed, see bingxAuth.ts) for a one-way USDT-margined
 * account: the balance (`/openApi/swap/v3/user/balance`), positions, margin type and leverage
 * per symbol (leverage per side: `BOTH` in one-way mode, `LONG`/`SHORT` in hedge mode), the
 * position mode, orders (place, read by `orderId` or `clientOrderId`, the open list, cancel),
 * funding income and the account's commission rate. Every parameter is in the query, POST and
 * DELETE included. Quantities are coins (BingX's contracts are one coin), numbers are decimal
 * strings except ids and times; a client order id is kept lowercased, as BingX keeps it.
 * Refusals carry BingX's codes with HTTP 200 so ccxt raises the same classes (docs/venues.md, "BingX").
 */
import { answerRejections } from '../types.ts';
import type { RejectionReason, SimContext, SimIncome, SimInstrument, SimOrder, SimPosition, SimResponse } from '../types.ts';
import { BINGX_CODES, bingxError, ok } from './bingxEnvelope.ts';
import { optionalInt } from './queryParams.ts';
import { marginTiers } from '../marginTiers.ts';
import { decimalString, fixedString } from './wireDecimal.ts';

const VENUE = 'bingx';

interface BingxCall {
  context: SimContext;
  apiKey: string;
  params: URLSearchParams;
}

const REFUSALS: Record<RejectionReason, [number, string]> = {
  'insufficient-margin': [101204, 'Insufficient margin'],
  'min-notional': [110425, 'Please ensure that the minimum nominal value of the order placed must be greater than 2u'],
  'reduce-only': [101205, 'No position to close'],
  'unknown-order': [80016, 'order not exist'],
  'unknown-instrument': [BINGX_CODES.badParameter, 'Invalid parameters, err: symbol does not exist'],
  'invalid-quantity': [BINGX_CODES.badParameter, 'Invalid parameters, err: quantity is not a multiple of the step size'],
  'invalid-price': [BINGX_CODES.badParameter, 'Invalid parameters, err: price is not a multiple of the tick size'],
  'duplicate-client-id': [BINGX_CODES.badParameter, 'Invalid parameters, err: clientOrderID already exists'],
  'margin-mode': [80001, 'There is a position or open order in the current margin mode; the margin mode cannot be changed'],
  'invalid-client-id': [BINGX_CODES.badParameter, 'Invalid parameters, err: clientOrderID must be 1 to 40 characters'],
};

const refused = (reason: RejectionReason): SimResponse => bingxError(...REFUSALS[reason]);

const price = (instrument: SimInstrument, value: number) => fixedString(value, instrument.pricePrecision);
const qty = (instrument: SimInstrument, value: number) => fixedString(value, instrument.qtyPrecision);

/** Runs `work` on the call's contract: BingX's refusal for an unlisted one, a simulator rejection in BingX's words. */
function onContract(call: BingxCall, work: (instrument: SimInstrument) => SimResponse): SimResponse {
  const id = call.params.get('symbol');
  const instrument = id === null ? undefined : call.context.market.instrument(VENUE, id);
  if (instrument === undefined) return refused('unknown-instrument');
  return rescued(() => work(instrument));
}

const rescued = (work: () => SimResponse): SimResponse => answerRejections(work, refused);

const STATUS: Record<SimOrder['status'], string> = { new: 'NEW', 'partially-filled': 'PARTIALLY_FILLED', filled: 'FILLED', cancelled: 'CANCELLED', rejected: 'FAILED' };

/** The side of the position an order acts on in one-way mode, as BingX's order rows state it. */
const positionSide = (call: BingxCall): string => (call.context.accounts.hedgeMode(VENUE, call.apiKey) ? 'LONG' : 'BOTH');

/**
 * An order row as `GET /openApi/swap/v2/trade/order` (inside `order`), the open list and a cancel
 * state it (BingX's documented rows as ccxt quotes them, and `clientOrderId`, which BingX's
 * order reference lists and ccxt's quoted coin-margined rows carry): amounts in coins, the fee
 * paid as a negative `commission`.
 */
function orderRow(call: BingxCall, order: SimOrder): Record<string, unknown> {
  const instrument = call.context.market.instrument(VENUE, order.instrumentId)!;
  const average = order.averagePrice ?? 0;
  return {
    symbol: order.instrumentId, orderId: Number(order.orderId), side: order.side.toUpperCase(), positionSide: positionSide(call),
    type: order.type === 'market' ? 'MARKET' : 'LIMIT', origQty: qty(instrument, order.quantity), price: price(instrument, order.price ?? 0),
    executedQty: qty(instrument, order.filled), avgPrice: price(instrument, average), cumQuote: decimalString(order.filled * average),
    stopPrice: '', profit: '0.0000', commission: decimalString(-order.fee), status: STATUS[order.status], time: order.createdAt, updateTime: order.updatedAt,
    clientOrderId: order.clientOrderId,
  };
}

/** `GET /openApi/swap/v3/user/balance`: one row per margin asset (BingX's documented row). */
function balance(call: BingxCall): SimResponse {
  const positions = call.context.accounts.positions(VENUE, call.apiKey);
  const unrealised = positions.reduce((sum, p) => sum + p.unrealisedPnl, 0);
  return ok(call.context.accounts.balances(VENUE, call.apiKey).map((b) => ({
    userId: '116***295', asset: b.currency, balance: decimalString(b.total - unrealised), equity: decimalString(b.total), unrealizedProfit: decimalString(unrealised),
    realisedProfit: '0', availableMargin: decimalString(b.free), usedMargin: decimalString(b.used), freezedMargin: '0', shortUid: '12851936',
  })));
}

/**
 * One position row (`GET /openApi/swap/v2/user/positions`): `positionAmt` in coins and positive,
 * the direction in `positionSide` (LONG or SHORT, as BingX documents the field), `positionValue` at the mark.
 */
function positionRow(call: BingxCall, p: SimPosition): Record<string, unknown> {
  const instrument = call.context.market.instrument(VENUE, p.instrumentId)!;
  const coins = Math.abs(p.size) * instrument.contractSize;
  return {
    positionId: String(1_792_480_725_958_881_280n + BigInt(instrument.id.length)), symbol: p.instrumentId, currency: instrument.settle,
    positionAmt: qty(instrument, coins), availableAmt: qty(instrument, coins), positionSide: p.size < 0 ? 'SHORT' : 'LONG', isolated: p.marginMode === 'isolated',
    avgPrice: price(instrument, p.entryPrice), initialMargin: decimalString(p.margin), margin: decimalString(p.margin), leverage: p.leverage,
    unrealizedProfit: decimalString(p.unrealisedPnl), realisedProfit: '0', liquidationPrice: p.liquidationPrice ?? 0,
    pnlRatio: p.margin === 0 ? '0' : decimalString(Number((p.unrealisedPnl / p.margin).toFixed(4))), maxMarginReduction: '0.0000',
    riskRate: '0.0008', markPrice: price(instrument, p.markPrice), positionValue: decimalString(Number((coins * p.markPrice).toFixed(8))),
    onlyOnePosition: true, updateTime: p.updatedAt,
  };
}

function positions(call: BingxCall): SimResponse {
  const symbol = call.params.get('symbol');
  const held = call.context.accounts.positions(VENUE, call.apiKey).filter((p) => p.size !== 0 && (symbol === null || p.instrumentId === symbol));
  return ok(held.map((p) => positionRow(call, p)));
}

/** `POST /openApi/swap/v2/trade/marginType` (`ISOLATED` or `CROSSED`): refused while the symbol holds a position in the other mode. */
function setMarginType(call: BingxCall): SimResponse {
  return onContract(call, (instrument) => {
    const type = call.params.get('marginType');
    if (type !== 'ISOLATED' && type !== 'CROSSED') return bingxError(BINGX_CODES.badParameter, 'Invalid parameters, err: marginType');
    const mode = type === 'ISOLATED' ? 'isolated' : 'cross';
    const held = call.context.accounts.position(VENUE, call.apiKey, instrument.id);
    if (held.size !== 0 && held.marginMode !== mode) return refused('margin-mode');
    call.context.accounts.setMarginMode(VENUE, call.apiKey, instrument.id, mode);
    return ok({});
  });
}

function marginType(call: BingxCall): SimResponse {
  return onContract(call, (instrument) => {
    const mode = call.context.accounts.leverage(VENUE, call.apiKey, instrument.id).marginMode;
    return ok({ marginType: mode === 'cross' ? 'CROSSED' : 'ISOLATED' });
  });
}

/** `POST /openApi/swap/v2/trade/leverage`: `side` BOTH in one-way mode, LONG or SHORT in hedge mode; anything else is refused. */
function setLeverage(call: BingxCall): SimResponse {
  return onContract(call, (instrument) => {
    const side = call.params.get('side');
    const hedged = call.context.accounts.hedgeMode(VENUE, call.apiKey);
    if (hedged ? side !== 'LONG' && side !== 'SHORT' : side !== 'BOTH') return bingxError(BINGX_CODES.badParameter, `Invalid parameters, err: side ${side ?? '(missing)'} in ${hedged ? 'hedge' : 'one-way'} mode`);
    const leverage = Number(call.params.get('leverage'));
    if (!(Number.isInteger(leverage) && leverage >= 1 && leverage <= instrument.maxLeverage)) return bingxError(BINGX_CODES.badParameter, `Invalid parameters, err: leverage ${String(call.params.get('leverage'))}`);
    call.context.accounts.setLeverage(VENUE, call.apiKey, instrument.id, leverage);
    return ok({ leverage, symbol: instrument.id, availableLongVol: '0.0000', availableShortVol: '0.0000', availableLongVal: '0.0', availableShortVal: '0.0', maxPositionLongVal: '0.0', maxPositionShortVal: '0.0' });
  });
}

function leverage(call: BingxCall): SimResponse {
  return onContract(call, (instrument) => {
    const set = call.context.accounts.leverage(VENUE, call.apiKey, instrument.id).leverage;
    return ok({ longLeverage: set, shortLeverage: set, maxLongLeverage: instrument.maxLeverage, maxShortLeverage: instrument.maxLeverage, availableLongVol: '0.0000', availableShortVol: '0.0000', availableLongVal: '0.0', availableShortVal: '0.0', maxPositionLongVal: '0.0', maxPositionShortVal: '0.0' });
  });
}

/** `GET /openApi/swap/v1/positionSide/dual`: `"true"` in hedge mode, as a string. */
function positionMode(call: BingxCall): SimResponse {
  return stamped(call, ok({ dualSidePosition: String(call.context.accounts.hedgeMode(VENUE, call.apiKey)) }), 'timeStamp');
}

/** Some BingX answers carry the server time beside `data`, as a string (`timeStamp` or `timestamp`, as each is recorded). */
function stamped(call: BingxCall, answer: SimResponse, name: 'timeStamp' | 'timestamp'): SimResponse {
  return { ...answer, body: { ...(answer.body as Record<string, unknown>), [name]: String(call.context.market.now()) } };
}

/**
 * `POST /openApi/swap/v2/trade/order`: `quantity` in coins; `positionSide` BOTH in one-way mode
 * (a LONG/SHORT order on a one-way account is refused). The answer names the order only
 * (`order`: symbol, id, side, type, client id).
 */
function placeOrder(call: BingxCall): SimResponse {
  const { params } = call;
  return onContract(call, (instrument) => {
    const type = params.get('type');
    const side = params.get('side');
    if ((type !== 'MARKET' && type !== 'LIMIT') || (side !== 'BUY' && side !== 'SELL')) return bingxError(BINGX_CODES.badParameter, 'Invalid parameters, err: type or side');
    const hedged = call.context.accounts.hedgeMode(VENUE, call.apiKey);
    const ps = params.get('positionSide') ?? 'BOTH';
    if (hedged ? ps === 'BOTH' : ps !== 'BOTH') return bingxError(BINGX_CODES.badParameter, `Invalid parameters, err: positionSide ${ps} in ${hedged ? 'hedge' : 'one-way'} mode`);
    const clientOrderId = params.get('clientOrderID')?.toLowerCase();
    const order = call.context.accounts.placeOrder(VENUE, call.apiKey, {
      instrumentId: instrument.id, side: side === 'BUY' ? 'buy' : 'sell', type: type === 'MARKET' ? 'market' : 'limit',
      quantity: Number(params.get('quantity')), price: type === 'LIMIT' ? Number(params.get('price')) : undefined,
      reduceOnly: params.get('reduceOnly') === 'true', postOnly: params.get('timeInForce') === 'PostOnly', clientOrderId,
    });
    return ok({ order: { symbol: instrument.id, orderId: Number(order.orderId), side, positionSide: ps, type, clientOrderID: order.clientOrderId, workingType: 'MARK_PRICE' } });
  });
}

/** Which order a read or cancel names: `orderId`, else `clientOrderId` (lowercased, as BingX keeps it). */
function orderRef(params: URLSearchParams): { orderId?: string; clientOrderId?: string } {
  const orderId = params.get('orderId');
  if (orderId !== null && orderId !== '') return { orderId };
  return { clientOrderId: params.get('clientOrderId')?.toLowerCase() ?? params.get('clientOrderID')?.toLowerCase() };
}

function readOrder(call: BingxCall): SimResponse {
  return onContract(call, (instrument) => {
    const order = call.context.accounts.order(VENUE, call.apiKey, orderRef(call.params));
    return order === undefined || order.instrumentId !== instrument.id ? refused('unknown-order') : ok({ order: orderRow(call, order) });
  });
}

function cancelOrder(call: BingxCall): SimResponse {
  return onContract(call, (instrument) => {
    const existing = call.context.accounts.order(VENUE, call.apiKey, orderRef(call.params));
    if (existing === undefined || existing.instrumentId !== instrument.id) return refused('unknown-order');
    return ok({ order: orderRow(call, call.context.accounts.cancelOrder(VENUE, call.apiKey, { orderId: existing.orderId })) });
  });
}

function cancelAll(call: BingxCall): SimResponse {
  return onContract(call, (instrument) => ok({ success: call.context.accounts.cancelAll(VENUE, call.apiKey, instrument.id).map((o) => orderRow(call, o)), failed: null }));
}

/** `GET /openApi/swap/v2/trade/openOrders`: every symbol's, or one symbol's, inside `orders`. */
function openOrders(call: BingxCall): SimResponse {
  const symbol = call.params.get('symbol');
  if (symbol !== null && call.context.market.instrument(VENUE, symbol) === undefined) return refused('unknown-instrument');
  return ok({ orders: call.context.accounts.openOrders(VENUE, call.apiKey, symbol ?? undefined).map((o) => orderRow(call, o)) });
}

/**
 * `GET /openApi/swap/v2/user/income?incomeType=FUNDING_FEE`: the account's income, `income`
 * positive when received and negative when paid (ccxt's recorded rows: a long at a positive
 * rate shows −0.00056154), oldest first; times as strings, as recorded.
 */
function incomeRow(i: SimIncome): Record<string, unknown> {
  return {
    symbol: i.instrumentId, incomeType: 'FUNDING_FEE', income: decimalString(Number(i.amount.toFixed(8))), asset: i.currency, info: 'Funding Fee',
    time: String(i.time), tranId: `${i.time}_${i.id}`, tradeId: `${i.time}_${i.id}`,
  };
}

function income(call: BingxCall): SimResponse {
  const { params } = call;
  const type = params.get('incomeType');
  if (type !== null && type !== 'FUNDING_FEE') return ok([]);
  const symbol = params.get('symbol') ?? undefined;
  if (symbol !== undefined && call.context.market.instrument(VENUE, symbol) === undefined) return refused('unknown-instrument');
  const until = optionalInt(params, 'endTime');
  const rows = call.context.accounts.income(VENUE, call.apiKey, { instrumentId: symbol, since: optionalInt(params, 'startTime'), limit: Math.min(optionalInt(params, 'limit') ?? 100, 1000) });
  return ok(rows.filter((i) => until === undefined || i.time <= until).map(incomeRow));
}

/** `GET /openApi/swap/v2/user/commissionRate`: the account's tier, as numbers inside `commission`. */
function commissionRate(call: BingxCall): SimResponse {
  const fees = call.context.accounts.feeRates(VENUE, call.apiKey);
  return ok({ commission: { takerCommissionRate: fees.taker, makerCommissionRate: fees.maker } });
}

/** `GET /openApi/swap/v1/maintMarginRatio`: the contract's tiers, bands in USDT (the simulator's tier model, marginTiers.ts); BingX states no leverage per tier. */
function maintMarginRatio(call: BingxCall): SimResponse {
  return onContract(call, (instrument) => stamped(call, ok(marginTiers(instrument).map((tier) => ({
    tier: `Tier ${tier.tier}`, symbol: instrument.id, minPositionVal: String(tier.floor), maxPositionVal: String(tier.cap),
    maintMarginRatio: tier.maintenanceMarginRate.toFixed(6), maintAmount: '0.000000',
  }))), 'timestamp'));
}

type Route = (call: BingxCall) => SimResponse;

const ROUTES: Record<string, Route> = {
  'GET /openApi/swap/v3/user/balance': balance,
  'GET /openApi/swap/v2/user/positions': positions,
  'GET /openApi/swap/v2/trade/marginType': marginType,
  'POST /openApi/swap/v2/trade/marginType': setMarginType,
  'GET /openApi/swap/v2/trade/leverage': leverage,
  'POST /openApi/swap/v2/trade/leverage': setLeverage,
  'GET /openApi/swap/v1/positionSide/dual': positionMode,
  'POST /openApi/swap/v2/trade/order': placeOrder,
  'GET /openApi/swap/v2/trade/order': readOrder,
  'DELETE /openApi/swap/v2/trade/order': cancelOrder,
  'DELETE /openApi/swap/v2/trade/allOpenOrders': cancelAll,
  'GET /openApi/swap/v2/trade/openOrders': openOrders,
  'GET /openApi/swap/v2/user/income': income,
  'GET /openApi/swap/v2/user/commissionRate': commissionRate,
  'GET /openApi/swap/v1/maintMarginRatio': maintMarginRatio,
};

export function isBingxPrivate(method: string, path: string): boolean {
  return ROUTES[`${method} ${path}`] !== undefined;
}

/** Runs an authenticated private request; `apiKey` is the account it acts on. */
export function handleBingxPrivate(method: string, path: string, context: SimContext, apiKey: string, params: URLSearchParams): SimResponse {
  return rescued(() => ROUTES[`${method} ${path}`]({ context, apiKey, params }));
}
