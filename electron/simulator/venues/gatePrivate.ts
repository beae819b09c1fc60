/**
 * Gate APIv4 futures private endpoints (signed, see gateAuth.ts) for a single-mode USDT
 * account: account detail (classic mode), futures account, positions, leverage (non-zero =
 * isolated, `0` + cross_leverage_limit = cross, as Gate does), orders (size in signed
 * contracts, price 0 + IOC for market), cancel one / all, fills and funding entries of the
 * account book. Rejections carry Gate's labels so ccxt raises the same classes.
 */
import { SimRejection } from '../types.ts';
import type { RejectionReason, SimContext, SimOrder, SimPosition, SimRequest, SimResponse } from '../types.ts';
import { decimalString } from './wireDecimal.ts';
import { VENUES } from '../../../shared/domain/venues.ts';

const VENUE = 'gate';

export const REJECTION: Record<RejectionReason, [string, string]> = {
  'insufficient-margin': ['INSUFFICIENT_AVAILABLE', 'available balance not enough'],
  'min-notional': ['SIZE_TOO_SMALL', 'order size too small'],
  'reduce-only': ['REDUCE_EXCEEDED', 'reduce-only order would increase position'],
  'unknown-order': ['ORDER_NOT_FOUND', 'Order not found'],
  'unknown-instrument': ['CONTRACT_NOT_FOUND', 'Contract not found'],
  'invalid-quantity': ['INVALID_PARAM_VALUE', 'invalid argument: size'],
  'invalid-price': ['INVALID_PARAM_VALUE', 'invalid argument: price'],
  'duplicate-client-id': ['INVALID_PARAM_VALUE', 'invalid argument: text already used'],
  'margin-mode': ['INVALID_PARAM_VALUE', 'invalid argument: margin mode'],
  'invalid-client-id': ['INVALID_PARAM_VALUE', 'invalid argument: text'],
};

interface Call {
  context: SimContext;
  apiKey: string;
  /** Path segment after `orders/` or `positions/`, if any. */
  target?: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

const ok = (body: unknown): SimResponse => ({ status: 200, body });
export const gateError = (status: number, [label, message]: [string, string]): SimResponse => ({ status, body: { label, message } });

/** A simulator rejection under Gate's label (the futures endpoints' unless `refusals` says otherwise). */
export function rejected(error: unknown, refusals: Record<RejectionReason, [string, string]> = REJECTION): SimResponse {
  if (!(error instanceof SimRejection)) throw error;
  return gateError(error.reason === 'unknown-order' ? 404 : 400, refusals[error.reason]);
}

const seconds = (ms: number) => ms / 1000;

function orderBody(order: SimOrder): Record<string, unknown> {
  const sign = order.side === 'buy' ? 1 : -1;
  const open = order.status === 'new' || order.status === 'partially-filled';
  const finishAs = open ? '_new' : order.status === 'filled' ? 'filled' : order.type === 'market' ? 'ioc' : 'cancelled';
  return {
    id: Number(order.orderId), user: 1, contract: order.instrumentId, create_time: seconds(order.createdAt),
    update_time: seconds(order.updatedAt), finish_time: open ? undefined : seconds(order.updatedAt), finish_as: finishAs,
    status: open ? 'open' : 'finished', size: sign * order.quantity, iceberg: 0,
    price: order.price === null ? '0' : decimalString(order.price), is_reduce_only: order.reduceOnly,
    is_close: false, is_liq: false, tif: order.type === 'market' ? 'ioc' : 'gtc', left: sign * (order.quantity - order.filled),
    fill_price: decimalString(order.averagePrice ?? 0), text: order.clientOrderId.startsWith('t-') ? order.clientOrderId : 'api',
    tkfr: '0.0005', mkfr: '0.0002', refu: 0, refr: '0', stp_act: '-', stp_id: 0, amend_text: '-', biz_info: '-', bbo: '-',
    update_id: 1, market_order_slip_ratio: '0.05',
    // Gate states the order's realised PnL; the simulator books PnL on the position only.
    pnl: '0', pnl_margin: '0',
  };
}

function positionBody(position: SimPosition, context: SimContext): Record<string, unknown> {
  const instrument = context.market.instrument(VENUE, position.instrumentId);
  const contractSize = instrument?.contractSize ?? 1;
  const cross = position.marginMode === 'cross';
  return {
    user: 1, contract: position.instrumentId, size: position.size, leverage: cross ? '0' : String(position.leverage),
    cross_leverage_limit: cross ? String(position.leverage) : '0', risk_limit: '1000000', leverage_max: String(instrument?.maxLeverage ?? 100),
    maintenance_rate: decimalString(instrument?.maintenanceMarginRate ?? 0), mode: 'single',
    value: decimalString(Math.abs(position.size) * contractSize * position.markPrice), margin: decimalString(position.margin),
    entry_price: decimalString(position.entryPrice), liq_price: position.liquidationPrice === null ? '0' : decimalString(position.liquidationPrice),
    mark_price: decimalString(position.markPrice), unrealised_pnl: decimalString(position.unrealisedPnl), realised_pnl: '0',
    history_pnl: '0', last_close_pnl: '0', realised_point: '0', history_point: '0', adl_ranking: 5, pending_orders: 0,
    close_order: null, update_time: Math.floor(seconds(position.updatedAt)), open_time: Math.floor(seconds(position.updatedAt)),
    update_id: 1, trade_max_size: '0',
    initial_margin: decimalString(position.margin),
    maintenance_margin: decimalString(Math.abs(position.size) * contractSize * position.markPrice * (instrument?.maintenanceMarginRate ?? 0)),
  };
}

function accountDetail(): SimResponse {
  // mode 1: a classic account (ccxt then uses the futures endpoints, not the unified ones).
  return ok({ user_id: 1, ip_whitelist: [], currency_pairs: [], key: { mode: 1 }, tier: 0 });
}

/**
 * `GET /api/v4/wallet/fee`: the account's tier, spot and futures in one answer (ccxt reads the
 * futures pair for a contract). The simulator has no GT discount; spot is the venue's spot fee.
 */
function walletFee(context: SimContext, apiKey: string): SimResponse {
  const fees = context.accounts.feeRates(VENUE, apiKey);
  const spot = decimalString(VENUES.gate.spotTakerFee);
  return ok({
    user_id: 1, taker_fee: spot, maker_fee: spot, gt_discount: false, gt_taker_fee: '0', gt_maker_fee: '0', loan_fee: '0.18', point_type: '0',
    futures_taker_fee: decimalString(fees.taker), futures_maker_fee: decimalString(fees.maker),
  });
}

/**
 * The futures account as Gate documents it (`GET /futures/{settle}/accounts`): a classic account
 * in the old margin mode (`enable_evolved_classic` false), its cross figures stated from the
 * cross positions. The simulator keeps no statistics of how the total came about, so `history`
 * states it all as deposits (Gate: total = dnw + pnl + fee + refr + fund).
 */
function futuresAccount(call: Call): SimResponse {
  const { accounts } = call.context;
  const [balance] = accounts.balances(VENUE, call.apiKey);
  const positions = accounts.positions(VENUE, call.apiKey);
  const sum = (of: typeof positions, value: (p: (typeof positions)[number]) => number) => of.reduce((s, p) => s + value(p), 0);
  const cross = positions.filter((p) => p.marginMode === 'cross');
  const margin = sum(positions, (p) => p.margin);
  const zero = '0';
  return ok({
    user: 1, total: decimalString(balance.total), unrealised_pnl: decimalString(sum(positions, (p) => p.unrealisedPnl)),
    position_margin: decimalString(margin), order_margin: decimalString(Math.max(0, balance.used - margin)),
    available: decimalString(balance.free), point: zero, currency: balance.currency, in_dual_mode: accounts.hedgeMode(VENUE, call.apiKey), enable_credit: false,
    bonus: zero, enable_evolved_classic: false,
    cross_initial_margin: decimalString(sum(cross, (p) => p.margin)), cross_maintenance_margin: zero, cross_order_margin: zero,
    cross_unrealised_pnl: decimalString(sum(cross, (p) => p.unrealisedPnl)), cross_available: decimalString(balance.free),
    cross_margin_balance: decimalString(balance.total + sum(cross, (p) => p.unrealisedPnl)), cross_mmr: zero, cross_imr: zero,
    isolated_position_margin: decimalString(margin - sum(cross, (p) => p.margin)),
    history: { dnw: decimalString(balance.total), pnl: zero, fee: zero, refr: zero, fund: zero, point_dnw: zero, point_fee: zero, point_refr: zero, bonus_dnw: zero, bonus_offset: zero },
    enable_tiered_mm: true,
  });
}

function positions(call: Call): SimResponse {
  const held = call.context.accounts.positions(VENUE, call.apiKey).filter((p) => p.size !== 0);
  return ok(held.map((p) => positionBody(p, call.context)));
}

function setLeverage(call: Call): SimResponse {
  const { accounts } = call.context;
  const contract = call.target ?? '';
  const leverage = Number(call.query.get('leverage') ?? '0');
  const crossLimit = Number(call.query.get('cross_leverage_limit') ?? '0');
  try {
    accounts.setMarginMode(VENUE, call.apiKey, contract, leverage === 0 ? 'cross' : 'isolated');
    accounts.setLeverage(VENUE, call.apiKey, contract, leverage === 0 ? crossLimit : leverage);
  } catch (error) {
    return rejected(error);
  }
  return ok(positionBody(accounts.position(VENUE, call.apiKey, contract), call.context));
}

/**
 * Gate's rule for a user order id (`text`): `t-` and at most 28 more characters of 0-9 A-Z a-z
 * `_` `-` `.`. Gate refuses anything else; so does this simulator, whatever ccxt checked first.
 */
const GATE_TEXT = /^t-[0-9A-Za-z_.-]{1,28}$/;

/** Gate's refusal of an order's `text`, or null when it keeps the rule. */
export function textRefusal(text: unknown): SimResponse | null {
  if (text === undefined || (typeof text === 'string' && GATE_TEXT.test(text))) return null;
  return gateError(400, ['INVALID_PARAM_VALUE', `invalid argument: text ${String(text)}: user defined text must start with t- and be at most 28 characters after it`]);
}

function placeOrder(call: Call): SimResponse {
  const { body } = call;
  const badText = textRefusal(body.text);
  if (badText !== null) return badText;
  const size = Number(body.size);
  const price = Number(body.price ?? '0');
  const market = price === 0 && body.tif === 'ioc';
  try {
    const order = call.context.accounts.placeOrder(VENUE, call.apiKey, {
      instrumentId: String(body.contract), side: size > 0 ? 'buy' : 'sell', type: market ? 'market' : 'limit', quantity: Math.abs(size),
      price: market ? undefined : price, reduceOnly: body.reduce_only === true, postOnly: body.tif === 'poc',
      clientOrderId: typeof body.text === 'string' ? body.text : undefined,
    });
    return { status: 201, body: orderBody(order) };
  } catch (error) {
    return rejected(error);
  }
}

function listOrders(call: Call): SimResponse {
  const contract = call.query.get('contract') ?? undefined;
  const status = call.query.get('status') ?? 'open';
  const all = call.context.accounts.orders(VENUE, call.apiKey, contract);
  const open = (o: SimOrder) => o.status === 'new' || o.status === 'partially-filled';
  return ok(all.filter((o) => (status === 'open' ? open(o) : !open(o))).map(orderBody));
}

/** How long Gate still finds a finished order by its `t-` text; after that only by its id. */
const TEXT_LOOKUP_MS = 60_000;

type OrderRef = { orderId?: string; clientOrderId?: string };

/**
 * One order named in a path (`orders/{id}`: an id, or a `t-` text Gate resolves only while the
 * order is open or within a minute of finishing), read or cancelled by `act`, answered by `render`.
 */
export function orderByTarget<T extends { status: string; updatedAt: number }>(
  target: string | undefined, now: number, act: (ref: OrderRef) => T | undefined, render: (order: T) => unknown,
  refusals: Record<RejectionReason, [string, string]> = REJECTION,
): SimResponse {
  const byText = target?.startsWith('t-') ?? false;
  try {
    const order = act(byText ? { clientOrderId: target } : { orderId: target });
    const finished = order !== undefined && order.status !== 'new' && order.status !== 'partially-filled';
    const forgotten = byText && finished && now - order.updatedAt > TEXT_LOOKUP_MS;
    return order === undefined || forgotten ? gateError(404, refusals['unknown-order']) : ok(render(order));
  } catch (error) {
    return rejected(error, refusals);
  }
}

function oneOrder(call: Call, cancel: boolean): SimResponse {
  const { accounts } = call.context;
  return orderByTarget(call.target, call.context.market.now(),
    (ref) => (cancel ? accounts.cancelOrder(VENUE, call.apiKey, ref) : accounts.order(VENUE, call.apiKey, ref)), orderBody);
}

function sinceOf(query: URLSearchParams): number | undefined {
  const from = Number(query.get('from'));
  return query.get('from') === null || !Number.isFinite(from) ? undefined : from * 1000;
}

function limitOf(query: URLSearchParams): number | undefined {
  const limit = Number(query.get('limit'));
  return query.get('limit') === null || !Number.isFinite(limit) ? undefined : limit;
}

function myTrades(call: Call): SimResponse {
  const trades = call.context.accounts.trades(VENUE, call.apiKey, {
    instrumentId: call.query.get('contract') ?? undefined, since: sinceOf(call.query), limit: limitOf(call.query),
  });
  return ok(trades.map((t) => ({
    trade_id: t.tradeId, create_time: seconds(t.time), contract: t.instrumentId, order_id: t.orderId,
    size: t.side === 'buy' ? t.quantity : -t.quantity, price: decimalString(t.price), role: t.maker ? 'maker' : 'taker',
    text: 'api', fee: decimalString(t.fee), point_fee: '0',
  })));
}

function accountBook(call: Call): SimResponse {
  const type = call.query.get('type');
  if (type !== null && type !== 'fund') return ok([]);
  const income = call.context.accounts.income(VENUE, call.apiKey, {
    instrumentId: call.query.get('contract') ?? undefined, since: sinceOf(call.query), limit: limitOf(call.query),
  });
  // Gate lists the newest entry first; a funding entry names its contract in `text`.
  return ok(income.reverse().map((i) => ({
    time: seconds(i.time), change: decimalString(i.amount), balance: '0', type: 'fund', text: i.instrumentId,
    contract: i.instrumentId, id: i.id,
  })));
}

type Route = (call: Call) => SimResponse;

/** `METHOD resource` under /api/v4/futures/{settle}/. */
const ROUTES: Record<string, Route> = {
  'GET accounts': futuresAccount,
  'GET positions': positions,
  'POST positions/leverage': setLeverage,
  'POST orders': placeOrder,
  'GET orders': listOrders,
  'GET orders/id': (call) => oneOrder(call, false),
  'DELETE orders/id': (call) => oneOrder(call, true),
  'DELETE orders': (call) => ok(call.context.accounts.cancelAll(VENUE, call.apiKey, call.query.get('contract') ?? undefined).map(orderBody)),
  'GET my_trades': myTrades,
  'GET my_trades_timerange': myTrades,
  'GET account_book': accountBook,
};

interface Resolved {
  route: Route;
  target?: string;
}

function resolve(request: SimRequest): Resolved | 'account-detail' | 'wallet-fee' | undefined {
  if (request.path === '/api/v4/account/detail' && request.method === 'GET') return 'account-detail';
  if (request.path === '/api/v4/wallet/fee' && request.method === 'GET') return 'wallet-fee';
  const match = /^\/api\/v4\/futures\/([a-z]+)\/(accounts|positions|orders|my_trades|my_trades_timerange|account_book)(?:\/([^/]+))?(\/leverage)?$/.exec(request.path);
  if (match === null) return undefined;
  // One USDT account per key: the settle currency in the path does not select another.
  const [, , resource, target, leverage] = match;
  const key = `${request.method} ${resource}${leverage !== undefined ? '/leverage' : target !== undefined ? '/id' : ''}`;
  const route = ROUTES[key];
  return route === undefined ? undefined : { route, target };
}

export function isGatePrivate(request: SimRequest): boolean {
  return resolve(request) !== undefined;
}

export function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Runs an authenticated private request; `apiKey` is the account it acts on. */
export function handleGatePrivate(request: SimRequest, context: SimContext, apiKey: string): SimResponse {
  const resolved = resolve(request);
  if (resolved === undefined) return gateError(404, ['NOT_FOUND', 'Not found']);
  if (resolved === 'account-detail') return accountDetail();
  if (resolved === 'wallet-fee') return walletFee(context, apiKey);
  const body = parseBody(request.body);
  if (body === undefined) return gateError(400, ['INVALID_PARAM_VALUE', 'invalid request body']);
  return resolved.route({ context, apiKey, target: resolved.target, query: request.query, body });
}
