/**
 * Bybit v5 (linear perpetuals) on the simulator's loopback server: public market data and the
 * signed unified-account endpoints ccxt's `bybit` calls, answered in Bybit's own envelope.
 */
import type { SimContext, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { authenticateBybit } from './bybitAuth.ts';
import { BYBIT_ERRORS, bybitError, bybitParams } from './bybitEnvelope.ts';
import * as privateApi from './bybitPrivate.ts';
import type { BybitPrivateHandler } from './bybitPrivate.ts';
import * as publicApi from './bybitPublic.ts';
import * as spotApi from './bybitSpot.ts';

type PublicHandler = (params: Record<string, unknown>, context: SimContext) => SimResponse;

const PUBLIC_ROUTES: Record<string, PublicHandler> = {
  'GET /v5/market/time': publicApi.serverTime,
  'GET /v5/market/instruments-info': publicApi.instrumentsInfo,
  'GET /v5/market/tickers': publicApi.tickers,
  'GET /v5/market/funding/history': publicApi.fundingHistory,
  'GET /v5/market/orderbook': publicApi.orderBook,
  'GET /v5/market/kline': publicApi.kline,
  'GET /v5/market/open-interest': publicApi.openInterest,
  'GET /v5/market/risk-limit': publicApi.riskLimit,
  'GET /v5/spot-margin-trade/data': spotApi.marginData,
};

const PRIVATE_ROUTES: Record<string, BybitPrivateHandler> = {
  'GET /v5/account/wallet-balance': privateApi.walletBalance,
  'GET /v5/position/list': privateApi.positionList,
  'POST /v5/position/set-leverage': privateApi.setLeverage,
  'POST /v5/position/switch-isolated': privateApi.switchIsolated,
  'POST /v5/account/set-margin-mode': privateApi.setAccountMarginMode,
  'GET /v5/account/info': privateApi.accountInfo,
  'GET /v5/account/fee-rate': privateApi.feeRate,
  'POST /v5/order/create': privateApi.createOrder,
  'POST /v5/order/cancel': privateApi.cancelOrder,
  'POST /v5/order/cancel-all': privateApi.cancelAll,
  'GET /v5/order/realtime': privateApi.openOrders,
  'GET /v5/order/history': privateApi.orderHistory,
  'GET /v5/execution/list': privateApi.executionList,
  'GET /v5/asset/coin/query-info': privateApi.coinInfo,
  'GET /v5/spot-margin-trade/state': spotApi.spotMarginState,
};

/** The routes whose `category: spot` requests the spot pairs answer (bybitSpot.ts). */
const SPOT_PUBLIC: Record<string, PublicHandler> = {
  'GET /v5/market/instruments-info': spotApi.instrumentsInfo,
  'GET /v5/market/tickers': spotApi.tickers,
  'GET /v5/market/orderbook': spotApi.orderBook,
};

const SPOT_PRIVATE: Record<string, BybitPrivateHandler> = {
  'POST /v5/order/create': spotApi.createOrder,
  'POST /v5/order/cancel': spotApi.cancelOrder,
  'GET /v5/order/realtime': spotApi.openOrders,
};

function handle(request: SimRequest, context: SimContext): SimResponse | undefined {
  const route = `${request.method} ${request.path}`;
  if (PUBLIC_ROUTES[route] === undefined && PRIVATE_ROUTES[route] === undefined) return undefined;
  let params: Record<string, unknown>;
  try {
    params = bybitParams(request.method, request.query, request.body);
  } catch (error) {
    return bybitError(BYBIT_ERRORS.paramsError, `request body is not JSON: ${(error as Error).message}`, context.market.now());
  }
  const spot = params.category === 'spot';
  const publicHandler = (spot ? SPOT_PUBLIC : PUBLIC_ROUTES)[route];
  const privateHandler = (spot ? SPOT_PRIVATE : PRIVATE_ROUTES)[route];
  if (publicHandler === undefined && privateHandler === undefined) return bybitError(BYBIT_ERRORS.paramsError, `Illegal category: ${String(params.category)}`, context.market.now());
  if (publicHandler !== undefined) return publicHandler(params, context);
  const auth = authenticateBybit(request, context, Date.now());
  if ('refused' in auth) return auth.refused;
  return privateHandler(params, context, auth.apiKey);
}

/** Bybit's bodies for injected HTTP errors: JSON for rate limits, the gateway's HTML page for 5xx. */
function errorBody(status: number): unknown {
  if (status === 429 || status === 403 || status === 418) {
    return { retCode: BYBIT_ERRORS.rateLimit, retMsg: 'Too many visits. Exceeded the API Rate Limit.', result: {}, retExtInfo: {}, time: Date.now() };
  }
  return `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>openresty</center></body></html>`;
}

export const bybitWire: VenueWire = {
  venue: 'bybit',
  pathPrefixes: ['/v5/'],
  handle,
  errorBody,
};
