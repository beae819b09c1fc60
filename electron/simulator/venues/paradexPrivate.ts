/**
 * Paradex private endpoints (bearer token, paradexAuth.ts) for a cross-margined USDC account
 * (docs/venues.md, "Paradex"): the balance (`/v1/balance`), the account summary (`/v1/account`), positions (`size` signed: negative
 * for a short, as Paradex documents it), fills, funding payments, the margin config per market,
 * and orders (place, read by id or `client_id`, the open list, cancel one, cancel a market's).
 * Sizes are base units (Paradex has no contract multiplier); numbers are decimal strings.
 *
 * Paradex's matching is asynchronous: `POST /v1/orders` answers the order as received (`NEW`,
 * nothing filled) and the terminal reads it back. An order the engine takes and then closes at
 * once carries a `cancel_reason` on a `CLOSED` row: ORDER_SIZE_BELOW_MIN (ccxt's recorded row),
 * NOT_ENOUGH_MARGIN and REDUCE_ONLY_WILL_INCREASE; ccxt reads NOT_ENOUGH_MARGIN as rejected, the
 * others as canceled. What a request gets wrong on its face (market, step, tick, client id) is
 * refused at once with Paradex's error code. Isolated margin (an isolated-market sub-account,
 * `on_behalf_of_account`) is not served: the margin config refuses ISOLATED.
 */
import { answerRejections, SimRejection } from '../types.ts';
import type { RejectionReason, SimContext, SimIncome, SimInstrument, SimOrder, SimOrderRequest, SimPosition, SimRequest, SimResponse, SimTrade } from '../types.ts';
import { optionalInt } from './queryParams.ts';
import { decimalString, fixedString } from './wireDecimal.ts';
import { paradexError, wellFormedSignature } from './paradexAuth.ts';

const VENUE = 'paradex';
/** How far an order's `signature_timestamp` (ms) may be from the wall clock. */
const ORDER_SIGNATURE_SKEW_MS = 60_000;

interface ParadexCall {
  context: SimContext;
  /** The StarkNet account address, as the token names it. */
  account: string;
  query: URLSearchParams;
  /** The JSON body of a POST, `{}` for the others. */
  body: Record<string, unknown>;
  /** The path's last segment (an order id, a client id or a market). */
  tail: string;
  wallClockMs: number;
}

const ok = (body: unknown): SimResponse => ({ status: 200, body });
const noContent = (): SimResponse => ({ status: 204, body: '' });
const results = (rows: unknown[]): SimResponse => ok({ results: rows });
const paged = (rows: unknown[]): SimResponse => ok({ next: null, prev: null, results: rows });

/** Refused at once, before the engine takes the order. */
const REFUSALS: Partial<Record<RejectionReason, [string, string]>> = {
  'unknown-instrument': ['MARKET_NOT_FOUND', 'market not found'],
  'unknown-order': ['ORDER_ID_NOT_FOUND', 'order not found'],
  'invalid-quantity': ['INVALID_REQUEST_PARAMETER', 'size is not a positive multiple of the order size increment'],
  'invalid-price': ['INVALID_PRICE_PRECISION', 'price is not a multiple of the price tick size'],
  'duplicate-client-id': ['DUPLICATED_CLIENT_ID', 'client id already used'],
  'invalid-client-id': ['INVALID_REQUEST_PARAMETER', 'client_id must be at most 64 characters'],
  'margin-mode': ['INVALID_REQUEST_PARAMETER', 'margin type does not match the position held'],
};

/** Taken by the engine, then closed at once with this reason. */
const CANCEL_REASONS: Partial<Record<RejectionReason, string>> = {
  'min-notional': 'ORDER_SIZE_BELOW_MIN',
  'insufficient-margin': 'NOT_ENOUGH_MARGIN',
  'reduce-only': 'REDUCE_ONLY_WILL_INCREASE',
};

function refused(reason: RejectionReason, message?: string): SimResponse {
  const [code, text] = REFUSALS[reason] ?? ['INVALID_REQUEST_PARAMETER', reason];
  return paradexError(400, code, message ?? text);
}

const rescued = (work: () => SimResponse): SimResponse => answerRejections(work, (reason) => refused(reason));

const price = (instrument: SimInstrument, value: number) => fixedString(value, instrument.pricePrecision);
const size = (instrument: SimInstrument, value: number) => fixedString(value, instrument.qtyPrecision);
const instrumentOf = (call: ParadexCall, id: string) => call.context.market.instrument(VENUE, id)!;

/** A closed row for an order the engine took and closed with a reason, kept per simulator and account. */
interface ClosedOnArrival { row: Record<string, unknown>; clientId: string }
const closedOnArrival = new WeakMap<SimContext['accounts'], Map<string, ClosedOnArrival[]>>();
let nextClosedId = 1;

function closedRows(call: ParadexCall): ClosedOnArrival[] {
  let byAccount = closedOnArrival.get(call.context.accounts);
  if (!byAccount) closedOnArrival.set(call.context.accounts, (byAccount = new Map()));
  let rows = byAccount.get(call.account);
  if (!rows) byAccount.set(call.account, (rows = []));
  return rows;
}

interface OrderView {
  id: string; clientId: string; market: string; side: 'buy' | 'sell'; type: 'market' | 'limit'; size: number; filled: number;
  price: number | null; average: number | null; status: 'NEW' | 'OPEN' | 'CLOSED'; cancelReason: string; reduceOnly: boolean;
  instruction: string; createdAt: number; updatedAt: number; signedAt: number;
}

/**
 * An order row as Paradex states it (ccxt's recorded `GET /v1/orders-history` row): sizes in base
 * units, `price` "0" for a market order, `avg_fill_price` "" until filled, times and `seq_no` as
 * JSON numbers (Paradex's API reference types them so), `cancel_reason` "" unless closed by one.
 */
function orderRow(call: ParadexCall, view: OrderView): Record<string, unknown> {
  const instrument = instrumentOf(call, view.market);
  return {
    id: view.id, account: call.account, market: view.market, side: view.side.toUpperCase(), type: view.type.toUpperCase(),
    size: size(instrument, view.size), remaining_size: size(instrument, view.status === 'CLOSED' ? 0 : view.size - view.filled),
    price: view.price === null ? '0' : price(instrument, view.price), status: view.status,
    created_at: view.createdAt, last_updated_at: view.updatedAt, timestamp: view.signedAt,
    cancel_reason: view.cancelReason, client_id: view.clientId, seq_no: view.updatedAt * 1_000_000,
    instruction: view.instruction, avg_fill_price: view.average === null || view.filled === 0 ? '' : price(instrument, view.average),
    stp: 'EXPIRE_TAKER', received_at: view.createdAt, published_at: view.updatedAt,
    flags: view.reduceOnly ? ['REDUCE_ONLY'] : [], trigger_price: '0',
  };
}

function simOrderView(order: SimOrder): OrderView {
  const closed = order.status === 'filled' || order.status === 'cancelled' || order.status === 'rejected';
  return {
    id: order.orderId, clientId: order.clientOrderId, market: order.instrumentId, side: order.side, type: order.type, size: order.quantity,
    filled: order.filled, price: order.type === 'market' ? null : order.price, average: order.averagePrice,
    status: closed ? 'CLOSED' : order.filled > 0 ? 'OPEN' : 'NEW', cancelReason: order.status === 'cancelled' ? 'USER_CANCELED' : '',
    reduceOnly: order.reduceOnly, instruction: order.type === 'market' ? 'IOC' : 'GTC', createdAt: order.createdAt, updatedAt: order.updatedAt, signedAt: order.createdAt,
  };
}

/** `GET /v1/balance`: the settlement token's balance (realised P&L, funding and fees in; unrealised P&L out), as ccxt's recorded row. */
function balance(call: ParadexCall): SimResponse {
  const unrealised = call.context.accounts.positions(VENUE, call.account).reduce((sum, p) => sum + p.unrealisedPnl, 0);
  return results(call.context.accounts.balances(VENUE, call.account).map((b) => ({
    token: b.currency, size: decimalString(Number((b.total - unrealised).toFixed(8))), last_updated_at: call.context.market.now(),
  })));
}

/**
 * `GET /v1/account`: the account summary (Paradex's API reference, `AccountSummaryResponse`):
 * `account_value` with unrealised P&L, `free_collateral` beyond the initial margin, the initial
 * margin the positions hold, the maintenance margin at half of it (Paradex's `mmf_factor` 0.5).
 */
function accountSummary(call: ParadexCall): SimResponse {
  const [b] = call.context.accounts.balances(VENUE, call.account);
  const unrealised = call.context.accounts.positions(VENUE, call.account).reduce((sum, p) => sum + p.unrealisedPnl, 0);
  const money = (value: number) => decimalString(Number(value.toFixed(8)));
  const now = call.context.market.now();
  return ok({
    account: call.account, account_value: money(b.total), free_collateral: money(b.free), initial_margin_requirement: money(b.used),
    maintenance_margin_requirement: money(b.used / 2), margin_cushion: money(b.total - b.used / 2), seq_no: now * 1_000_000,
    settlement_asset: b.currency, status: 'ACTIVE', total_collateral: money(b.total - unrealised), updated_at: now,
  });
}

/**
 * One open position (ccxt's recorded `GET /v1/positions` row): `size` signed, negative for a
 * short; `cost` the signed size at the entry price; `unrealized_pnl` at the mark.
 */
function positionRow(call: ParadexCall, p: SimPosition): Record<string, unknown> {
  const instrument = instrumentOf(call, p.instrumentId);
  const cost = decimalString(Number((p.size * p.entryPrice).toFixed(8)));
  return {
    id: `${call.account}-${p.instrumentId}`, market: p.instrumentId, status: 'OPEN', side: p.size < 0 ? 'SHORT' : 'LONG',
    size: size(instrument, p.size), average_entry_price: decimalString(p.entryPrice), average_entry_price_usd: decimalString(p.entryPrice),
    realized_pnl: '0', unrealized_pnl: decimalString(Number(p.unrealisedPnl.toFixed(8))), unrealized_funding_pnl: '0',
    cost, cost_usd: cost, cached_funding_index: '0', last_updated_at: p.updatedAt, last_fill_id: '',
    seq_no: p.updatedAt * 1_000_000, liquidation_price: p.liquidationPrice === null ? '' : decimalString(p.liquidationPrice),
  };
}

function positions(call: ParadexCall): SimResponse {
  return results(call.context.accounts.positions(VENUE, call.account).filter((p) => p.size !== 0).map((p) => positionRow(call, p)));
}

function withMarket(call: ParadexCall, id: string | null, work: (instrument: SimInstrument) => SimResponse): SimResponse {
  const instrument = id === null || id === '' ? undefined : call.context.market.instrument(VENUE, id);
  return instrument === undefined ? refused('unknown-instrument', `market ${id ?? '(missing)'} not found`) : rescued(() => work(instrument));
}

/** `GET /v1/account/margin?market=`: the market's leverage and margin type (cross only here). */
function marginConfig(call: ParadexCall): SimResponse {
  return withMarket(call, call.query.get('market'), (instrument) => {
    const { leverage } = call.context.accounts.leverage(VENUE, call.account, instrument.id);
    return ok({ account: call.account, configs: [{ market: instrument.id, leverage, margin_type: 'CROSS' }] });
  });
}

/** `POST /v1/account/margin/{market}` `{leverage, margin_type}`: an integer leverage up to the market's cap, CROSS only. */
function setMarginConfig(call: ParadexCall): SimResponse {
  return withMarket(call, call.tail, (instrument) => {
    const type = call.body.margin_type;
    if (type === 'ISOLATED') return paradexError(400, 'INVALID_REQUEST_PARAMETER', 'isolated margin needs an isolated-market account (on_behalf_of_account); the simulator serves cross margin only');
    if (type !== 'CROSS') return paradexError(400, 'INVALID_REQUEST_PARAMETER', `margin_type ${String(type)} is neither CROSS nor ISOLATED`);
    const leverage = Number(call.body.leverage);
    if (!(Number.isInteger(leverage) && leverage >= 1 && leverage <= instrument.maxLeverage)) return paradexError(400, 'INVALID_REQUEST_PARAMETER', `leverage ${String(call.body.leverage)} is outside 1..${instrument.maxLeverage}`);
    call.context.accounts.setLeverage(VENUE, call.account, instrument.id, leverage);
    return ok({ account: call.account, market: instrument.id, leverage, margin_type: 'CROSS' });
  });
}

const ORDER_TYPES: Record<string, SimOrderRequest['type']> = { MARKET: 'market', LIMIT: 'limit' };
const SIDES: Record<string, SimOrderRequest['side']> = { BUY: 'buy', SELL: 'sell' };
const INSTRUCTIONS = new Set(['GTC', 'IOC', 'POST_ONLY']);

/**
 * `POST /v1/orders` (JSON): `market`, `side`, `type` MARKET or LIMIT, `size` in base units,
 * `price` for a limit, `instruction`, `client_id`, `flags` [`REDUCE_ONLY`], the order's StarkNet
 * `signature` (checked well formed, not verified) and `signature_timestamp` in ms.
 */
function placeOrder(call: ParadexCall): SimResponse {
  const { body } = call;
  return withMarket(call, typeof body.market === 'string' ? body.market : null, (instrument) => {
    const type = ORDER_TYPES[String(body.type)];
    const side = SIDES[String(body.side)];
    if (type === undefined || side === undefined) return paradexError(400, 'INVALID_REQUEST_PARAMETER', `order type ${String(body.type)} or side ${String(body.side)} is not served`);
    const instruction = body.instruction === undefined || body.instruction === '' ? 'GTC' : String(body.instruction);
    if (!INSTRUCTIONS.has(instruction)) return paradexError(400, 'INVALID_REQUEST_PARAMETER', `instruction ${instruction}`);
    if (typeof body.signature !== 'string' || !wellFormedSignature(body.signature)) return paradexError(400, 'INVALID_ORDER_SIGNATURE', 'order signature is missing or malformed');
    const signedAt = Number(body.signature_timestamp);
    if (!Number.isInteger(signedAt) || Math.abs(signedAt - call.wallClockMs) > ORDER_SIGNATURE_SKEW_MS) return paradexError(400, 'INVALID_TIMESTAMP', 'signature_timestamp is missing or too far from the server time');
    const flags = Array.isArray(body.flags) ? body.flags : [];
    const clientId = typeof body.client_id === 'string' && body.client_id !== '' ? body.client_id : undefined;
    const request: SimOrderRequest = {
      instrumentId: instrument.id, side, type, quantity: Number(body.size), price: type === 'limit' ? Number(body.price) : undefined,
      reduceOnly: flags.includes('REDUCE_ONLY'), postOnly: instruction === 'POST_ONLY', clientOrderId: clientId,
    };
    const now = call.context.market.now();
    const received = (id: string, status: OrderView['status'], cancelReason: string): OrderView => ({
      id, clientId: clientId ?? '', market: instrument.id, side, type, size: request.quantity, filled: 0, price: request.price ?? null, average: null,
      status, cancelReason, reduceOnly: request.reduceOnly === true, instruction, createdAt: now, updatedAt: now, signedAt,
    });
    try {
      const order = call.context.accounts.placeOrder(VENUE, call.account, request);
      return ok(orderRow(call, received(order.orderId, 'NEW', '')));
    } catch (error) {
      const reason = error instanceof SimRejection ? CANCEL_REASONS[error.reason] : undefined;
      if (reason === undefined) throw error;
      const view = received(String(9_000_000_000 + nextClosedId++), 'CLOSED', reason);
      closedRows(call).push({ row: orderRow(call, view), clientId: view.clientId });
      return ok(orderRow(call, received(view.id, 'NEW', '')));
    }
  });
}

/** An order by id or client id: the account's, or one the engine closed on arrival. */
function findOrder(call: ParadexCall, ref: { orderId?: string; clientOrderId?: string }): Record<string, unknown> | undefined {
  const order = call.context.accounts.order(VENUE, call.account, ref);
  if (order !== undefined) return orderRow(call, simOrderView(order));
  return closedRows(call).find((c) => (ref.orderId !== undefined ? c.row.id === ref.orderId : c.clientId === ref.clientOrderId))?.row;
}

const notFound = (byClientId: boolean) => paradexError(404, byClientId ? 'CLIENT_ORDER_ID_NOT_FOUND' : 'ORDER_ID_NOT_FOUND', 'order not found');

function readOrder(byClientId: boolean) {
  return (call: ParadexCall): SimResponse => {
    const row = findOrder(call, byClientId ? { clientOrderId: call.tail } : { orderId: call.tail });
    return row === undefined ? notFound(byClientId) : ok(row);
  };
}

/** `DELETE /v1/orders/{id}` or `/by_client_id/{client_id}`: no content; a closed order is refused with ORDER_IS_CLOSED. */
function cancelOrder(byClientId: boolean) {
  return (call: ParadexCall): SimResponse => rescued(() => {
    const ref = byClientId ? { clientOrderId: call.tail } : { orderId: call.tail };
    const row = findOrder(call, ref);
    if (row === undefined) return notFound(byClientId);
    if (row.status === 'CLOSED') return paradexError(400, 'ORDER_IS_CLOSED', 'order is closed');
    call.context.accounts.cancelOrder(VENUE, call.account, { orderId: String(row.id) });
    return noContent();
  });
}

/** `DELETE /v1/orders?market=`: every open order of the market (all markets without one); no content. */
function cancelAll(call: ParadexCall): SimResponse {
  const market = call.query.get('market');
  if (market === null) {
    call.context.accounts.cancelAll(VENUE, call.account);
    return noContent();
  }
  return withMarket(call, market, (instrument) => {
    call.context.accounts.cancelAll(VENUE, call.account, instrument.id);
    return noContent();
  });
}

/** `GET /v1/orders`: the open orders, of one market or all. */
function openOrders(call: ParadexCall): SimResponse {
  const market = call.query.get('market');
  if (market !== null && call.context.market.instrument(VENUE, market) === undefined) return refused('unknown-instrument');
  return results(call.context.accounts.openOrders(VENUE, call.account, market ?? undefined).map((o) => orderRow(call, simOrderView(o))));
}

/** Rows in [start_at, end_at], newest first, at most `page_size` (Paradex lists its pages newest first). */
function window<T extends { time: number }>(rows: T[], query: URLSearchParams): T[] {
  const since = optionalInt(query, 'start_at');
  const until = optionalInt(query, 'end_at');
  const limit = Math.min(optionalInt(query, 'page_size') ?? 100, 5000);
  return rows.filter((r) => (since === undefined || r.time >= since) && (until === undefined || r.time <= until)).reverse().slice(0, limit);
}

/** `GET /v1/fills`: the account's fills as ccxt quotes Paradex's row (`fee` paid, positive; `liquidity` TAKER or MAKER). */
function fills(call: ParadexCall): SimResponse {
  const market = call.query.get('market') ?? undefined;
  if (market !== undefined && call.context.market.instrument(VENUE, market) === undefined) return refused('unknown-instrument');
  const trades = call.context.accounts.trades(VENUE, call.account, { instrumentId: market });
  // The orders read once (each read of the account first brings it up to date), not once a fill.
  const orders = new Map(call.context.accounts.orders(VENUE, call.account, market).map((o) => [o.orderId, o]));
  return paged(window(trades, call.query).map((t: SimTrade) => {
    const instrument = instrumentOf(call, t.instrumentId);
    const order = orders.get(t.orderId);
    return {
      id: t.tradeId, side: t.side.toUpperCase(), liquidity: t.maker ? 'MAKER' : 'TAKER', market: t.instrumentId, order_id: t.orderId,
      price: price(instrument, t.price), size: size(instrument, t.quantity), fee: decimalString(Number(t.fee.toFixed(8))), fee_currency: t.feeCurrency,
      created_at: t.time, remaining_size: size(instrument, order === undefined ? 0 : order.quantity - order.filled), client_id: t.clientOrderId, fill_type: 'FILL',
    };
  }));
}

/**
 * `GET /v1/funding/payments?market=`: each settlement of the simulator's model on the account's
 * position, `payment` in USDC as the account's P&L (received positive, paid negative: the sign of
 * Paradex's funding P&L fields), `index` the funding index those settlements accrue.
 */
function fundingPayments(call: ParadexCall): SimResponse {
  return withMarket(call, call.query.get('market'), (instrument) => {
    const rows = call.context.accounts.income(VENUE, call.account, { instrumentId: instrument.id });
    let index = 0;
    const paid = rows.map((i: SimIncome) => {
      index += i.rate * i.markPrice;
      return { time: i.time, row: { id: `${i.time}${i.id.padStart(6, '0')}`, account: call.account, market: i.instrumentId, payment: decimalString(Number(i.amount.toFixed(8))), index: decimalString(Number(index.toFixed(8))), fill_id: '', created_at: i.time } };
    });
    return paged(window(paid, call.query).map((p) => p.row));
  });
}

type Route = (call: ParadexCall) => SimResponse;

const P = '/v1';
const ROUTES: Record<string, Route> = {
  [`GET ${P}/balance`]: balance,
  [`GET ${P}/account`]: accountSummary,
  [`GET ${P}/positions`]: positions,
  [`GET ${P}/fills`]: fills,
  [`GET ${P}/funding/payments`]: fundingPayments,
  [`GET ${P}/account/margin`]: marginConfig,
  [`POST ${P}/account/margin/*`]: setMarginConfig,
  [`POST ${P}/orders`]: placeOrder,
  [`GET ${P}/orders`]: openOrders,
  [`DELETE ${P}/orders`]: cancelAll,
  [`GET ${P}/orders/by_client_id/*`]: readOrder(true),
  [`DELETE ${P}/orders/by_client_id/*`]: cancelOrder(true),
  [`GET ${P}/orders/*`]: readOrder(false),
  [`DELETE ${P}/orders/*`]: cancelOrder(false),
};

/** The route of `method path` (`path` without the loopback prefix) and the path's last segment. */
function routeOf(method: string, path: string): { route: Route; tail: string } | undefined {
  const exact: Route | undefined = ROUTES[`${method} ${path}`];
  if (exact !== undefined) return { route: exact, tail: '' };
  const cut = path.lastIndexOf('/');
  const route: Route | undefined = ROUTES[`${method} ${path.slice(0, cut)}/*`];
  return route === undefined ? undefined : { route, tail: decodeURIComponent(path.slice(cut + 1)) };
}

export function isParadexPrivate(method: string, path: string): boolean {
  return routeOf(method, path) !== undefined;
}

/** Runs a private request for `account` (the token's); `path` is without the loopback prefix. */
export function handleParadexPrivate(request: SimRequest, path: string, context: SimContext, account: string, wallClockMs: number): SimResponse {
  const { route, tail } = routeOf(request.method, path)!;
  let body: Record<string, unknown> = {};
  if (request.method === 'POST') {
    try {
      body = JSON.parse(request.body || '{}') as Record<string, unknown>;
    } catch {
      return paradexError(400, 'BINDING_ERROR', 'request body is not JSON');
    }
  }
  return rescued(() => route({ context, account, query: request.query, body, tail, wallClockMs }));
}
