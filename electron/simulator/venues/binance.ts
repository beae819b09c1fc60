/**
 * Binance USDⓈ-M futures (`/fapi/…`) as ccxt `binanceusdm` calls it: the public market
 * endpoints, and the signed account and order endpoints (HMAC-SHA256 of the query or form body
 * with the secret, key in `X-MBX-APIKEY`, `timestamp` within `recvWindow`). The handlers are
 * Binance's shapes (binanceShaped.ts); this file owns Binance's paths and signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { ERRORS, binanceShapedHandlers, fail, handleBinanceShaped, missing, ok } from './binanceShaped.ts';
import type { Handler, Params } from './binanceShaped.ts';

const VENUE = 'binanceusdm' as const;
const api = binanceShapedHandlers(VENUE);

const PUBLIC: Record<string, Handler> = {
  'GET /fapi/v1/ping': () => ok({}),
  'GET /fapi/v1/time': (_p, context) => ok({ serverTime: context.market.now() }),
  'GET /fapi/v1/exchangeInfo': api.exchangeInfo,
  'GET /fapi/v1/premiumIndex': api.premiumIndex,
  'GET /fapi/v1/fundingInfo': api.fundingInfo,
  'GET /fapi/v1/fundingRate': api.fundingRateHistory,
  'GET /fapi/v1/ticker/24hr': api.ticker24hr,
  'GET /fapi/v1/ticker/bookTicker': api.bookTicker,
  'GET /fapi/v1/depth': api.depth,
  'GET /fapi/v1/klines': api.klines,
  'GET /fapi/v1/openInterest': api.openInterest,
};

const PRIVATE: Record<string, Handler> = {
  'GET /fapi/v2/account': api.account,
  'GET /fapi/v3/account': api.account,
  'GET /fapi/v2/balance': api.balance,
  'GET /fapi/v1/positionSide/dual': api.positionSideDual,
  'GET /fapi/v1/commissionRate': api.commissionRate,
  'GET /fapi/v2/positionRisk': api.positionRisk,
  'GET /fapi/v3/positionRisk': api.positionRisk,
  'GET /fapi/v1/leverageBracket': api.leverageBracket,
  'POST /fapi/v1/leverage': api.setLeverage,
  'POST /fapi/v1/marginType': api.setMarginType,
  'POST /fapi/v1/order': api.placeOrder,
  'GET /fapi/v1/order': api.queryOrder,
  'DELETE /fapi/v1/order': api.cancelOrder,
  'DELETE /fapi/v1/allOpenOrders': api.cancelAll,
  'GET /fapi/v1/openOrders': api.openOrders,
  'GET /fapi/v1/allOrders': api.allOrders,
  'GET /fapi/v1/userTrades': api.userTrades,
  'GET /fapi/v1/income': api.income,
};


/**
 * Checks the key header, the HMAC-SHA256 signature over the exact query (GET/DELETE) or form
 * body (POST) and the recvWindow. The timestamp may be near wall-clock time (ccxt stamps with
 * the local clock, while simulated time may run fast or start elsewhere) or near simulated time
 * (a client that adjusted to `/fapi/v1/time`).
 */
export function authenticateBinance(request: SimRequest, context: SimContext): { apiKey: string; params: Params } | SimResponse {
  const apiKey = request.headers['x-mbx-apikey'];
  if (!apiKey) return fail(ERRORS.badKeyFormat);
  const credential = context.credentials.find(VENUE, apiKey);
  if (!credential) return fail(ERRORS.badKey);
  const payload = request.method === 'POST' || request.method === 'PUT' ? request.body : request.rawQuery ?? request.query.toString();
  const at = payload.lastIndexOf('signature=');
  if (at < 0) return missing('signature');
  const signed = payload.slice(0, Math.max(0, at - 1));
  const given = Buffer.from(payload.slice(at + 'signature='.length).split('&')[0], 'utf8');
  const expected = Buffer.from(createHmac('sha256', credential.secret).update(signed).digest('hex'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail(ERRORS.badSignature);
  const params = new URLSearchParams(payload);
  const timestamp = Number(params.get('timestamp'));
  const recvWindow = Number(params.get('recvWindow') ?? 5000);
  const window = Math.min(recvWindow, 60_000);
  const fresh = [Date.now(), context.market.now()].some((now) => Math.abs(now - timestamp) <= window);
  if (!Number.isFinite(timestamp) || !fresh) return fail(ERRORS.badTimestamp);
  return { apiKey, params };
}
export const binanceWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: ['/fapi/'],
  handle(request, context) {
    return handleBinanceShaped(request, context, { public: PUBLIC, private: PRIVATE }, api.rejection, VENUE, authenticateBinance);
  },

  errorBody(status) {
    if (status === 429) return { code: -1003, msg: 'Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.' };
    if (status === 418) return { code: -1003, msg: 'Way too many requests; IP(127.0.0.1) banned until 1700000000000. Please use the websocket for live updates to avoid bans.' };
    if (status === 404) return '<html><body><h2>404 Not found</h2></body></html>';
    // Binance answers an internal failure with -1001; gateway errors come from its CDN as HTML.
    if (status === 500 || status === 503) return { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' };
    if (status > 500) return `<html><head><title>${status}</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>CloudFront</center></body></html>`;
    return { code: -1000, msg: 'An unknown error occurred while processing the request.' };
  },
};
