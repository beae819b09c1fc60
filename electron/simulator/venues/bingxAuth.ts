/**
 * BingX request signing as the venue checks it: the key in `X-BX-APIKEY`, every parameter in
 * the query (POST and DELETE too), sorted, with `timestamp` (ms) among them and
 * `signature` = hex HMAC-SHA256(secret, the query before `&signature=`) last. ccxt signs the
 * unencoded string, so the received query is decoded before hashing. Refusals are BingX's
 * codes in its `{code, msg}` envelope with HTTP 200 (100001, which ccxt raises as
 * AuthenticationError; 100412 and 100413 for a missing and an unknown key; 100421 a
 * timestamp off by more than `recvWindow`, BingX's default 5 s) (docs/venues.md, "BingX").
 */
import { createHmac } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse } from '../types.ts';
import { bingxError } from './bingxEnvelope.ts';
import { decodedQuery, headerValue, sameText } from './signing.ts';

export type BingxAuthResult = { apiKey: string; params: URLSearchParams } | { refused: SimResponse };

const DEFAULT_RECV_WINDOW_MS = 5_000;

const refuse = (code: number, msg: string): BingxAuthResult => ({ refused: bingxError(code, msg) });

/** `wallClock` is real time: the skew check guards the client's signature whatever speed the market runs at. */
export function authenticateBingx(request: SimRequest, context: SimContext, wallClock: number): BingxAuthResult {
  const apiKey = headerValue(request.headers, 'X-BX-APIKEY');
  if (!apiKey) return refuse(100412, 'Null apiKey');
  const credential = context.credentials.find('bingx', apiKey);
  if (credential === undefined) return refuse(100413, 'Incorrect apiKey');
  const query = decodedQuery(request);
  const at = query.lastIndexOf('signature=');
  if (at < 0) return refuse(100001, 'Signature verification failed');
  const signed = query.slice(0, Math.max(0, at - 1));
  const given = query.slice(at + 'signature='.length).split('&')[0];
  if (!sameText(createHmac('sha256', credential.secret).update(signed).digest('hex'), given)) return refuse(100001, 'Signature verification failed');
  const params = request.query;
  const sent = Number(params.get('timestamp'));
  const window = Number(params.get('recvWindow') ?? DEFAULT_RECV_WINDOW_MS);
  if (!Number.isFinite(sent) || Math.abs(sent - wallClock) > window) return refuse(100421, 'Null timestamp or timestamp mismatch');
  return { apiKey, params };
}
