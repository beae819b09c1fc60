/**
 * Gate APIv4 spot (`/api/v4/spot/…`, pairs such as `BTC_USDT`) as ccxt `gate` loading spot
 * markets calls it: the pairs (`currency_pairs`), tickers and books, and on the spot account (a
 * wallet apart from the futures account, a classic account) orders, their reads and cancels by
 * id or `t-` text, open orders grouped by pair and the coins held (`accounts`). A market buy's
 * `amount` is the USDT to spend, a limit's and a market sell's the coins, as on Gate; a limit
 * with `time_in_force: ioc` cancels what the book does not fill at its price (`finish_as: ioc`).
 * The spot wallet is also the spot side of the key's unified account (gateUnified.ts): where that
 * account lends, an order with `account: unified` (or `spot`, which Gate takes as the unified
 * account there) borrows what a sell lacks with `auto_borrow` and repays the coin's debt with
 * what a buy receives with `auto_repay`. Shapes follow ccxt's recorded real spot answers and Gate's documented ones
 * (test/fixtures/venues/gate-spot).
 */
import type { RejectionReason, SimContext, SimRequest, SimResponse } from '../types.ts';
import type { SideEffect, SpotInstrument, SpotOrder } from '../spot.ts';
import { decimalString, fixedString } from './wireDecimal.ts';
import { REJECTION, gateError, orderByTarget, parseBody, rejected, textRefusal } from './gatePrivate.ts';
import { VENUES } from '../../../shared/domain/venues.ts';

const VENUE = 'gate';
const BASE = '/api/v4/spot';
const BOOK_LIMIT = 1000;
/** Time in force the simulator models; Gate also takes `poc` and `fok`, which it refuses rather than misread. */
const FORCES = new Set(['gtc', 'ioc']);

const SPOT_REFUSALS: Record<RejectionReason, [string, string]> = {
  ...REJECTION,
  'insufficient-margin': ['BALANCE_NOT_ENOUGH', 'Not enough balance'],
  'min-notional': ['INVALID_PARAM_VALUE', 'Your order size is too small, the minimum is 3 USDT'],
  'unknown-instrument': ['INVALID_CURRENCY_PAIR', 'Invalid currency pair'],
  'invalid-quantity': ['INVALID_PRECISION', 'Invalid amount precision'],
  'invalid-price': ['INVALID_PRECISION', 'Invalid price precision'],
};

const ok = (body: unknown, status = 200): SimResponse => ({ status, body });
const priceText = (pair: SpotInstrument, value: number) => fixedString(value, pair.pricePrecision);
const sizeText = (pair: SpotInstrument, value: number) => fixedString(value, pair.qtyPrecision);
const unknownPair = () => gateError(400, SPOT_REFUSALS['unknown-instrument']);

function pairNamed(context: SimContext, id: string | null | undefined): SpotInstrument | undefined {
  return id ? context.spot.instrument(VENUE, id) : undefined;
}

/** A `currency_pairs` row; the margin fields ccxt merges in (`leverage`, `status`) come from the margin list, which is empty here. */
function pairJson(pair: SpotInstrument): Record<string, unknown> {
  return {
    id: pair.id, base: pair.base, quote: pair.quote, min_base_amount: decimalString(pair.minQty), min_quote_amount: decimalString(pair.minNotional),
    max_quote_amount: '5000000', base_name: pair.base, quote_name: 'Tether', fee: decimalString(VENUES[VENUE].spotTakerFee * 100),
    max_base_amount: decimalString(pair.stepSize * 1e8), amount_precision: String(pair.qtyPrecision), precision: String(pair.pricePrecision),
    trade_status: 'tradable', sell_start: '0', buy_start: '0', type: 'normal', trade_url: `https://www.gate.com/trade/${pair.id}`, st_tag: false,
    slippage: '0.03', market_order_max_stock: decimalString(pair.stepSize * 1e8), market_order_max_money: '5000000', up_rate: '0.08', down_rate: '0.08',
  };
}

function tickerJson(pair: SpotInstrument, context: SimContext): Record<string, unknown> {
  const last = priceText(pair, context.spot.price(pair));
  const top = context.spot.book(pair, 1);
  return {
    currency_pair: pair.id, last, lowest_ask: priceText(pair, top.asks[0][0]), highest_bid: priceText(pair, top.bids[0][0]),
    change_percentage: '0', base_volume: '0', quote_volume: '0', high_24h: last, low_24h: last,
  };
}

function orderBook(pair: SpotInstrument, context: SimContext, query: URLSearchParams): SimResponse {
  const limit = Math.max(1, Math.min(BOOK_LIMIT, Math.floor(Number(query.get('limit') ?? 10)) || 10));
  const book = context.spot.book(pair, limit);
  const level = ([price, size]: [number, number]) => [priceText(pair, price), sizeText(pair, size)];
  return ok({ id: book.time, current: book.time, update: book.time, asks: book.asks.map(level), bids: book.bids.map(level) });
}

/** GET /api/v4/spot/currency_pairs, tickers and order_book. */
export function gateSpotPublic(request: SimRequest, context: SimContext): SimResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const named = request.query.get('currency_pair');
  const pair = pairNamed(context, named);
  if (request.path === `${BASE}/currency_pairs`) return ok(context.spot.instruments(VENUE).map(pairJson));
  if (request.path === `${BASE}/tickers`) {
    if (named !== null && pair === undefined) return unknownPair();
    return ok((pair === undefined ? context.spot.instruments(VENUE) : [pair]).map((p) => tickerJson(p, context)));
  }
  if (request.path === `${BASE}/order_book`) return pair === undefined ? unknownPair() : orderBook(pair, context, request.query);
  return undefined;
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));
const isOpen = (order: SpotOrder) => order.status === 'new' || order.status === 'partially-filled';

/** How the order finished, in Gate's words: an IOC or market order's cancelled rest is `ioc`. */
function finishAs(order: SpotOrder): string {
  if (isOpen(order)) return 'open';
  if (order.status === 'filled') return 'filled';
  return order.type === 'market' || order.timeInForce === 'ioc' ? 'ioc' : 'cancelled';
}

/** An order row as Gate states it on every spot order answer (create, read, cancel, open list). */
function orderJson(order: SpotOrder, context: SimContext): Record<string, unknown> {
  const pair = context.spot.instrument(VENUE, order.instrumentId)!;
  // A market buy counts its amount and what is left of it in USDT; every other order in coins.
  const inQuote = order.quoteAmount !== undefined;
  const amount = order.quoteAmount ?? order.quantity;
  const left = inQuote ? amount - order.cost : order.quantity - order.filled;
  const status = isOpen(order) ? 'open' : order.status === 'filled' ? 'closed' : 'cancelled';
  return {
    id: order.orderId, text: order.clientOrderId.startsWith('t-') ? order.clientOrderId : 'apiv4', amend_text: '-',
    create_time: seconds(order.createdAt), update_time: seconds(order.updatedAt), create_time_ms: String(order.createdAt), update_time_ms: String(order.updatedAt),
    status, currency_pair: order.instrumentId, type: order.type, account: order.sideEffect === undefined ? 'spot' : 'unified', side: order.side, amount: decimalString(amount),
    price: order.price === null ? '0' : priceText(pair, order.price), time_in_force: order.type === 'market' ? 'ioc' : order.timeInForce ?? 'gtc', iceberg: '0',
    left: decimalString(Math.max(0, Number(left.toPrecision(12)))), filled_amount: decimalString(order.filled), fill_price: decimalString(order.cost),
    filled_total: decimalString(order.cost), avg_deal_price: order.averagePrice === null ? '0' : decimalString(order.averagePrice),
    fee: decimalString(order.fee), fee_currency: order.feeCurrency, point_fee: '0', gt_fee: '0', gt_maker_fee: '0', gt_taker_fee: '0', gt_discount: false,
    rebated_fee: '0', rebated_fee_currency: order.side === 'buy' ? pair.quote : pair.base, finish_as: finishAs(order),
  };
}

interface SpotCall {
  context: SimContext;
  apiKey: string;
  /** The order named in the path (`orders/{id}`: an id or a `t-` text). */
  target?: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

function placeOrder(call: SpotCall): SimResponse {
  const { body, context } = call;
  const badText = textRefusal(body.text);
  if (badText !== null) return badText;
  const pair = pairNamed(context, typeof body.currency_pair === 'string' ? body.currency_pair : undefined);
  if (pair === undefined) return unknownPair();
  const { side, type } = body;
  const amount = Number(body.amount);
  const force = String(body.time_in_force ?? (type === 'market' ? 'ioc' : 'gtc')).toLowerCase();
  const account = body.account ?? 'spot';
  if ((side !== 'buy' && side !== 'sell') || (type !== 'market' && type !== 'limit') || !(amount > 0) || !FORCES.has(force) || (account !== 'spot' && account !== 'unified')) {
    return gateError(400, ['INVALID_PARAM_VALUE', `invalid argument: side ${String(side)}, type ${String(type)}, amount ${String(body.amount)}, time_in_force ${force}, account ${String(body.account)}`]);
  }
  const lends = context.spot.lends(VENUE, call.apiKey);
  if (account === 'unified' && !lends) return gateError(400, ['INVALID_PARAM_VALUE', 'invalid argument: account unified: the account is in classic mode']);
  const marketBuy = type === 'market' && side === 'buy';
  try {
    const order = context.spot.placeOrder(VENUE, call.apiKey, {
      instrumentId: pair.id, side, type, ...(marketBuy ? { quantity: context.spot.coinsFor(pair, amount), quoteAmount: amount } : { quantity: amount }),
      price: type === 'limit' ? Number(body.price) : undefined, clientOrderId: typeof body.text === 'string' ? body.text : undefined,
      immediateOrCancel: type === 'limit' && force === 'ioc',
    }, lends ? sideEffectOf(account, side, body) : undefined);
    return ok(orderJson(order, context), 201);
  } catch (error) {
    return rejected(error, SPOT_REFUSALS);
  }
}

/**
 * What a spot order on a lending (unified) account does beside trading: `auto_borrow` on a sell
 * borrows what the wallet lacks, `auto_repay` on a buy repays the coin's debt, interest first; an
 * order naming `account: unified` without either is a unified order that does neither. Gate
 * ignores both flags on a classic spot order.
 */
function sideEffectOf(account: unknown, side: 'buy' | 'sell', body: Record<string, unknown>): SideEffect | undefined {
  if (side === 'sell' && body.auto_borrow === true) return 'MARGIN_BUY';
  if (side === 'buy' && body.auto_repay === true) return 'AUTO_REPAY';
  return account === 'unified' ? 'NO_SIDE_EFFECT' : undefined;
}

/** GET or DELETE /api/v4/spot/orders/{id}: by id, or by `t-` text as Gate resolves it (gatePrivate.ts). */
function oneOrder(call: SpotCall, cancel: boolean): SimResponse {
  const { spot } = call.context;
  return orderByTarget(call.target, call.context.market.now(),
    (ref) => (cancel ? spot.cancelOrder(VENUE, call.apiKey, ref) : spot.order(VENUE, call.apiKey, ref)), (order) => orderJson(order, call.context), SPOT_REFUSALS);
}

/** GET /api/v4/spot/open_orders: the open orders grouped by pair. */
function openOrders(call: SpotCall): SimResponse {
  const byPair = new Map<string, SpotOrder[]>();
  for (const order of call.context.spot.openOrders(VENUE, call.apiKey)) byPair.set(order.instrumentId, [...(byPair.get(order.instrumentId) ?? []), order]);
  return ok([...byPair].map(([id, orders]) => ({ currency_pair: id, total: String(orders.length), orders: orders.map((o) => orderJson(o, call.context)) })));
}

/** GET /api/v4/spot/accounts: the spot wallet's coins (USDT always listed), or the one `currency` names. */
function accounts(call: SpotCall): SimResponse {
  const wanted = call.query.get('currency');
  const rows = call.context.spot.balances(VENUE, call.apiKey).filter((row) => wanted === null || row.coin === wanted);
  return ok(rows.map((row) => ({ currency: row.coin, available: decimalString(row.free), locked: decimalString(row.locked) })));
}

const ROUTES: Record<string, (call: SpotCall) => SimResponse> = {
  'POST orders': placeOrder,
  'GET orders/id': (call) => oneOrder(call, false),
  'DELETE orders/id': (call) => oneOrder(call, true),
  'GET open_orders': openOrders,
  'GET accounts': accounts,
};

function routeOf(request: SimRequest): { route: (call: SpotCall) => SimResponse; target?: string } | undefined {
  const match = /^\/api\/v4\/spot\/(orders|open_orders|accounts)(?:\/([^/]+))?$/.exec(request.path);
  if (match === null) return undefined;
  const route = ROUTES[`${request.method} ${match[1]}${match[2] !== undefined ? '/id' : ''}`];
  return route === undefined ? undefined : { route, target: match[2] === undefined ? undefined : decodeURIComponent(match[2]) };
}

export function isGateSpotPrivate(request: SimRequest): boolean {
  return routeOf(request) !== undefined;
}

/** Runs an authenticated spot request; `apiKey` is the account it acts on. */
export function handleGateSpotPrivate(request: SimRequest, context: SimContext, apiKey: string): SimResponse {
  const resolved = routeOf(request)!;
  const body = parseBody(request.body);
  if (body === undefined) return gateError(400, ['INVALID_PARAM_VALUE', 'invalid request body']);
  return resolved.route({ context, apiKey, target: resolved.target, query: request.query, body });
}
