/**
 * Binance cross margin (`/sapi/v1/margin/…`) as ccxt `binance` calls it for a spot symbol with
 * `marginMode: 'cross'` (docs/venues.md, "Binance cross margin"): orders on the margin account
 * with their `sideEffectType` (MARGIN_BUY borrows what a sell lacks, AUTO_REPAY repays the debt
 * with what a buy receives), the order query, open orders and cancel, the account with each
 * coin's debt and interest, and the daily interest rate of a coin. Isolated margin is not
 * simulated and says so. Shapes follow Binance's documented answers
 * (test/fixtures/venues/binance-margin).
 */
import type { SimContext, SimResponse, VenueWire } from '../types.ts';
import type { SideEffect, SpotOrder } from '../spot.ts';
import { DAILY_INTEREST_RATE } from '../marginDebts.ts';
import { binanceSpotWire, createAnswer, instrumentOf, orderJson, qty, readOrderForm, rejection } from './binanceSpot.ts';
import { authenticateBinance } from './binance.ts';
import { error, handleBinanceShaped, isResponse, missing, ok, orderRef, type Handler, type Params } from './binanceShaped.ts';

const VENUE = 'binanceusdm' as const;
const SIDE_EFFECTS: readonly SideEffect[] = ['NO_SIDE_EFFECT', 'MARGIN_BUY', 'AUTO_REPAY', 'AUTO_BORROW_REPAY'];
/** Fields of a spot order row that Binance's margin rows do not carry. */
const SPOT_ONLY = ['orderListId', 'origQuoteOrderQty', 'workingTime'];

const omit = (row: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key)));

function crossOnly(params: Params): SimResponse | null {
  return params.get('isIsolated')?.toUpperCase() === 'TRUE' ? error(400, -3052, 'Isolated margin is not available on this account.') : null;
}

/** The order as GET /sapi/v1/margin/order states it. */
function marginOrderJson(order: SpotOrder, context: SimContext): Record<string, unknown> {
  return omit(orderJson(order, context), SPOT_ONLY);
}

/** The create answer: the spot one without its spot-only fields, and what the order borrowed (FULL and RESULT state it only when it borrowed). */
function marginCreateAnswer(order: SpotOrder, respType: string, context: SimContext): Record<string, unknown> {
  const answer = omit(createAnswer(order, respType, context), SPOT_ONLY);
  if (respType === 'ACK' || order.borrowed === undefined) return answer;
  const { fills, ...rest } = answer;
  return { ...rest, marginBuyBorrowAmount: order.borrowed.amount, marginBuyBorrowAsset: order.borrowed.coin, ...(fills === undefined ? {} : { fills }) };
}

function placeOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
  const refused = crossOnly(params);
  if (refused) return refused;
  const form = readOrderForm(params, context);
  if (isResponse(form)) return form;
  const sideEffect = (params.get('sideEffectType') ?? 'NO_SIDE_EFFECT') as SideEffect;
  if (!SIDE_EFFECTS.includes(sideEffect)) return error(400, -1100, "Illegal characters found in parameter 'sideEffectType'.");
  return ok(marginCreateAnswer(context.spot.placeOrder(VENUE, apiKey, form.request, sideEffect), form.respType, context));
}

function queryOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
  const instrument = instrumentOf(params, context);
  if (isResponse(instrument)) return instrument;
  const order = context.spot.order(VENUE, apiKey, orderRef(params), 'margin');
  return order && order.instrumentId === instrument.id ? ok(marginOrderJson(order, context)) : error(400, -2013, 'Order does not exist.');
}

function cancelOrder(params: Params, context: SimContext, apiKey: string): SimResponse {
  const instrument = instrumentOf(params, context);
  if (isResponse(instrument)) return instrument;
  const existing = context.spot.order(VENUE, apiKey, orderRef(params), 'margin');
  if (!existing || existing.instrumentId !== instrument.id) return error(400, -2011, 'Unknown order sent.');
  const cancelled = context.spot.cancelOrder(VENUE, apiKey, orderRef(params), 'margin');
  return ok({ ...marginOrderJson(cancelled, context), origClientOrderId: cancelled.clientOrderId });
}

function openOrders(params: Params, context: SimContext, apiKey: string): SimResponse {
  const symbol = params.get('symbol') ?? undefined;
  if (symbol && !context.spot.instrument(VENUE, symbol)) return error(400, -1121, 'Invalid symbol.');
  return ok(context.spot.openOrders(VENUE, apiKey, symbol, 'margin').map((order) => marginOrderJson(order, context)));
}

/** GET /sapi/v1/margin/account: each coin's free, locked, borrowed, interest and net; totals in BTC; the margin level (999 without debt). */
function account(_params: Params, context: SimContext, apiKey: string): SimResponse {
  const { coins, assetsUsdt, liabilitiesUsdt } = context.spot.marginAccount(VENUE, apiKey);
  const btc = context.spot.pairOf(VENUE, 'BTC');
  const inBtc = (usdt: number) => qty(btc ? usdt / context.spot.price(btc) : 0);
  return ok({
    borrowEnabled: true, marginLevel: qty(liabilitiesUsdt > 0 ? Math.min(999, assetsUsdt / liabilitiesUsdt) : 999),
    totalAssetOfBtc: inBtc(assetsUsdt), totalLiabilityOfBtc: inBtc(liabilitiesUsdt), totalNetAssetOfBtc: inBtc(assetsUsdt - liabilitiesUsdt),
    tradeEnabled: true, transferEnabled: true,
    userAssets: coins.map((c) => ({
      asset: c.coin, borrowed: qty(c.borrowed), free: qty(c.free), interest: qty(c.interest), locked: qty(c.locked), netAsset: qty(c.free + c.locked - c.borrowed - c.interest),
    })),
  });
}

/** GET /sapi/v1/margin/interestRateHistory: the coin's daily rate, newest first (one row: the simulator's rate does not change). */
function interestRateHistory(params: Params, context: SimContext): SimResponse {
  const asset = params.get('asset');
  if (!asset) return missing('asset');
  const day = Math.floor(context.market.now() / 86_400_000) * 86_400_000;
  return ok([{ asset, timestamp: day, dailyInterestRate: DAILY_INTEREST_RATE.toFixed(8), vipLevel: 0 }]);
}

const PRIVATE: Record<string, Handler> = {
  'POST /sapi/v1/margin/order': placeOrder,
  'GET /sapi/v1/margin/order': queryOrder,
  'DELETE /sapi/v1/margin/order': cancelOrder,
  'GET /sapi/v1/margin/openOrders': openOrders,
  'GET /sapi/v1/margin/account': account,
  'GET /sapi/v1/margin/interestRateHistory': interestRateHistory,
};

export const binanceMarginWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: ['/sapi/v1/margin/'],
  handle(request, context) {
    return handleBinanceShaped(request, context, { public: {}, private: PRIVATE }, rejection, VENUE, authenticateBinance);
  },
  // A 400 here (a fault) is Binance's answer to a key whose account has no cross margin.
  errorBody: (status) => (status === 400 ? { code: -3003, msg: 'Margin account does not exist.' } : binanceSpotWire.errorBody(status)),
};
