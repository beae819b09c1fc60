/**
 * BingX's envelope: every answer is `{"code": 0, "msg": "", "data": …}`, an error the same with
 * a non-zero code (HTTP 200 for most refusals). Numbers inside `data` are decimal strings on
 * most rows; times are JSON numbers.
 */
import type { SimResponse } from '../types.ts';

export function ok(data: unknown): SimResponse {
  return { status: 200, body: { code: 0, msg: '', data } };
}

export function bingxError(code: number, msg: string, status = 200): SimResponse {
  return { status, body: { code, msg, data: {} } };
}

/** BingX's codes for the refusals the simulator makes (ccxt's bingx exception table names each). */
export const BINGX_CODES = {
  /** "Invalid parameters, err:…": a missing or unreadable parameter, an unlisted symbol. */
  badParameter: 80014,
  internal: 100500,
} as const;
