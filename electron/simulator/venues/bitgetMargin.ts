/**
 * Bitget v2 cross margin (`/api/v2/margin/crossed/…`; docs/venues.md, "Bitget cross margin"): a
 * cross-margin account apart from the spot wallet, funded with USDT of its own, whose orders
 * borrow and repay by their `loanType` — `autoLoan` borrows what a sell lacks, `autoRepay` pays
 * the debt with what a buy receives, interest first, `autoLoanAndRepay` both, `normal` neither.
 * Interest is charged hourly at the simulator's daily rate / 24 (marginDebts.ts). Served: place
 * and cancel, the open and history order lists (ids and amounts, no fee, as on Bitget), the
 * fills with their fee, the account's coins, the coin's rate and limit, and what the account may
 * borrow now (0 where it does not lend: `SpotMarkets.setLending`). Shapes follow Bitget's
 * documented answers (test/fixtures/venues/bitget-margin).
 */
import type { SimResponse } from '../types.ts';
import type { SideEffect, SpotInstrument, SpotOrder } from '../spot.ts';
import { DAILY_INTEREST_RATE } from '../marginDebts.ts';
import { bitgetFailure, bitgetOk, bitgetOrderRef, bitgetRejected, type BitgetCall } from './bitgetEnvelope.ts';
import { SPOT_REFUSALS, pairNamed, placed, priceText, spotRequestOf, unknownPair } from './bitgetSpot.ts';
import { decimalString } from './wireDecimal.ts';

const VENUE = 'bitget';
const LOAN_TYPES: Readonly<Record<string, SideEffect>> = {
  normal: 'NO_SIDE_EFFECT', autoLoan: 'MARGIN_BUY', autoRepay: 'AUTO_REPAY', autoLoanAndRepay: 'AUTO_BORROW_REPAY',
};
const LOAN_TYPE_OF = Object.fromEntries(Object.entries(LOAN_TYPES).map(([name, effect]) => [effect, name])) as Record<SideEffect, string>;
const STATUS: Record<SpotOrder['status'], string> = { new: 'live', 'partially-filled': 'partially_fill', filled: 'filled', cancelled: 'cancelled', rejected: 'reject' };

const missing = (call: BitgetCall, name: string) => bitgetFailure(call.now, '40019', `Parameter ${name} cannot be empty`);

/**
 * POST /api/v2/margin/crossed/place-order: coins in `baseSize`, a market buy's USDT in
 * `quoteSize`. An account that does not lend places an `autoLoan` order as a normal one, which
 * a sell of coins it lacks cannot be.
 */
function placeOrder(call: BitgetCall): SimResponse {
  const { params } = call;
  const effect = LOAN_TYPES[params.loanType ?? ''];
  if (effect === undefined) return bitgetFailure(call.now, '40808', `Parameter verification exception loanType ${params.loanType ?? '(missing)'}`);
  const marketBuy = params.orderType === 'market' && params.side === 'buy';
  const lends = call.context.spot.lends(VENUE, call.apiKey);
  const borrowing = effect === 'MARGIN_BUY' || effect === 'AUTO_BORROW_REPAY';
  const applied: SideEffect = borrowing && !lends ? (effect === 'MARGIN_BUY' ? 'NO_SIDE_EFFECT' : 'AUTO_REPAY') : effect;
  return placed(call, spotRequestOf(call, marketBuy ? params.quoteSize : params.baseSize), applied);
}

/** POST /api/v2/margin/crossed/cancel-order. */
function cancelOrder(call: BitgetCall): SimResponse {
  try {
    const order = call.context.spot.cancelOrder(VENUE, call.apiKey, bitgetOrderRef(call.params), 'margin');
    return bitgetOk(call.now, { orderId: order.orderId, clientOid: order.clientOrderId });
  } catch (error) {
    return bitgetRejected(call.now, error, SPOT_REFUSALS);
  }
}

/** A margin order row: `baseSize` the coins asked, `size` those filled, `amount` their USDT, `priceAvg` their average. */
function orderRow(pair: SpotInstrument, order: SpotOrder): Record<string, unknown> {
  const price = order.price === null ? '0' : priceText(pair, order.price);
  return {
    orderId: order.orderId, symbol: order.instrumentId, orderType: order.type, enterPointSource: 'API', clientOid: order.clientOrderId,
    loanType: LOAN_TYPE_OF[order.sideEffect ?? 'NO_SIDE_EFFECT'], price, side: order.side, status: STATUS[order.status],
    baseSize: decimalString(order.quantity), quoteSize: decimalString(order.quoteAmount ?? order.quantity * (order.price ?? order.averagePrice ?? 0)),
    priceAvg: order.averagePrice === null ? '0' : decimalString(order.averagePrice), size: decimalString(order.filled), amount: decimalString(order.cost),
    force: order.timeInForce ?? 'gtc', cTime: String(order.createdAt), uTime: String(order.updatedAt),
  };
}

/**
 * The pair's margin orders a list call asks for (`symbol` and `startTime` required, as on
 * Bitget), with `orderId`/`clientOid` narrowing it. `startTime` bounds nothing here: ccxt sets
 * it from the client's clock (90 days back), which is not the simulator's.
 */
function listed(call: BitgetCall, wanted: (order: SpotOrder) => boolean): { pair: SpotInstrument; orders: SpotOrder[] } | SimResponse {
  const { params } = call;
  if (params.symbol === undefined) return missing(call, 'symbol');
  if (params.startTime === undefined) return missing(call, 'startTime');
  const pair = pairNamed(call.context, params.symbol);
  if (pair === undefined) return unknownPair(call.now);
  const orders = call.context.spot.ordersOf(VENUE, call.apiKey, pair.id, 'margin').filter((o) => wanted(o)
    && (params.orderId === undefined || o.orderId === params.orderId) && (params.clientOid === undefined || o.clientOrderId === params.clientOid));
  return { pair, orders: orders.reverse() };
}

const isOpen = (order: SpotOrder) => order.status === 'new' || order.status === 'partially-filled';

/** GET /api/v2/margin/crossed/open-orders and history-orders: `orderList`, newest first, with its id bounds. */
function orderList(open: boolean) {
  return (call: BitgetCall): SimResponse => {
    const found = listed(call, (order) => isOpen(order) === open);
    if (!('pair' in found)) return found;
    const { pair, orders } = found;
    return bitgetOk(call.now, { orderList: orders.map((o) => orderRow(pair, o)), maxId: orders[0]?.orderId ?? '', minId: orders.at(-1)?.orderId ?? '' });
  };
}

/** GET /api/v2/margin/crossed/fills: each level an order took, its fee negative in the coin charged (a buy's in the coin). */
function fills(call: BitgetCall): SimResponse {
  const found = listed(call, () => true);
  if (!('pair' in found)) return found;
  const rows = found.orders.flatMap((order) => order.fills.map((fill) => ({
    orderId: order.orderId, tradeId: String(fill.tradeId), orderType: order.type, side: order.side, priceAvg: priceText(found.pair, fill.price),
    size: decimalString(fill.quantity), amount: decimalString(fill.price * fill.quantity), tradeScope: 'taker', cTime: String(order.updatedAt), uTime: String(order.updatedAt),
    feeDetail: { deduction: 'no', feeCoin: order.feeCurrency, totalDeductionFee: '0', totalFee: decimalString(-fill.fee) },
  })));
  return bitgetOk(call.now, { fills: rows, maxId: rows[0]?.tradeId ?? '', minId: rows.at(-1)?.tradeId ?? '' });
}

/** GET /api/v2/margin/crossed/account/assets: each coin held or owed; `net` = available + frozen − borrow − interest. */
function assets(call: BitgetCall): SimResponse {
  const { coins } = call.context.spot.marginAccount(VENUE, call.apiKey);
  const wanted = call.params.coin;
  const rows = coins.filter((row) => (wanted === undefined ? row.free > 0 || row.borrowed > 0 || row.interest > 0 || row.coin === 'USDT' : row.coin === wanted));
  return bitgetOk(call.now, rows.map((row) => ({
    coin: row.coin, totalAmount: decimalString(row.free + row.locked), available: decimalString(row.free), frozen: decimalString(row.locked),
    borrow: decimalString(row.borrowed), interest: decimalString(row.interest), net: decimalString(row.free + row.locked - row.borrowed - row.interest),
    coupon: '0', cTime: String(call.now), uTime: String(call.now),
  })));
}

/** GET /api/v2/margin/crossed/interest-rate-and-limit?coin=: the coin's daily and yearly rate (one rate for every coin), its limit. */
function interestRate(call: BitgetCall): SimResponse {
  const { coin } = call.params;
  if (coin === undefined) return missing(call, 'coin');
  if (call.context.spot.pairOf(VENUE, coin) === undefined && coin !== 'USDT') return bitgetFailure(call.now, '50001', 'coin does not support cross');
  const daily = decimalString(DAILY_INTEREST_RATE);
  const yearly = decimalString(DAILY_INTEREST_RATE * 365);
  const limit = '1000000';
  return bitgetOk(call.now, [{
    transferable: true, leverage: '3', coin, borrowable: true, dailyInterestRate: daily, annualInterestRate: yearly, maxBorrowableAmount: limit,
    vipList: [{ level: '0', limit, dailyInterestRate: daily, annualInterestRate: yearly, discountRate: '1' }],
  }]);
}

/** GET /api/v2/margin/crossed/account/max-borrowable-amount?coin=: what the account may borrow now. */
function maxBorrowable(call: BitgetCall): SimResponse {
  const { coin } = call.params;
  if (coin === undefined) return missing(call, 'coin');
  return bitgetOk(call.now, { coin, maxBorrowableAmount: decimalString(call.context.spot.maxBorrowable(VENUE, call.apiKey, coin)) });
}

export const MARGIN_PRIVATE_ROUTES: Readonly<Record<string, (call: BitgetCall) => SimResponse>> = {
  'POST /api/v2/margin/crossed/place-order': placeOrder,
  'POST /api/v2/margin/crossed/cancel-order': cancelOrder,
  'GET /api/v2/margin/crossed/open-orders': orderList(true),
  'GET /api/v2/margin/crossed/history-orders': orderList(false),
  'GET /api/v2/margin/crossed/fills': fills,
  'GET /api/v2/margin/crossed/account/assets': assets,
  'GET /api/v2/margin/crossed/interest-rate-and-limit': interestRate,
  'GET /api/v2/margin/crossed/account/max-borrowable-amount': maxBorrowable,
};
