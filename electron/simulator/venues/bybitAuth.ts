/**
 * Bybit v5 request signing as the venue checks it: headers X-BAPI-API-KEY, -TIMESTAMP,
 * -RECV-WINDOW, -SIGN, where SIGN = hex HMAC-SHA256(secret, timestamp + key + recvWindow +
 * (raw query string for GET | body for POST)).
 */
import { createHmac } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse } from '../types.ts';
import { BYBIT_ERRORS, bybitError } from './bybitEnvelope.ts';
import { headerValue, sameText } from './signing.ts';

export type BybitAuthResult = { apiKey: string } | { refused: SimResponse };

/** The query as signed: the raw string when the server kept it, else rebuilt unencoded as ccxt sends it. */
function signedQuery(request: SimRequest): string {
  if (request.rawQuery !== undefined) return request.rawQuery;
  return [...request.query.entries()].map(([key, value]) => `${key}=${value}`).join('&');
}

/**
 * `wallClock` is the real time: the recv window guards against replay of requests signed
 * with the client's clock, whatever speed the simulated market runs at.
 */
export function authenticateBybit(request: SimRequest, context: SimContext, wallClock: number): BybitAuthResult {
  const now = context.market.now();
  const apiKey = headerValue(request.headers, 'X-BAPI-API-KEY');
  const timestamp = headerValue(request.headers, 'X-BAPI-TIMESTAMP');
  const recvWindow = headerValue(request.headers, 'X-BAPI-RECV-WINDOW') ?? '5000';
  const sign = headerValue(request.headers, 'X-BAPI-SIGN');
  const credential = apiKey === undefined ? undefined : context.credentials.find('bybit', apiKey);
  if (apiKey === undefined || credential === undefined) {
    return { refused: bybitError(BYBIT_ERRORS.invalidApiKey, 'API key is invalid.', now, 401) };
  }
  const sent = Number(timestamp);
  const window = Number(recvWindow);
  if (!Number.isFinite(sent) || !Number.isFinite(window) || sent < wallClock - window || sent >= wallClock + 1000) {
    const message = `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${wallClock}],recv_window[${recvWindow}]`;
    return { refused: bybitError(BYBIT_ERRORS.timestampExpired, message, now) };
  }
  const payload = `${timestamp}${apiKey}${recvWindow}${request.method === 'POST' ? request.body : signedQuery(request)}`;
  const expected = createHmac('sha256', credential.secret).update(payload).digest('hex');
  if (sign === undefined || !sameText(expected, sign.toLowerCase())) {
    return { refused: bybitError(BYBIT_ERRORS.invalidSign, `error sign! origin_string[${payload}]`, now, 401) };
  }
  return { apiKey };
}
