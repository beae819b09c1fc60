/**
 * Gate APIv4 request signing as the venue checks it: headers KEY, Timestamp (seconds) and
 * SIGN = hex HMAC-SHA512(secret, METHOD \n /api/v4/path \n query \n hex(SHA512(body)) \n timestamp).
 * The query is signed as written, not percent-encoded, so the received one is decoded first.
 */
import { createHash, createHmac } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse } from '../types.ts';
import { decodedQuery, headerValue, sameText } from './signing.ts';

export type GateAuthResult = { apiKey: string } | { refused: SimResponse };

/** Gate refuses a request signed more than 60 s away from its clock. */
const MAX_SKEW_S = 60;

function refuse(label: string, message: string): GateAuthResult {
  return { refused: { status: 401, body: { label, message } } };
}

/** `wallClock` is real time (ms): the skew check guards the client's signature whatever speed the market runs at. */
export function authenticateGate(request: SimRequest, context: SimContext, wallClock: number): GateAuthResult {
  const apiKey = headerValue(request.headers, 'KEY');
  const sign = headerValue(request.headers, 'SIGN');
  const timestamp = headerValue(request.headers, 'Timestamp');
  if (apiKey === undefined || sign === undefined || timestamp === undefined) return refuse('MISSING_REQUIRED_HEADER', 'Missing required header: KEY, SIGN or Timestamp');
  const credential = context.credentials.find('gate', apiKey);
  if (credential === undefined) return refuse('INVALID_KEY', 'Invalid key provided');
  if (!(Math.abs(Number(timestamp) - wallClock / 1000) <= MAX_SKEW_S)) return refuse('REQUEST_EXPIRED', 'gap between request Timestamp and server time exceeds 60');
  const bodyHash = createHash('sha512').update(request.body).digest('hex');
  const prehash = [request.method, request.path, decodedQuery(request), bodyHash, timestamp].join('\n');
  const expected = createHmac('sha512', credential.secret).update(prehash).digest('hex');
  if (!sameText(expected, sign)) return refuse('INVALID_SIGNATURE', 'Signature mismatch');
  return { apiKey };
}
