/**
 * Gate APIv4 request signing as the venue checks it: headers KEY, Timestamp (seconds) and
 * SIGN = hex HMAC-SHA512(secret, METHOD \n /api/v4/path \n query \n hex(SHA512(body)) \n timestamp).
 * The query is signed as written, not percent-encoded, so the received one is decoded first.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse } from '../types.ts';

export type GateAuthResult = { apiKey: string } | { refused: SimResponse };

/** Gate refuses a request signed more than 60 s away from its clock. */
const MAX_SKEW_S = 60;

function header(request: SimRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

function signedQuery(request: SimRequest): string {
  const raw = request.rawQuery ?? request.query.toString();
  return raw.split('&').filter((part) => part !== '').map((part) => decodeURIComponent(part.replace(/\+/g, ' '))).join('&');
}

function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(label: string, message: string): GateAuthResult {
  return { refused: { status: 401, body: { label, message } } };
}

/** `wallClock` is real time (ms): the skew check guards the client's signature whatever speed the market runs at. */
export function authenticateGate(request: SimRequest, context: SimContext, wallClock: number): GateAuthResult {
  const apiKey = header(request, 'KEY');
  const sign = header(request, 'SIGN');
  const timestamp = header(request, 'Timestamp');
  if (apiKey === undefined || sign === undefined || timestamp === undefined) return refuse('MISSING_REQUIRED_HEADER', 'Missing required header: KEY, SIGN or Timestamp');
  const credential = context.credentials.find('gate', apiKey);
  if (credential === undefined) return refuse('INVALID_KEY', 'Invalid key provided');
  if (!(Math.abs(Number(timestamp) - wallClock / 1000) <= MAX_SKEW_S)) return refuse('REQUEST_EXPIRED', 'gap between request Timestamp and server time exceeds 60');
  const bodyHash = createHash('sha512').update(request.body).digest('hex');
  const prehash = [request.method, request.path, signedQuery(request), bodyHash, timestamp].join('\n');
  const expected = createHmac('sha512', credential.secret).update(prehash).digest('hex');
  if (!sameText(expected, sign)) return refuse('INVALID_SIGNATURE', 'Signature mismatch');
  return { apiKey };
}
