/** OKX v5 answer envelope (`code`/`msg`/`data`, numbers as strings) and its error codes. */
import type { SimResponse } from '../types.ts';

export const OKX_ERRORS = {
  operationFailed: '1',
  rateLimit: '50011',
  systemBusy: '50013',
  timestampExpired: '50102',
  keyMissing: '50103',
  passphraseWrong: '50105',
  invalidKey: '50111',
  timestampInvalid: '50112',
  invalidSign: '50113',
  parameterError: '51000',
  instrumentMissing: '51001',
  insufficientMargin: '51008',
  duplicateClientId: '51016',
  belowMinAmount: '51020',
  priceOutOfLimit: '51006',
  lotSize: '51121',
  reduceOnlyNoPosition: '51169',
  cancelNotFound: '51400',
  orderNotFound: '51603',
} as const;

export function okxOk(data: unknown[]): SimResponse {
  return { status: 200, body: { code: '0', msg: '', data } };
}

export function okxError(code: string, msg: string, status = 200, data: unknown[] = []): SimResponse {
  return { status, body: { code, msg, data } };
}

export type OkxParams = Record<string, unknown>;

/** GET query parameters, or the POST body: an object, or an array for the batch endpoints. */
export function okxParams(method: string, query: URLSearchParams, body: string): OkxParams | OkxParams[] {
  if (method !== 'POST') return Object.fromEntries(query.entries());
  if (body.trim() === '') return {};
  const parsed: unknown = JSON.parse(body);
  if (Array.isArray(parsed)) return parsed.filter((entry): entry is OkxParams => typeof entry === 'object' && entry !== null);
  return typeof parsed === 'object' && parsed !== null ? (parsed as OkxParams) : {};
}

export function okxString(params: OkxParams, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

export function okxNumber(params: OkxParams, key: string): number | undefined {
  const text = okxString(params, key);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export function okxLimit(params: OkxParams, fallback: number, max: number): number {
  const limit = okxNumber(params, 'limit');
  return limit === undefined ? fallback : Math.max(1, Math.min(max, Math.floor(limit)));
}
