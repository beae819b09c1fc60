/**
 * OKX v5 (perpetual swaps, and spot pairs in okxSpot.ts) on the simulator's loopback server:
 * public market data and the signed trading-account endpoints ccxt's `okx` calls, answered in
 * OKX's own envelope.
 */
import type { SimContext, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { authenticateOkx } from './okxAuth.ts';
import { OKX_ERRORS, okxError, okxParams } from './okxEnvelope.ts';
import type { OkxParams } from './okxEnvelope.ts';
import * as privateApi from './okxPrivate.ts';
import type { OkxPrivateHandler } from './okxPrivate.ts';
import * as publicApi from './okxPublic.ts';
import * as spotApi from './okxSpot.ts';

type PublicHandler = (params: OkxParams, context: SimContext) => SimResponse;

const PUBLIC_ROUTES: Record<string, PublicHandler> = {
  'GET /api/v5/public/time': publicApi.serverTime,
  'GET /api/v5/public/instruments': publicApi.instruments,
  'GET /api/v5/public/funding-rate': publicApi.fundingRate,
  'GET /api/v5/public/funding-rate-history': publicApi.fundingRateHistory,
  'GET /api/v5/public/mark-price': publicApi.markPrice,
  'GET /api/v5/public/open-interest': publicApi.openInterest,
  'GET /api/v5/public/position-tiers': publicApi.positionTiers,
  'GET /api/v5/market/tickers': publicApi.marketTickers,
  'GET /api/v5/market/ticker': publicApi.marketTicker,
  'GET /api/v5/market/books': publicApi.books,
  'GET /api/v5/market/books-full': publicApi.booksFull,
  'GET /api/v5/market/candles': publicApi.candles,
  'GET /api/v5/market/history-candles': publicApi.candles,
};

/** Public routes whose spot requests (`instType=SPOT` or a spot `instId`) the spot pairs answer. */
const SPOT_PUBLIC: Record<string, PublicHandler> = {
  'GET /api/v5/public/instruments': spotApi.instruments,
  'GET /api/v5/market/tickers': spotApi.tickers,
  'GET /api/v5/market/ticker': spotApi.ticker,
  'GET /api/v5/market/books': spotApi.books,
  'GET /api/v5/market/books-full': spotApi.booksFull,
};

const PRIVATE_ROUTES: Record<string, OkxPrivateHandler> = {
  'GET /api/v5/account/balance': privateApi.balance,
  'GET /api/v5/account/config': privateApi.accountConfig,
  'GET /api/v5/account/interest-rate': privateApi.interestRate,
  'GET /api/v5/account/positions': privateApi.positions,
  'GET /api/v5/account/trade-fee': privateApi.tradeFee,
  'POST /api/v5/account/set-leverage': privateApi.setLeverage,
  'GET /api/v5/account/bills': privateApi.bills,
  'GET /api/v5/account/bills-archive': privateApi.bills,
  'POST /api/v5/trade/order': privateApi.placeOrder,
  'POST /api/v5/trade/batch-orders': privateApi.batchOrders,
  'POST /api/v5/trade/cancel-order': privateApi.cancelOrder,
  'POST /api/v5/trade/cancel-batch-orders': privateApi.cancelBatch,
  'GET /api/v5/trade/order': privateApi.orderDetails,
  'GET /api/v5/trade/orders-pending': privateApi.ordersPending,
  'GET /api/v5/trade/orders-history': privateApi.ordersHistory,
  'GET /api/v5/trade/orders-history-archive': privateApi.ordersHistory,
  'GET /api/v5/trade/fills': privateApi.fills,
  'GET /api/v5/trade/fills-history': privateApi.fills,
};

function handle(request: SimRequest, context: SimContext): SimResponse | undefined {
  const route = `${request.method} ${request.path}`;
  const publicHandler = PUBLIC_ROUTES[route];
  const privateHandler = PRIVATE_ROUTES[route];
  if (publicHandler === undefined && privateHandler === undefined) return undefined;
  let params: OkxParams | OkxParams[];
  try {
    params = okxParams(request.method, request.query, request.body);
  } catch (error) {
    return okxError(OKX_ERRORS.parameterError, `Request body is not JSON: ${(error as Error).message}`, 400);
  }
  if (publicHandler !== undefined) {
    const query = Array.isArray(params) ? {} : params;
    const spotHandler = SPOT_PUBLIC[route];
    return (spotHandler !== undefined && spotApi.isSpotRequest(context, query) ? spotHandler : publicHandler)(query, context);
  }
  const auth = authenticateOkx(request, context, Date.now());
  if ('refused' in auth) return auth.refused;
  return privateHandler(params, context, auth.apiKey);
}

/** OKX's bodies for injected HTTP errors: 50011 for rate limits (ccxt: RateLimitExceeded), 50013 "system busy" for 5xx. */
function errorBody(status: number): unknown {
  if (status === 429 || status === 418) return { code: OKX_ERRORS.rateLimit, msg: 'Too Many Requests', data: [] };
  return { code: OKX_ERRORS.systemBusy, msg: 'System is busy, please try again later', data: [] };
}

export const okxWire: VenueWire = {
  venue: 'okx',
  pathPrefixes: ['/api/v5/'],
  handle,
  errorBody,
};
