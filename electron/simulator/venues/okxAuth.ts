/**
 * OKX v5 request signing as the venue checks it: OK-ACCESS-KEY, -PASSPHRASE, -TIMESTAMP (ISO
 * 8601) and -SIGN = base64 HMAC-SHA256(secret, timestamp + METHOD + path[?query] + body).
 */
import { createHmac } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse } from '../types.ts';
import { headerValue, sameText } from './signing.ts';
import { OKX_ERRORS, okxError } from './okxEnvelope.ts';

export type OkxAuthResult = { apiKey: string } | { refused: SimResponse };

/** OKX refuses requests whose timestamp is more than 30 s away from its clock. */
const MAX_SKEW_MS = 30_000;

/** The path as signed: with the raw query when the server kept it, else rebuilt URL-encoded as ccxt sends it. */
function signedPath(request: SimRequest): string {
  const query = request.rawQuery ?? request.query.toString();
  return query === '' ? request.path : `${request.path}?${query}`;
}

const refuse = (code: string, msg: string): OkxAuthResult => ({ refused: okxError(code, msg, 401) });

/** `wallClock` is the real time: the skew check guards the client's signature, whatever speed the market runs at. */
export function authenticateOkx(request: SimRequest, context: SimContext, wallClock: number): OkxAuthResult {
  const apiKey = headerValue(request.headers, 'OK-ACCESS-KEY');
  const passphrase = headerValue(request.headers, 'OK-ACCESS-PASSPHRASE');
  const timestamp = headerValue(request.headers, 'OK-ACCESS-TIMESTAMP');
  const sign = headerValue(request.headers, 'OK-ACCESS-SIGN');
  if (apiKey === undefined) return refuse(OKX_ERRORS.keyMissing, 'Request header OK-ACCESS-KEY cannot be empty.');
  const credential = context.credentials.find('okx', apiKey);
  if (credential === undefined) return refuse(OKX_ERRORS.invalidKey, 'Invalid OK-ACCESS-KEY.');
  if (passphrase === undefined || passphrase !== credential.password) return refuse(OKX_ERRORS.passphraseWrong, 'Request header OK-ACCESS-PASSPHRASE incorrect.');
  const sent = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  if (!Number.isFinite(sent)) return refuse(OKX_ERRORS.timestampInvalid, 'Invalid OK-ACCESS-TIMESTAMP.');
  if (Math.abs(sent - wallClock) > MAX_SKEW_MS) return refuse(OKX_ERRORS.timestampExpired, 'Timestamp request expired.');
  const prehash = `${timestamp}${request.method}${signedPath(request)}${request.method === 'GET' ? '' : request.body}`;
  const expected = createHmac('sha256', credential.secret).update(prehash).digest('base64');
  if (sign === undefined || !sameText(expected, sign)) return refuse(OKX_ERRORS.invalidSign, 'Invalid Sign');
  return { apiKey };
}
