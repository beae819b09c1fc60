/**
 * Bybit v5 private endpoints (unified account, category `linear`) over SimAccounts: wallet,
 * positions, leverage and margin mode, orders, executions (trades and funding).
 */
import { SimRejection } from '../types.ts';
import type { RejectionReason, SimContext, SimInstrument, SimOrder, SimPosition, SimResponse } from '../types.ts';
import { BYBIT_ERRORS, bybitError, bybitOk, paramNumber, paramString } from './bybitEnvelope.ts';
import { walletSpotCoins } from './bybitSpot.ts';
import { fundingExecutionJson, orderJson, positionJson, tradeExecutionJson, walletCoinJson } from './bybitShapes.ts';
import { decimalString } from './wireDecimal.ts';

type Params = Record<string, unknown>;
export type BybitPrivateHandler = (params: Params, context: SimContext, apiKey: string) => SimResponse;
const VENUE = 'bybit';

const REJECTION_CODES: Record<RejectionReason, [number, string]> = {
  'insufficient-margin': [BYBIT_ERRORS.insufficientBalance, 'ab not enough for new order'],
  'min-notional': [BYBIT_ERRORS.belowMinNotional, 'Order does not meet minimum order value'],
  'reduce-only': [BYBIT_ERRORS.reduceOnly, 'Reduce-only rule not satisfied'],
  'unknown-order': [BYBIT_ERRORS.orderNotExists, 'order not exists or too late to cancel'],
  'unknown-instrument': [BYBIT_ERRORS.paramsError, 'params error: symbol invalid'],
  'invalid-quantity': [BYBIT_ERRORS.paramsError, 'Qty invalid'],
  'invalid-price': [BYBIT_ERRORS.paramsError, 'Price invalid'],
  'duplicate-client-id': [BYBIT_ERRORS.duplicateOrderLinkId, 'OrderLinkedID is duplicate'],
  'margin-mode': [BYBIT_ERRORS.paramsError, 'params error: margin mode'],
  'invalid-client-id': [BYBIT_ERRORS.paramsError, 'params error: orderLinkId'],
};

/** Runs an account operation; a SimRejection becomes Bybit's own retCode and message. */
function guarded(context: SimContext, operation: () => SimResponse): SimResponse {
  try {
    return operation();
  } catch (error) {
    if (!(error instanceof SimRejection)) throw error;
    const [code, message] = REJECTION_CODES[error.reason];
    return bybitError(code, `${message} (${error.message})`, context.market.now());
  }
}

function instrumentOf(context: SimContext, id: string): SimInstrument {
  const instrument = context.market.instrument(VENUE, id);
  if (instrument === undefined) throw new SimRejection('unknown-instrument', `bybit has no linear symbol ${id}`);
  return instrument;
}

function requireLinear(params: Params): void {
  if (paramString(params, 'category') !== 'linear') {
    throw new SimRejection('unknown-instrument', `category ${paramString(params, 'category') ?? '(missing)'}: the simulator serves linear only`);
  }
}

function requiredSymbol(params: Params, context: SimContext): SimInstrument {
  const symbol = paramString(params, 'symbol');
  if (symbol === undefined) throw new SimRejection('unknown-instrument', 'symbol is required');
  return instrumentOf(context, symbol);
}

/** Orders newest first, filtered by the optional symbol / orderId / orderLinkId, at most `limit`. */
function orderList(orders: SimOrder[], params: Params, context: SimContext, fallbackLimit: number): Record<string, unknown>[] {
  const symbol = paramString(params, 'symbol');
  const orderId = paramString(params, 'orderId');
  const linkId = paramString(params, 'orderLinkId');
  const limit = Math.min(50, paramNumber(params, 'limit') ?? fallbackLimit);
  return orders
    .filter((order) => (symbol === undefined || order.instrumentId === symbol)
      && (orderId === undefined || order.orderId === orderId)
      && (linkId === undefined || order.clientOrderId === linkId))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit)
    .map((order) => orderJson(order, instrumentOf(context, order.instrumentId)));
}

export const walletBalance: BybitPrivateHandler = (params, context, apiKey) => {
  const now = context.market.now();
  const accountType = paramString(params, 'accountType');
  if (accountType !== 'UNIFIED') return bybitError(BYBIT_ERRORS.paramsError, `accountType only support UNIFIED, got ${accountType ?? '(missing)'}`, now);
  const positions = context.accounts.positions(VENUE, apiKey);
  const upl = positions.reduce((sum, position) => sum + position.unrealisedPnl, 0);
  const coins = [
    ...context.accounts.balances(VENUE, apiKey).map((balance) => walletCoinJson(balance, balance.currency === 'USDT' ? upl : 0)),
    ...walletSpotCoins(context, apiKey),
  ];
  const total = context.accounts.balances(VENUE, apiKey).reduce((sum, balance) => sum + balance.total, 0);
  const wallet = {
    accountType: 'UNIFIED',
    totalEquity: String(total + upl),
    totalWalletBalance: String(total),
    totalMarginBalance: String(total + upl),
    totalAvailableBalance: String(context.accounts.balances(VENUE, apiKey).reduce((sum, balance) => sum + balance.free, 0)),
    totalPerpUPL: String(upl),
    totalInitialMargin: String(positions.reduce((sum, position) => sum + position.margin, 0)),
    totalMaintenanceMargin: '0',
    accountIMRate: '0',
    accountMMRate: '0',
    accountLTV: '0',
    coin: coins,
  };
  return bybitOk({ list: [wallet] }, now);
};

/**
 * GET /v5/asset/coin/query-info: the coins the account holds, each with one on-chain network
 * (ccxt's fetchCurrencies reads it while loading markets with keys). Networks are not
 * simulated; the one listed only gives ccxt a currency to parse.
 */
export const coinInfo: BybitPrivateHandler = (params, context, apiKey) => {
  const coin = paramString(params, 'coin');
  const rows = context.accounts.balances(VENUE, apiKey).filter((balance) => coin === undefined || balance.currency === coin).map((balance) => ({
    name: balance.currency, coin: balance.currency, remainAmount: '50000000000',
    chains: [{
      chainType: 'ERC20', confirmation: '6', withdrawFee: '1', depositMin: '0', withdrawMin: '10', chain: 'ETH',
      chainDeposit: '1', chainWithdraw: '1', minAccuracy: '4', withdrawPercentageFee: '0', contractAddress: '',
    }],
  }));
  return bybitOk({ rows }, context.market.now());
};

/** One row in one-way mode; in hedge mode a row per side (1 buy, 2 sell), the side not held flat. */
function positionRows(position: SimPosition, instrument: SimInstrument, hedged: boolean): Array<Record<string, unknown>> {
  if (!hedged) return [positionJson(position, instrument)];
  const flat: SimPosition = { ...position, size: 0, entryPrice: 0, unrealisedPnl: 0, liquidationPrice: null, margin: 0 };
  return [positionJson(position.size >= 0 ? position : flat, instrument, 1), positionJson(position.size < 0 ? position : flat, instrument, 2)];
}

export const positionList: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  const symbol = paramString(params, 'symbol');
  const settleCoin = paramString(params, 'settleCoin');
  if (symbol === undefined && settleCoin === undefined) throw new SimRejection('unknown-instrument', 'symbol or settleCoin is required');
  const hedged = context.accounts.hedgeMode(VENUE, apiKey);
  // Asked for one symbol, Bybit lists it even when flat: one row in one-way mode, a row per side in hedge mode.
  const held = symbol === undefined
    ? context.accounts.positions(VENUE, apiKey).filter((position) => position.size !== 0)
    : [context.accounts.position(VENUE, apiKey, instrumentOf(context, symbol).id)];
  const list = held
    .map((position) => ({ position, instrument: instrumentOf(context, position.instrumentId) }))
    .filter(({ instrument }) => settleCoin === undefined || instrument.settle === settleCoin)
    .flatMap(({ position, instrument }) => positionRows(position, instrument, hedged));
  return bybitOk({ category: 'linear', list, nextPageCursor: '' }, context.market.now());
});

export const setLeverage: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  const instrument = requiredSymbol(params, context);
  const buy = paramNumber(params, 'buyLeverage');
  const sell = paramNumber(params, 'sellLeverage');
  if (buy === undefined || buy !== sell || buy < 1 || buy > instrument.maxLeverage) {
    return bybitError(BYBIT_ERRORS.paramsError, `leverage invalid: buyLeverage ${buy} sellLeverage ${sell} (1…${instrument.maxLeverage}, equal in one-way mode)`, context.market.now());
  }
  context.accounts.setLeverage(VENUE, apiKey, instrument.id, buy);
  return bybitOk({}, context.market.now());
});

/** POST /v5/position/switch-isolated: per-symbol margin mode with its leverage (tradeMode 0 cross, 1 isolated). */
export const switchIsolated: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  const instrument = requiredSymbol(params, context);
  const tradeMode = paramNumber(params, 'tradeMode');
  const leverage = paramNumber(params, 'buyLeverage');
  if ((tradeMode !== 0 && tradeMode !== 1) || leverage === undefined) {
    return bybitError(BYBIT_ERRORS.paramsError, 'params error: tradeMode must be 0 or 1 with buyLeverage/sellLeverage', context.market.now());
  }
  context.accounts.setMarginMode(VENUE, apiKey, instrument.id, tradeMode === 1 ? 'isolated' : 'cross');
  context.accounts.setLeverage(VENUE, apiKey, instrument.id, leverage);
  return bybitOk({}, context.market.now());
});

/**
 * GET /v5/account/info: the unified account's margin mode, which applies to every symbol
 * (REGULAR_MARGIN is cross). The simulator's account is isolated once every symbol is.
 */
export const accountInfo: BybitPrivateHandler = (_params, context, apiKey) => {
  const now = context.market.now();
  const isolated = context.market.instruments(VENUE).every((instrument) => context.accounts.leverage(VENUE, apiKey, instrument.id).marginMode === 'isolated');
  return bybitOk({
    marginMode: isolated ? 'ISOLATED_MARGIN' : 'REGULAR_MARGIN', updatedTime: String(now), unifiedMarginStatus: 5,
    dcpStatus: 'OFF', timeWindow: 0, smpGroup: 0, isMasterTrader: false, spotHedgingStatus: 'OFF',
  }, now);
};

/** POST /v5/account/set-margin-mode: the unified account's mode applies to every symbol. */
export const setAccountMarginMode: BybitPrivateHandler = (params, context, apiKey) => {
  const mode = paramString(params, 'setMarginMode');
  const now = context.market.now();
  if (mode !== 'ISOLATED_MARGIN' && mode !== 'REGULAR_MARGIN') {
    return bybitError(BYBIT_ERRORS.paramsError, `setMarginMode ${mode ?? '(missing)'} not supported by the simulator`, now);
  }
  for (const instrument of context.market.instruments(VENUE)) {
    context.accounts.setMarginMode(VENUE, apiKey, instrument.id, mode === 'ISOLATED_MARGIN' ? 'isolated' : 'cross');
  }
  return bybitOk({ reasons: [] }, now);
};

export const createOrder: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  const instrument = requiredSymbol(params, context);
  const orderType = paramString(params, 'orderType');
  const side = paramString(params, 'side');
  const qty = paramNumber(params, 'qty');
  if ((orderType !== 'Market' && orderType !== 'Limit') || (side !== 'Buy' && side !== 'Sell') || qty === undefined) {
    throw new SimRejection('invalid-quantity', `orderType ${orderType}, side ${side}, qty ${qty}`);
  }
  const order = context.accounts.placeOrder(VENUE, apiKey, {
    instrumentId: instrument.id,
    side: side === 'Buy' ? 'buy' : 'sell',
    type: orderType === 'Market' ? 'market' : 'limit',
    quantity: qty / instrument.contractSize,
    price: orderType === 'Limit' ? paramNumber(params, 'price') : undefined,
    reduceOnly: params.reduceOnly === true || params.reduceOnly === 'true',
    postOnly: paramString(params, 'timeInForce') === 'PostOnly',
    clientOrderId: paramString(params, 'orderLinkId'),
  });
  return bybitOk({ orderId: order.orderId, orderLinkId: order.clientOrderId }, context.market.now());
});

export const cancelOrder: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  requiredSymbol(params, context);
  const order = context.accounts.cancelOrder(VENUE, apiKey, { orderId: paramString(params, 'orderId'), clientOrderId: paramString(params, 'orderLinkId') });
  return bybitOk({ orderId: order.orderId, orderLinkId: order.clientOrderId }, context.market.now());
});

export const cancelAll: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  const symbol = paramString(params, 'symbol');
  const settleCoin = paramString(params, 'settleCoin');
  if (symbol === undefined && settleCoin === undefined) throw new SimRejection('unknown-instrument', 'symbol or settleCoin is required');
  const cancelled = symbol === undefined
    ? context.accounts.cancelAll(VENUE, apiKey).filter((order) => instrumentOf(context, order.instrumentId).settle === settleCoin)
    : context.accounts.cancelAll(VENUE, apiKey, instrumentOf(context, symbol).id);
  const list = cancelled.map((order) => ({ orderId: order.orderId, orderLinkId: order.clientOrderId }));
  return bybitOk({ list, success: '1' }, context.market.now());
});

/** GET /v5/order/realtime: open orders, or any recent order when asked by id. */
export const openOrders: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  const byId = paramString(params, 'orderId') !== undefined || paramString(params, 'orderLinkId') !== undefined;
  const source = byId ? context.accounts.orders(VENUE, apiKey) : context.accounts.openOrders(VENUE, apiKey);
  return bybitOk({ category: 'linear', list: orderList(source, params, context, 20), nextPageCursor: '' }, context.market.now());
});

/** GET /v5/order/history: finished orders (filled, cancelled, rejected), newest first. */
export const orderHistory: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  const finished = context.accounts.orders(VENUE, apiKey).filter((order) => order.status !== 'new' && order.status !== 'partially-filled');
  return bybitOk({ category: 'linear', list: orderList(finished, params, context, 20), nextPageCursor: '' }, context.market.now());
});

/** GET /v5/execution/list: fills (execType Trade) and funding settlements (execType Funding), newest first. */
export const executionList: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  const symbol = paramString(params, 'symbol');
  const execType = paramString(params, 'execType');
  const since = paramNumber(params, 'startTime');
  const until = paramNumber(params, 'endTime') ?? Number.POSITIVE_INFINITY;
  // ccxt's fetchFundingHistory sends `size`; the venue's own name is `limit`.
  const limit = Math.min(100, paramNumber(params, 'limit') ?? paramNumber(params, 'size') ?? 50);
  const query = { instrumentId: symbol, since };
  const trades = execType === undefined || execType === 'Trade'
    ? context.accounts.trades(VENUE, apiKey, query).map((trade) => ({ time: trade.time, json: tradeExecutionJson(trade, instrumentOf(context, trade.instrumentId)) }))
    : [];
  const fundings = execType === undefined || execType === 'Funding'
    ? context.accounts.income(VENUE, apiKey, query).map((income) => ({ time: income.time, json: fundingExecutionJson(income, instrumentOf(context, income.instrumentId)) }))
    : [];
  const list = [...trades, ...fundings]
    .filter((entry) => entry.time <= until)
    .sort((a, b) => b.time - a.time)
    .slice(0, limit)
    .map((entry) => entry.json);
  return bybitOk({ category: 'linear', list, nextPageCursor: '' }, context.market.now());
});

/** `GET /v5/account/fee-rate` (linear): the account's tier for the symbol asked, else for every linear symbol. */
export const feeRate: BybitPrivateHandler = (params, context, apiKey) => guarded(context, () => {
  requireLinear(params);
  const symbol = paramString(params, 'symbol');
  const instruments = symbol === undefined ? context.market.instruments(VENUE) : [instrumentOf(context, symbol)];
  const fees = context.accounts.feeRates(VENUE, apiKey);
  const list = instruments.map((instrument) => ({ symbol: instrument.id, takerFeeRate: decimalString(fees.taker), makerFeeRate: decimalString(fees.maker) }));
  return bybitOk({ list }, context.market.now());
});
