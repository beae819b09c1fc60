/** Bybit v5 answer envelope and its error codes (https://bybit-exchange.github.io/docs/v5/error). */
import type { SimResponse } from '../types.ts';

export const BYBIT_ERRORS = {
  paramsError: 10001,
  timestampExpired: 10002,
  invalidApiKey: 10003,
  invalidSign: 10004,
  rateLimit: 10006,
  orderNotExists: 110001,
  insufficientBalance: 110007,
  reduceOnly: 110017,
  duplicateOrderLinkId: 110072,
  belowMinNotional: 110094,
} as const;

export function bybitOk(result: unknown, time: number): SimResponse {
  return { status: 200, body: { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time } };
}

/** Bybit answers most business errors with HTTP 200 and a non-zero retCode. */
export function bybitError(retCode: number, retMsg: string, time: number, status = 200): SimResponse {
  return { status, body: { retCode, retMsg, result: {}, retExtInfo: {}, time } };
}

/** Query (GET) or JSON body (POST) parameters, as strings where the venue sends scalars. */
export function bybitParams(method: string, query: URLSearchParams, body: string): Record<string, unknown> {
  if (method !== 'POST') return Object.fromEntries(query.entries());
  if (body.trim() === '') return {};
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return parsed as Record<string, unknown>;
}

export function paramString(params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

export function paramNumber(params: Record<string, unknown>, key: string): number | undefined {
  const text = paramString(params, key);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

