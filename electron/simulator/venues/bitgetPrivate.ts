/**
 * Bitget v2 mix private endpoints (signed, see bitgetAuth.ts) for a one-way, cross-margin
 * USDT-FUTURES account: balance, positions, leverage and margin mode, place / cancel / cancel
 * all / fetch orders, pending orders, fills and funding settlements (account bills of type
 * `contract_settle_fee`). Rejections carry Bitget's own codes so ccxt raises the same classes.
 * The spot account's and the cross-margin account's signed endpoints (bitgetSpot.ts,
 * bitgetMargin.ts) are routed here too: one signature check.
 */
import { SimRejection } from '../types.ts';
import type { SimAccounts, SimContext, SimInstrument, SimOrder, SimRequest, SimResponse } from '../types.ts';
import { decimalString } from './wireDecimal.ts';
import { MIX_REFUSALS, bitgetFailure, bitgetOk, bitgetOrderRef, bitgetRejected, type BitgetCall } from './bitgetEnvelope.ts';
import { SPOT_PRIVATE_ROUTES } from './bitgetSpot.ts';
import { MARGIN_PRIVATE_ROUTES } from './bitgetMargin.ts';

const VENUE = 'bitget';

const ORDER_STATE: Record<SimOrder['status'], string> = {
  new: 'live', 'partially-filled': 'partially_filled', filled: 'filled', cancelled: 'canceled', rejected: 'canceled',
};

function instrumentOf(call: BitgetCall): SimInstrument | undefined {
  return call.params.symbol === undefined ? undefined : call.context.market.instrument(VENUE, call.params.symbol);
}

function orderBody(order: SimOrder, accounts: SimAccounts, apiKey: string): Record<string, unknown> {
  const { leverage } = accounts.leverage(VENUE, apiKey, order.instrumentId);
  const { marginMode } = order;
  return {
    symbol: order.instrumentId, size: decimalString(order.quantity), orderId: order.orderId, clientOid: order.clientOrderId,
    baseVolume: decimalString(order.filled), fee: decimalString(-order.fee), price: order.price === null ? '' : decimalString(order.price),
    priceAvg: order.averagePrice === null ? '' : decimalString(order.averagePrice), state: ORDER_STATE[order.status],
    side: order.side, force: 'gtc', totalProfits: '0', posSide: 'net', marginCoin: 'USDT',
    quoteVolume: decimalString(order.filled * (order.averagePrice ?? 0)), orderType: order.type, leverage: String(leverage),
    marginMode: marginMode === 'cross' ? 'crossed' : 'isolated', reduceOnly: order.reduceOnly ? 'YES' : 'NO',
    enterPointSource: 'API', tradeSide: 'open', posMode: 'one_way_mode', orderSource: 'normal',
    presetStopSurplusPrice: '', presetStopLossPrice: '',
    cTime: String(order.createdAt), uTime: String(order.updatedAt),
  };
}

/** The money fields the account list and the single account share. */
function accountMoney(call: BitgetCall, currency: string): Record<string, string> | undefined {
  const { accounts } = call.context;
  const balance = accounts.balances(VENUE, call.apiKey).find((b) => b.currency === currency);
  if (balance === undefined) return undefined;
  const unrealised = accounts.positions(VENUE, call.apiKey).reduce((sum, p) => sum + p.unrealisedPnl, 0);
  return {
    marginCoin: balance.currency, locked: decimalString(balance.used), available: decimalString(balance.free),
    crossedMaxAvailable: decimalString(balance.free), isolatedMaxAvailable: decimalString(balance.free), maxTransferOut: decimalString(balance.free),
    accountEquity: decimalString(balance.total), usdtEquity: decimalString(balance.total), btcEquity: '0', crossedRiskRate: '0',
    unrealizedPL: decimalString(unrealised), coupon: '0', crossedUnrealizedPL: decimalString(unrealised), isolatedUnrealizedPL: '0',
  };
}

/** GET /api/v2/mix/account/accounts: one row per margin coin; Bitget states no position mode here. */
function accountList(call: BitgetCall): SimResponse {
  const rows = call.context.accounts.balances(VENUE, call.apiKey).map((b) => accountMoney(call, b.currency)!);
  return bitgetOk(call.now, rows);
}

/**
 * GET /api/v2/mix/account/account (symbol, productType, marginCoin): the account as one
 * symbol sees it, with its leverage, margin mode and the account's position mode (`posMode`).
 */
function singleAccount(call: BitgetCall): SimResponse {
  const instrument = instrumentOf(call);
  if (instrument === undefined) return bitgetFailure(call.now, ...MIX_REFUSALS['unknown-instrument']);
  const money = accountMoney(call, call.params.marginCoin ?? instrument.settle);
  if (money === undefined) return bitgetFailure(call.now, ...MIX_REFUSALS['unknown-instrument']);
  const { leverage, marginMode } = call.context.accounts.leverage(VENUE, call.apiKey, instrument.id);
  return bitgetOk(call.now, {
    ...money, crossedMarginLeverage: leverage, isolatedLongLever: leverage, isolatedShortLever: leverage,
    marginMode: marginMode === 'cross' ? 'crossed' : 'isolated',
    posMode: call.context.accounts.hedgeMode(VENUE, call.apiKey) ? 'hedge_mode' : 'one_way_mode',
  });
}

function positionList(call: BitgetCall): SimResponse {
  const positions = call.context.accounts.positions(VENUE, call.apiKey).filter((p) => p.size !== 0);
  return bitgetOk(call.now, positions.map((p) => ({
    marginCoin: 'USDT', symbol: p.instrumentId, holdSide: p.size > 0 ? 'long' : 'short', openDelegateSize: '0',
    marginSize: decimalString(p.margin), available: decimalString(Math.abs(p.size)), locked: '0', total: decimalString(Math.abs(p.size)),
    leverage: String(p.leverage), achievedProfits: '0', openPriceAvg: decimalString(p.entryPrice),
    marginMode: p.marginMode === 'cross' ? 'crossed' : 'isolated', posMode: 'one_way_mode', unrealizedPL: decimalString(p.unrealisedPnl),
    liquidationPrice: p.liquidationPrice === null ? '0' : decimalString(p.liquidationPrice),
    keepMarginRate: decimalString(call.context.market.instrument(VENUE, p.instrumentId)?.maintenanceMarginRate ?? 0),
    markPrice: decimalString(p.markPrice), marginRatio: '0', cTime: String(p.updatedAt), uTime: String(p.updatedAt),
  })));
}

function setLeverage(call: BitgetCall): SimResponse {
  const instrument = instrumentOf(call);
  if (instrument === undefined) return bitgetFailure(call.now, ...MIX_REFUSALS['unknown-instrument']);
  try {
    call.context.accounts.setLeverage(VENUE, call.apiKey, instrument.id, Number(call.params.leverage));
  } catch (error) {
    return bitgetRejected(call.now, error);
  }
  const { leverage, marginMode } = call.context.accounts.leverage(VENUE, call.apiKey, instrument.id);
  return bitgetOk(call.now, {
    symbol: instrument.id, marginCoin: 'USDT', longLeverage: String(leverage), shortLeverage: String(leverage),
    crossMarginLeverage: String(leverage), marginMode: marginMode === 'cross' ? 'crossed' : 'isolated',
  });
}

function setMarginMode(call: BitgetCall): SimResponse {
  const instrument = instrumentOf(call);
  if (instrument === undefined) return bitgetFailure(call.now, ...MIX_REFUSALS['unknown-instrument']);
  const mode = call.params.marginMode === 'isolated' ? 'isolated' : 'cross';
  call.context.accounts.setMarginMode(VENUE, call.apiKey, instrument.id, mode);
  return bitgetOk(call.now, { symbol: instrument.id, marginCoin: 'USDT', marginMode: call.params.marginMode });
}

/** Bitget names the margin mode on every order: `crossed` or `isolated` (required). */
function bitgetMarginMode(value: string | undefined): 'cross' | 'isolated' {
  if (value === 'crossed') return 'cross';
  if (value === 'isolated') return 'isolated';
  throw new SimRejection('margin-mode', `marginMode ${value ?? '(missing)'}: crossed or isolated`);
}

function placeOrder(call: BitgetCall): SimResponse {
  const { params } = call;
  const instrument = instrumentOf(call);
  if (instrument === undefined) return bitgetFailure(call.now, ...MIX_REFUSALS['unknown-instrument']);
  try {
    const order = call.context.accounts.placeOrder(VENUE, call.apiKey, {
      instrumentId: instrument.id, side: params.side === 'sell' ? 'sell' : 'buy', type: params.orderType === 'market' ? 'market' : 'limit',
      quantity: Number(params.size), price: params.price === undefined || params.orderType === 'market' ? undefined : Number(params.price),
      reduceOnly: params.reduceOnly === 'YES', postOnly: params.force === 'post_only', clientOrderId: params.clientOid,
      marginMode: bitgetMarginMode(params.marginMode),
    });
    return bitgetOk(call.now, { orderId: order.orderId, clientOid: order.clientOrderId });
  } catch (error) {
    return bitgetRejected(call.now, error);
  }
}

function cancelOrder(call: BitgetCall): SimResponse {
  try {
    const order = call.context.accounts.cancelOrder(VENUE, call.apiKey, bitgetOrderRef(call.params));
    return bitgetOk(call.now, { orderId: order.orderId, clientOid: order.clientOrderId });
  } catch (error) {
    return bitgetRejected(call.now, error);
  }
}

function cancelAll(call: BitgetCall): SimResponse {
  const cancelled = call.context.accounts.cancelAll(VENUE, call.apiKey, instrumentOf(call)?.id);
  return bitgetOk(call.now, { successList: cancelled.map((o) => ({ orderId: o.orderId, clientOid: o.clientOrderId })), failureList: [] });
}

function orderDetail(call: BitgetCall): SimResponse {
  const order = call.context.accounts.order(VENUE, call.apiKey, bitgetOrderRef(call.params));
  if (order === undefined) return bitgetFailure(call.now, '40109', 'The data of the order cannot be found, please confirm the order number');
  return bitgetOk(call.now, orderBody(order, call.context.accounts, call.apiKey));
}

function pendingOrders(call: BitgetCall): SimResponse {
  const open = call.context.accounts.openOrders(VENUE, call.apiKey, instrumentOf(call)?.id);
  // Bitget answers `null`, not an empty list, when nothing is pending.
  // The pending list names an order's state `status`; the order detail names it `state`.
  const list = open.length === 0 ? null : open.map((o) => {
    const { state, ...row } = orderBody(o, call.context.accounts, call.apiKey);
    return { ...row, status: state };
  });
  return bitgetOk(call.now, { entrustedList: list, endId: open.at(-1)?.orderId ?? null });
}

function numberParam(params: Record<string, string>, name: string): number | undefined {
  const value = params[name] === undefined ? Number.NaN : Number(params[name]);
  return Number.isFinite(value) ? value : undefined;
}

function fills(call: BitgetCall): SimResponse {
  const trades = call.context.accounts.trades(VENUE, call.apiKey, {
    instrumentId: instrumentOf(call)?.id, since: numberParam(call.params, 'startTime'), limit: numberParam(call.params, 'limit'),
  });
  return bitgetOk(call.now, {
    fillList: trades.map((t) => ({
      tradeId: t.tradeId, symbol: t.instrumentId, orderId: t.orderId, price: decimalString(t.price), baseVolume: decimalString(t.quantity),
      feeDetail: [{ deduction: 'no', feeCoin: t.feeCurrency, totalDeductionFee: '0', totalFee: decimalString(-t.fee) }],
      side: t.side, quoteVolume: decimalString(t.price * t.quantity), profit: '0', enterPointSource: 'API', tradeSide: 'open',
      posMode: 'one_way_mode', tradeScope: t.maker ? 'maker' : 'taker', cTime: String(t.time),
    })),
    endId: trades.at(-1)?.tradeId ?? null,
  });
}

function bills(call: BitgetCall): SimResponse {
  const wanted = call.params.businessType;
  const income = wanted === undefined || wanted === 'contract_settle_fee'
    ? call.context.accounts.income(VENUE, call.apiKey, {
      instrumentId: instrumentOf(call)?.id, since: numberParam(call.params, 'startTime'), limit: numberParam(call.params, 'limit'),
    })
    : [];
  return bitgetOk(call.now, {
    bills: income.map((i) => ({
      billId: i.id, symbol: i.instrumentId, amount: decimalString(i.amount), fee: '0', feeByCoupon: '',
      businessType: 'contract_settle_fee', coin: i.currency, cTime: String(i.time),
    })),
    endId: income.at(-1)?.id ?? null,
  });
}

/** `GET /api/v2/common/trade-rate` (businessType `mix`): the account's tier for the symbol. */
function tradeRate(call: BitgetCall): SimResponse {
  const instrument = instrumentOf(call);
  if (instrument === undefined) return bitgetFailure(call.now, '40034', `Parameter symbol does not exist: ${call.params.symbol ?? '(missing)'}`);
  if (call.params.businessType !== 'mix') return bitgetFailure(call.now, '40017', `Parameter businessType error: the simulator serves mix only (${call.params.businessType ?? 'missing'})`);
  const fees = call.context.accounts.feeRates(VENUE, call.apiKey);
  return bitgetOk(call.now, { makerFeeRate: decimalString(fees.maker), takerFeeRate: decimalString(fees.taker) });
}

const ROUTES: Record<string, (call: BitgetCall) => SimResponse> = {
  'GET /api/v2/common/trade-rate': tradeRate,
  'GET /api/v2/mix/account/accounts': accountList,
  'GET /api/v2/mix/account/account': singleAccount,
  'GET /api/v2/mix/position/all-position': positionList,
  'POST /api/v2/mix/account/set-leverage': setLeverage,
  'POST /api/v2/mix/account/set-margin-mode': setMarginMode,
  'POST /api/v2/mix/order/place-order': placeOrder,
  'POST /api/v2/mix/order/cancel-order': cancelOrder,
  'POST /api/v2/mix/order/cancel-all-orders': cancelAll,
  'GET /api/v2/mix/order/detail': orderDetail,
  'GET /api/v2/mix/order/orders-pending': pendingOrders,
  'GET /api/v2/mix/order/fills': fills,
  'GET /api/v2/mix/account/bill': bills,
  ...SPOT_PRIVATE_ROUTES,
  ...MARGIN_PRIVATE_ROUTES,
};

export function isBitgetPrivate(request: SimRequest): boolean {
  return `${request.method} ${request.path}` in ROUTES;
}

function paramsOf(request: SimRequest): Record<string, string> | undefined {
  if (request.method === 'GET') return Object.fromEntries(request.query.entries());
  try {
    const parsed = JSON.parse(request.body === '' ? '{}' : request.body) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Runs an authenticated private request; `apiKey` is the account it acts on. */
export function handleBitgetPrivate(request: SimRequest, context: SimContext, apiKey: string): SimResponse {
  const now = context.market.now();
  const params = paramsOf(request);
  if (params === undefined) return bitgetFailure(now, '40017', 'Parameter verification failed: body is not JSON');
  return ROUTES[`${request.method} ${request.path}`]({ context, apiKey, params, now });
}
