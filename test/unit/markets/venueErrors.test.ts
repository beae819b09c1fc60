import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { badResponse, parseRetryAfter, toVenueError } from '../../../electron/backend/markets/venueErrors.ts';

describe('ccxt errors become VenueError values', () => {
  it.each([
    [new ccxt.RateLimitExceeded('bybit 429'), 'rate-limited'],
    [new ccxt.DDoSProtection('binanceusdm 429 Too Many Requests'), 'rate-limited'],
    [new ccxt.ExchangeNotAvailable('okx GET http://x 429 Too Many Requests {}'), 'rate-limited'],
    [new ccxt.RequestTimeout('okx GET request timed out (3000 ms)'), 'timeout'],
    [new ccxt.ExchangeNotAvailable('okx 503 Service Unavailable'), 'unreachable'],
    [new ccxt.NetworkError('fetch failed ECONNREFUSED'), 'unreachable'],
    [new ccxt.BadResponse('gate returned garbage'), 'bad-response'],
    [new ccxt.AuthenticationError('invalid api key'), 'auth'],
    [new ccxt.BadSymbol('bybit does not have market symbol FOO'), 'rejected'],
    // What ccxt raises for KuCoin's HTTP 429 body; another KuCoin code stays a rejection.
    [new ccxt.ExchangeError('kucoinfutures {"code":"429000","msg":"Too Many Requests"}'), 'rate-limited'],
    [new ccxt.ExchangeError('kucoinfutures {"code":"300003","msg":"Balance not enough"}'), 'rejected'],
    // BingX's IP ban after 429s (body code 418) is ccxt's PermissionDenied; another venue's stays auth.
    [new ccxt.PermissionDenied('bingx {"code":418,"msg":"IP banned after too many requests","data":{}}'), 'rate-limited'],
    [new ccxt.PermissionDenied('okx {"code":"50110","msg":"Invalid IP"}'), 'auth'],
    // Paradex's outage codes are bare ExchangeErrors in ccxt's table; its other codes stay rejections.
    [new ccxt.ExchangeError('paradex {"error":"SERVICE_UNAVAILABLE","message":"service unavailable"}'), 'unreachable'],
    [new ccxt.ExchangeError('paradex {"error":"INTERNAL_ERROR","message":"internal error"}'), 'unreachable'],
    [new ccxt.ExchangeError('paradex {"error":"ORDER_IS_CLOSED","message":"order is closed"}'), 'rejected'],
    [new SyntaxError('Unexpected token <'), 'bad-response'],
    [new Error('something else'), 'unknown'],
  ] as const)('%s is %s', (error, kind) => {
    expect(toVenueError('okx', error).kind).toBe(kind);
  });

  it('the message names the venue and says what the terminal does next', () => {
    const error = toVenueError('binanceusdm', new ccxt.RequestTimeout('binanceusdm GET /fapi/v1/premiumIndex request timed out (3000 ms)'));
    expect(error.message).toMatch(/^Binance did not answer in time/);
    expect(error.message).toMatch(/retries/);
    expect(error.venue).toBe('binanceusdm');
  });

  it('a rate limit carries the Retry-After the venue asked for, in seconds or as a date', () => {
    expect(toVenueError('bybit', new ccxt.RateLimitExceeded('429'), '7').retryAfterMs).toBe(7000);
    expect(parseRetryAfter(new Date(61_000).toUTCString(), 1_000)).toBe(60_000);
    expect(toVenueError('bybit', new ccxt.NetworkError('x'), '7').retryAfterMs).toBeUndefined();
  });

  it('is idempotent: an existing VenueError passes through unchanged', () => {
    const original = badResponse('gate', 'the funding-rate list came back empty');
    expect(toVenueError('gate', original)).toBe(original);
    expect(original.message).toMatch(/^Gate sent an answer the terminal cannot read \(the funding-rate list came back empty\)/);
  });
});
