/**
 * The one place where ccxt's error classes become the terminal's own error values.
 * ccxt's hierarchy is subtle (docs/ccxt.md, "Errors"): OKX answers 429 with
 * ExchangeNotAvailable, a 400 without a known body code is a NetworkError, a garbage 200 is
 * no error at all. Everything above this module sees only `VenueError`.
 */
import { ccxtErrors as ccxt } from './ccxtModules.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

export type VenueErrorKind = 'rate-limited' | 'unreachable' | 'timeout' | 'auth' | 'bad-response' | 'rejected' | 'unknown';

export class VenueError extends Error {
  readonly kind: VenueErrorKind;
  readonly venue: VenueId;
  /** How long the venue asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(kind: VenueErrorKind, venue: VenueId, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'VenueError';
    this.kind = kind;
    this.venue = venue;
    this.retryAfterMs = retryAfterMs;
  }
}

const NEXT_STEP: Record<VenueErrorKind, string> = {
  'rate-limited': 'the terminal slows its polling and retries automatically',
  unreachable: 'the terminal keeps retrying with growing pauses; other venues are unaffected',
  timeout: 'the terminal retries with growing pauses; other venues are unaffected',
  auth: 'check the API key in Settings; public market data keeps updating',
  'bad-response': 'the answer was discarded and the terminal retries with growing pauses',
  rejected: 'the request was not retried',
  unknown: 'the terminal retries with growing pauses',
};

function describe(kind: VenueErrorKind, label: string, detail: string): string {
  const what: Record<VenueErrorKind, string> = {
    'rate-limited': `${label} is rate-limiting the terminal`,
    unreachable: `${label} is unreachable or unavailable`,
    timeout: `${label} did not answer in time`,
    auth: `${label} refused the API credentials`,
    'bad-response': `${label} sent an answer the terminal cannot read`,
    rejected: `${label} rejected the request`,
    unknown: `Unexpected failure talking to ${label}`,
  };
  const short = detail.length > 160 ? `${detail.slice(0, 157)}...` : detail;
  return `${what[kind]} (${short}); ${NEXT_STEP[kind]}.`;
}

function classify(error: unknown): VenueErrorKind {
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) return 'rate-limited';
  if (error instanceof ccxt.RequestTimeout) return 'timeout';
  // OKX (and any venue ccxt has no 429 mapping for) surfaces 429 as ExchangeNotAvailable.
  if (error instanceof ccxt.ExchangeNotAvailable && /\b429\b/.test(error.message)) return 'rate-limited';
  // KuCoin's 429 body (code 429000) is missing from ccxt's table: ccxt raises a bare ExchangeError quoting it.
  if (error instanceof ccxt.ExchangeError && /"code"\s*:\s*"429000"/.test(error.message)) return 'rate-limited';
  // BingX's IP ban (HTTP 418, body code 418) is in ccxt's table as PermissionDenied: a rate limit, not the key.
  if (error instanceof ccxt.PermissionDenied && /^bingx .*"code"\s*:\s*418\b/.test(error.message)) return 'rate-limited';
  // Paradex's outage codes are bare ExchangeErrors in ccxt's table: the venue is down, not refusing the request.
  if (error instanceof ccxt.ExchangeError && /^paradex .*"error"\s*:\s*"(SERVICE_UNAVAILABLE|INTERNAL_ERROR)"/.test(error.message)) return 'unreachable';
  if (error instanceof ccxt.NetworkError) return 'unreachable';
  if (error instanceof ccxt.BadResponse || error instanceof ccxt.NullResponse) return 'bad-response';
  if (error instanceof ccxt.AuthenticationError || error instanceof ccxt.PermissionDenied || error instanceof ccxt.AccountSuspended) return 'auth';
  if (error instanceof ccxt.ExchangeError) return 'rejected';
  // ccxt parsers throw these when a body has the wrong shape (garbage behind a 200).
  if (error instanceof SyntaxError || error instanceof TypeError) return 'bad-response';
  return 'unknown';
}

/** Seconds or HTTP date of a Retry-After header, as milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Maps anything thrown while talking to `venue` into a VenueError (idempotent). */
export function toVenueError(venue: VenueId, error: unknown, retryAfterHeader?: string, now = Date.now()): VenueError {
  if (error instanceof VenueError) return error;
  const kind = classify(error);
  const detail = error instanceof Error ? error.message : String(error);
  const retryAfterMs = kind === 'rate-limited' ? parseRetryAfter(retryAfterHeader, now) : undefined;
  return new VenueError(kind, venue, describe(kind, VENUES[venue].label, detail), retryAfterMs);
}

/** A fault the adapter detects itself (ccxt returned `{}` for a garbage body, no usable symbols). */
export function badResponse(venue: VenueId, detail: string): VenueError {
  return new VenueError('bad-response', venue, describe('bad-response', VENUES[venue].label, detail));
}
