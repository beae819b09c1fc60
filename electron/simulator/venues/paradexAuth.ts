/**
 * Paradex's two-step authentication as the simulator checks it (docs/venues.md, "Paradex"):
 *
 * 1. `POST /v1/auth` carries the StarkNet account in `PARADEX-STARKNET-ACCOUNT`, a signature
 *    `["r","s"]` (decimal felts) in `PARADEX-STARKNET-SIGNATURE`, and `PARADEX-TIMESTAMP` /
 *    `PARADEX-SIGNATURE-EXPIRATION` in seconds. The account must be onboarded: a credential of
 *    venue `paradex` whose key is the account address (its secret is the account's StarkNet
 *    public key, what onboarding registers). The simulator checks the headers are present and
 *    well formed (an address felt, two felts below the Stark curve's order, a timestamp within
 *    a minute of the wall clock, an expiration after it and not past); it does NOT verify the
 *    StarkNet signature itself (that needs the Pedersen hash, which @noble/curves 2 does not ship).
 *    The answer is `{jwt_token}`: a token the simulator signs (HMAC-SHA256 with a key made at
 *    start), naming the account, valid for five minutes.
 * 2. Every other private call presents it as `Authorization: Bearer <token>`; a missing or
 *    malformed token is refused with 40110, a forged or expired one with 40111 (HTTP 401, the
 *    codes ccxt's paradex table raises as AuthenticationError).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse } from '../types.ts';
import { headerValue, sameText } from './signing.ts';

const VENUE = 'paradex';
/** How long a token lives: Paradex's JWTs last five minutes (ccxt renews its own after three). */
const TOKEN_LIFETIME_S = 300;
/** How far the auth request's timestamp may be from the wall clock. */
const TIMESTAMP_SKEW_S = 60;
/** The Stark curve's group order: each half of a StarkNet signature is below it. */
const STARK_ORDER = 0x0800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2fn;
const FELT_LIMIT = 2n ** 251n + 17n * 2n ** 192n + 1n;

const TOKEN_KEY = randomBytes(32);

export const paradexError = (status: number, error: string, message: string): SimResponse => ({ status, body: { error, message } });

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const tokenSignature = (unsigned: string) => createHmac('sha256', TOKEN_KEY).update(unsigned).digest('base64url');

function issueToken(account: string, nowS: number): string {
  const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify({ typ: 'at+JWT', iss: 'Paradex simulator', sub: account, iat: nowS, exp: nowS + TOKEN_LIFETIME_S }))}`;
  return `${unsigned}.${tokenSignature(unsigned)}`;
}

/** A felt written as `0x…` hex (an address) or in decimal (a signature half), or undefined. */
function felt(text: string | undefined, hex: boolean): bigint | undefined {
  if (text === undefined || !(hex ? /^0x[0-9a-fA-F]{1,64}$/ : /^[0-9]{1,78}$/).test(text)) return undefined;
  const value = BigInt(text);
  return value < FELT_LIMIT ? value : undefined;
}

/** `["r","s"]`, each a decimal felt in [1, order). */
export function wellFormedSignature(text: string | undefined): boolean {
  if (text === undefined) return false;
  let parts: unknown;
  try {
    parts = JSON.parse(text);
  } catch {
    return false;
  }
  return Array.isArray(parts) && parts.length === 2 && parts.every((part) => {
    const value = typeof part === 'string' ? felt(part, false) : undefined;
    return value !== undefined && value > 0n && value < STARK_ORDER;
  });
}

/** The same address however it is padded (`0x0abc` and `0xabc` are one account). */
const accountKey = (address: string): string => `0x${BigInt(address).toString(16)}`;

/** `POST /v1/auth`: a token for an onboarded account whose signature headers are well formed. */
export function authenticateParadex(request: SimRequest, context: SimContext, wallClockMs: number): SimResponse {
  const account = headerValue(request.headers, 'PARADEX-STARKNET-ACCOUNT');
  if (felt(account, true) === undefined) return paradexError(400, 'INVALID_STARKNET_ADDRESS', 'invalid starknet account address');
  if (context.credentials.find(VENUE, accountKey(account!)) === undefined) return paradexError(400, 'NOT_ONBOARDED', 'User has never called /onboarding endpoint');
  if (!wellFormedSignature(headerValue(request.headers, 'PARADEX-STARKNET-SIGNATURE'))) return paradexError(400, 'INVALID_STARKNET_SIGNATURE', 'invalid starknet signature');
  const nowS = Math.floor(wallClockMs / 1000);
  const timestamp = Number(headerValue(request.headers, 'PARADEX-TIMESTAMP'));
  if (!Number.isInteger(timestamp) || Math.abs(timestamp - nowS) > TIMESTAMP_SKEW_S) return paradexError(400, 'INVALID_TIMESTAMP', 'timestamp is missing or too far from the server time');
  const expiration = Number(headerValue(request.headers, 'PARADEX-SIGNATURE-EXPIRATION'));
  if (!Number.isInteger(expiration) || expiration <= timestamp || expiration <= nowS) return paradexError(400, 'INVALID_SIGNATURE_EXPIRATION', 'signature expiration is missing or already past');
  return { status: 200, body: { jwt_token: issueToken(accountKey(account!), nowS) } };
}

type BearerResult = { account: string } | { refused: SimResponse };

/** The account a private call acts on, from its bearer token. */
export function bearerAccount(request: SimRequest, wallClockMs: number): BearerResult {
  const header = headerValue(request.headers, 'Authorization');
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  const parts = token?.split('.') ?? [];
  if (parts.length !== 3) return { refused: paradexError(401, '40110', 'Malformed Bearer Token') };
  if (!sameText(tokenSignature(`${parts[0]}.${parts[1]}`), parts[2])) return { refused: paradexError(401, '40111', 'Invalid Bearer Token') };
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { sub: string; exp: number };
  if (claims.exp * 1000 <= wallClockMs) return { refused: paradexError(401, '40111', 'Invalid Bearer Token') };
  return { account: claims.sub };
}
