/**
 * KuCoin request signing (API key version 2) as the venue checks it: KC-API-KEY,
 * KC-API-TIMESTAMP (ms), KC-API-KEY-VERSION 2, KC-API-PASSPHRASE = base64 HMAC-SHA256(secret,
 * passphrase) and KC-API-SIGN = base64 HMAC-SHA256(secret, timestamp + METHOD + path[?query] +
 * body). The query is signed as the client wrote it (ccxt joins it unencoded), so the received
 * query is decoded before hashing, as for Bitget. Refusals are KuCoin's 4000xx codes with
 * HTTP 401, which ccxt raises as AuthenticationError (400002: InvalidNonce).
 */
import { createHmac } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse } from '../types.ts';
import { decodedQuery, headerValue, sameText } from './signing.ts';

export type KucoinAuthResult = { apiKey: string } | { refused: SimResponse };

/** KuCoin refuses a request whose timestamp is more than 5 s from its clock. */
const MAX_SKEW_MS = 5_000;

function refuse(code: string, msg: string): KucoinAuthResult {
  return { refused: { status: 401, body: { code, msg } } };
}

const hmac = (secret: string, text: string): string => createHmac('sha256', secret).update(text).digest('base64');

/** `wallClock` is real time: the skew check guards the client's signature whatever speed the market runs at. */
export function authenticateKucoin(request: SimRequest, context: SimContext, wallClock: number): KucoinAuthResult {
  const apiKey = headerValue(request.headers, 'KC-API-KEY');
  const sign = headerValue(request.headers, 'KC-API-SIGN');
  const timestamp = headerValue(request.headers, 'KC-API-TIMESTAMP');
  const passphrase = headerValue(request.headers, 'KC-API-PASSPHRASE');
  if (!apiKey || !sign || !timestamp || !passphrase) {
    return refuse('400001', 'Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE');
  }
  const credential = context.credentials.find('kucoinfutures', apiKey);
  if (credential === undefined) return refuse('400003', 'KC-API-KEY not exists');
  if (headerValue(request.headers, 'KC-API-KEY-VERSION') !== '2' || !sameText(hmac(credential.secret, credential.password ?? ''), passphrase)) {
    return refuse('400004', 'Invalid KC-API-PASSPHRASE');
  }
  const sent = Number(timestamp);
  if (!Number.isFinite(sent) || Math.abs(sent - wallClock) > MAX_SKEW_MS) return refuse('400002', 'KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds');
  const query = decodedQuery(request);
  const body = request.method === 'POST' ? request.body : '';
  const expected = hmac(credential.secret, `${timestamp}${request.method}${request.path}${query === '' ? '' : `?${query}`}${body}`);
  if (!sameText(expected, sign)) return refuse('400005', 'Invalid KC-API-SIGN');
  return { apiKey };
}
