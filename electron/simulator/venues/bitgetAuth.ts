/**
 * Bitget v2 request signing as the venue checks it: ACCESS-KEY, ACCESS-PASSPHRASE,
 * ACCESS-TIMESTAMP (ms) and ACCESS-SIGN = base64 HMAC-SHA256(secret,
 * timestamp + METHOD + path[?query] + body). Bitget signs the query as written, not
 * percent-encoded, so the received query is decoded before hashing.
 */
import { createHmac } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse } from '../types.ts';
import { decodedQuery, headerValue, sameText } from './signing.ts';

export type BitgetAuthResult = { apiKey: string } | { refused: SimResponse };

/** Bitget refuses a request whose timestamp is more than 30 s from its clock. */
const MAX_SKEW_MS = 30_000;

function refuse(code: string, msg: string, now: number): BitgetAuthResult {
  return { refused: { status: 400, body: { code, msg, requestTime: now, data: null } } };
}

/** `wallClock` is real time: the skew check guards the client's signature whatever speed the market runs at. */
export function authenticateBitget(request: SimRequest, context: SimContext, wallClock: number): BitgetAuthResult {
  const apiKey = headerValue(request.headers, 'ACCESS-KEY');
  const sign = headerValue(request.headers, 'ACCESS-SIGN');
  const timestamp = headerValue(request.headers, 'ACCESS-TIMESTAMP');
  const passphrase = headerValue(request.headers, 'ACCESS-PASSPHRASE');
  if (apiKey === undefined || apiKey === '') return refuse('40001', 'ACCESS_KEY cannot be empty', wallClock);
  if (sign === undefined || sign === '') return refuse('40003', 'Signature cannot be empty', wallClock);
  const credential = context.credentials.find('bitget', apiKey);
  if (credential === undefined) return refuse('40037', 'Apikey does not exist', wallClock);
  if (passphrase !== credential.password) return refuse('40012', 'apikey/password is incorrect', wallClock);
  const sent = Number(timestamp);
  if (!Number.isFinite(sent)) return refuse('40005', 'Invalid ACCESS_TIMESTAMP', wallClock);
  if (Math.abs(sent - wallClock) > MAX_SKEW_MS) return refuse('40004', 'Request timestamp expired', wallClock);
  const query = decodedQuery(request);
  const prehash = `${timestamp}${request.method}${request.path}${query === '' ? '' : `?${query}`}${request.method === 'POST' ? request.body : ''}`;
  const expected = createHmac('sha256', credential.secret).update(prehash).digest('base64');
  if (!sameText(expected, sign)) return refuse('40009', 'sign signature error', wallClock);
  return { apiKey };
}
