/**
 * OKX v5 spot (`instType: SPOT`, pairs such as `BTC-USDT`) on the unified trading account, as
 * ccxt `okx` loading spot markets calls it: the spot instruments, tickers and books, and spot
 * orders in the trading mode `cash` through the same order endpoints as swaps. A market buy
 * counts its `sz` in USDT unless `tgtCcy` is `base_ccy` (OKX's default is `quote_ccy`; ccxt
 * sends `base_ccy`). Spot coins are listed in the account balance (`spotBalanceRows`), whose
 * USDT pays for them. Shapes follow ccxt's recorded real spot answers
 * (test/fixtures/venues/okx-spot).
 */
import { SimRejection, type SimBalance, type SimContext, type SimResponse } from '../types.ts';
import type { SideEffect, SpotInstrument, SpotOrder } from '../spot.ts';
import { OKX_ERRORS, okxError, okxNumber, okxOk, okxString, type OkxParams } from './okxEnvelope.ts';
import { balanceDetailJson } from './okxShapes.ts';
import { decimalString, fixedString } from './wireDecimal.ts';

const VENUE = 'okx';

const priceText = (instrument: SpotInstrument, value: number) => fixedString(value, instrument.pricePrecision);

/** The spot pair a request names by `instId`, if it names one. */
export function spotPairOf(context: SimContext, params: OkxParams): SpotInstrument | undefined {
  const instId = okxString(params, 'instId');
  return instId === undefined ? undefined : context.spot.instrument(VENUE, instId);
}

/** A request for spot: `instType=SPOT`, or an `instId` naming a spot pair. */
export function isSpotRequest(context: SimContext, params: OkxParams): boolean {
  return okxString(params, 'instType') === 'SPOT' || spotPairOf(context, params) !== undefined;
}

function requiredPair(context: SimContext, params: OkxParams): SpotInstrument | SimResponse {
  const instId = okxString(params, 'instId');
  if (instId === undefined) return okxError(OKX_ERRORS.parameterError, 'Parameter instId can not be empty');
  return context.spot.instrument(VENUE, instId) ?? okxError(OKX_ERRORS.instrumentMissing, `Instrument ID does not exist: ${instId}`);
}

const isResponse = (value: unknown): value is SimResponse => typeof value === 'object' && value !== null && 'status' in value;

function instrumentJson(instrument: SpotInstrument, index: number): Record<string, unknown> {
  const max = (count: number) => decimalString(instrument.stepSize * count);
  return {
    instType: 'SPOT', instId: instrument.id, instIdCode: 10_000 + index, uly: '', instFamily: '', category: '1',
    baseCcy: instrument.base, quoteCcy: instrument.quote, settleCcy: '', ctVal: '', ctMult: '', ctValCcy: '', optType: '', stk: '',
    listTime: '1548133413000', contTdSwTime: '', expTime: '', lever: '10', tickSz: decimalString(instrument.tickSize),
    lotSz: decimalString(instrument.stepSize), minSz: decimalString(instrument.minQty), ctType: '', alias: '', state: 'live', ruleType: 'normal',
    openType: '', maxLmtSz: max(1e12), maxMktSz: '1000000', maxLmtAmt: '20000000', maxMktAmt: '1000000', maxTwapSz: max(1e12),
    maxIcebergSz: max(1e12), maxTriggerSz: max(1e12), maxStopSz: '1000000', futureSettlement: false, upcChg: [],
  };
}

/** GET /api/v5/public/instruments?instType=SPOT. */
export function instruments(params: OkxParams, context: SimContext): SimResponse {
  const instId = okxString(params, 'instId');
  return okxOk(context.spot.instruments(VENUE).map(instrumentJson).filter((row) => instId === undefined || row.instId === instId));
}

function tickerJson(instrument: SpotInstrument, context: SimContext): Record<string, unknown> {
  const last = context.spot.price(instrument);
  const top = context.spot.book(instrument, 1);
  const p = (value: number) => priceText(instrument, value);
  return {
    instType: 'SPOT', instId: instrument.id, last: p(last), lastSz: decimalString(instrument.stepSize),
    askPx: p(top.asks[0][0]), askSz: decimalString(top.asks[0][1]), bidPx: p(top.bids[0][0]), bidSz: decimalString(top.bids[0][1]),
    open24h: p(last), high24h: p(last), low24h: p(last), volCcy24h: '0', vol24h: '0', ts: String(top.time), sodUtc0: p(last), sodUtc8: p(last),
  };
}

/** GET /api/v5/market/tickers?instType=SPOT. */
export function tickers(_params: OkxParams, context: SimContext): SimResponse {
  return okxOk(context.spot.instruments(VENUE).map((instrument) => tickerJson(instrument, context)));
}

/** GET /api/v5/market/ticker?instId=BTC-USDT. */
export function ticker(params: OkxParams, context: SimContext): SimResponse {
  const found = requiredPair(context, params);
  return isResponse(found) ? found : okxOk([tickerJson(found, context)]);
}

function bookOf(params: OkxParams, context: SimContext, maxDepth: number, level: (price: string, size: string) => string[]): SimResponse {
  const found = requiredPair(context, params);
  if (isResponse(found)) return found;
  const book = context.spot.book(found, Math.max(1, Math.min(maxDepth, Math.floor(okxNumber(params, 'sz') ?? 1))));
  const row = ([price, size]: [number, number]) => level(priceText(found, price), decimalString(size));
  return okxOk([{ asks: book.asks.map(row), bids: book.bids.map(row), ts: String(book.time) }]);
}

/** GET /api/v5/market/books: levels as [price, coins, "0", orders], sz ≤ 400 (default 1). */
export function books(params: OkxParams, context: SimContext): SimResponse {
  return bookOf(params, context, 400, (price, size) => [price, size, '0', '1']);
}

/** GET /api/v5/market/books-full: levels as [price, coins, orders], sz ≤ 5000; ccxt asks here for more than 400 levels. */
export function booksFull(params: OkxParams, context: SimContext): SimResponse {
  return bookOf(params, context, 5000, (price, size) => [price, size, '1']);
}

const ORDER_STATE: Record<SpotOrder['status'], string> = { new: 'live', 'partially-filled': 'partially_filled', filled: 'filled', cancelled: 'canceled', rejected: 'canceled' };

/** The coins a market buy's `sz` asks for: USDT to spend unless `tgtCcy` is `base_ccy`, as on OKX. */
function coinsAsked(item: OkxParams, instrument: SpotInstrument, context: SimContext, size: number): { quantity: number; quoteAmount?: number } {
  if (okxString(item, 'ordType') !== 'market' || okxString(item, 'side') !== 'buy' || (okxString(item, 'tgtCcy') ?? 'quote_ccy') === 'base_ccy') return { quantity: size };
  return { quantity: context.spot.coinsFor(instrument, size), quoteAmount: size };
}

/**
 * The side effect of a spot order's trading mode (docs/venues.md, "OKX spot margin"): `cash`
 * trades the coins held; `cross`, on an account that lends (multi-currency margin with
 * auto-borrow), borrows what a sell lacks, and a buy repays the coin's debt (one balance per
 * coin: whatever it receives pays the debt, interest first). An account that does not lend
 * refuses `cross` on a spot pair (where a Spot-and-futures account would open a margin
 * position, which the simulator does not keep).
 */
function sideEffectOf(context: SimContext, apiKey: string, item: OkxParams, instrument: SpotInstrument): SideEffect | undefined {
  const mode = okxString(item, 'tdMode');
  if (mode === 'cash') return undefined;
  if (mode !== 'cross' || !context.spot.lends(VENUE, apiKey)) {
    throw new SimRejection('margin-mode', `tdMode ${mode ?? '(missing)'} on spot ${instrument.id}: this account trades spot in cash${context.spot.lends(VENUE, apiKey) ? ' or cross' : ' only (no auto-borrow)'}`);
  }
  return okxString(item, 'side') === 'sell' ? 'MARGIN_BUY' : 'AUTO_REPAY';
}

/** One item of POST /api/v5/trade/order or batch-orders on a spot pair, in trading mode `cash` or `cross`. */
export function placeSpot(context: SimContext, apiKey: string, item: OkxParams, instrument: SpotInstrument): SpotOrder {
  const sideEffect = sideEffectOf(context, apiKey, item, instrument);
  const side = okxString(item, 'side');
  const ordType = okxString(item, 'ordType');
  const size = okxNumber(item, 'sz');
  if ((ordType !== 'market' && ordType !== 'limit') || (side !== 'buy' && side !== 'sell') || size === undefined) {
    throw new SimRejection('invalid-quantity', `ordType ${ordType}, side ${side}, sz ${okxString(item, 'sz')} on ${instrument.id}`);
  }
  return context.spot.placeOrder(VENUE, apiKey, {
    instrumentId: instrument.id, side, type: ordType, ...coinsAsked(item, instrument, context, size),
    price: ordType === 'limit' ? okxNumber(item, 'px') : undefined, clientOrderId: okxString(item, 'clOrdId'),
  }, sideEffect);
}

export function cancelSpot(context: SimContext, apiKey: string, item: OkxParams): SpotOrder {
  return context.spot.cancelOrder(VENUE, apiKey, { orderId: okxString(item, 'ordId'), clientOrderId: okxString(item, 'clOrdId') });
}

/** A spot order as GET /api/v5/trade/order states it (the fields of OKX's recorded spot order). */
export function spotOrderJson(order: SpotOrder, context: SimContext): Record<string, unknown> {
  const instrument = context.spot.instrument(VENUE, order.instrumentId)!;
  const last = order.fills.at(-1);
  const p = (value: number | null | undefined) => (value === null || value === undefined ? '' : priceText(instrument, value));
  const tgtCcy = order.type !== 'market' ? '' : order.quoteAmount !== undefined ? 'quote_ccy' : 'base_ccy';
  return {
    accFillSz: decimalString(order.filled), algoClOrdId: '', algoId: '', attachAlgoClOrdId: '', attachAlgoOrds: [], avgPx: p(order.averagePrice),
    cTime: String(order.createdAt), cancelSource: '', cancelSourceReason: '', category: 'normal', ccy: '', clOrdId: order.clientOrderId,
    fee: decimalString(-order.fee), feeCcy: order.feeCurrency, fillPx: p(last?.price), fillSz: last ? decimalString(last.quantity) : '',
    fillTime: last ? String(order.updatedAt) : '', instId: order.instrumentId, instType: 'SPOT', isTpLimit: 'false', lever: '',
    linkedAlgoOrd: { algoId: '' }, ordId: order.orderId, ordType: order.type, pnl: '0', posSide: 'net', px: p(order.price),
    pxType: '', pxUsd: '', pxVol: '', quickMgnType: '', rebate: '0', rebateCcy: instrument.quote, reduceOnly: 'false', side: order.side,
    slOrdPx: '', slTriggerPx: '', slTriggerPxType: '', source: '', state: ORDER_STATE[order.status], stpId: '', stpMode: 'cancel_maker',
    sz: decimalString(order.quoteAmount ?? order.quantity), tag: '', tdMode: order.sideEffect === undefined ? 'cash' : 'cross', tgtCcy, tpOrdPx: '', tpTriggerPx: '', tpTriggerPxType: '',
    tradeId: last ? String(last.tradeId) : '', uTime: String(order.updatedAt),
  };
}

/** The spot order asked by ordId or clOrdId, or a rejection naming it. */
export function spotOrder(context: SimContext, apiKey: string, params: OkxParams): SpotOrder {
  const order = context.spot.order(VENUE, apiKey, { orderId: okxString(params, 'ordId'), clientOrderId: okxString(params, 'clOrdId') });
  if (order === undefined) throw new SimRejection('unknown-order', `no order ${okxString(params, 'ordId') ?? okxString(params, 'clOrdId')}`);
  return order;
}

export function openSpotOrders(context: SimContext, apiKey: string): SpotOrder[] {
  return context.spot.openOrders(VENUE, apiKey);
}

/**
 * The spot coins of the trading account, as balance details list every currency held or owed.
 * A coin sold on a borrow is one balance below zero (multi-currency margin): `cashBal` the coins
 * held less those borrowed, `eq` that less the accrued `interest`, and `liab` (all of it cross,
 * `crossLiab`) what `eq` is below zero.
 */
export function spotBalanceRows(context: SimContext, apiKey: string): Array<Record<string, unknown>> {
  const now = context.market.now();
  return context.spot.marginAccount(VENUE, apiKey).coins.filter((row) => row.coin !== 'USDT' && (row.free > 0 || row.borrowed > 0 || row.interest > 0)).map((row) => {
    const cash = row.free + row.locked - row.borrowed;
    const balance: SimBalance = { currency: row.coin, total: cash, free: Math.max(0, cash), used: row.locked };
    const equity = cash - row.interest;
    const pair = context.spot.pairOf(VENUE, row.coin);
    const liability = decimalString(Math.max(0, -equity));
    return {
      ...balanceDetailJson(balance, 0, now), eq: decimalString(equity), disEq: decimalString(equity), eqUsd: decimalString(pair ? equity * context.spot.price(pair) : 0),
      interest: decimalString(row.interest), liab: liability, crossLiab: liability,
    };
  });
}
