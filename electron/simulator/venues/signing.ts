/**
 * What every venue's request signing check needs: a header read case-insensitively, the query
 * as the client signed it, and a comparison of signatures in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { SimRequest } from '../types.ts';

export function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (headers[lower] !== undefined) return headers[lower];
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : headers[key];
}

/** The query decoded, as Bitget and Gate sign it (ccxt signs the unencoded string). */
export function decodedQuery(request: SimRequest): string {
  const raw = request.rawQuery ?? request.query.toString();
  return raw.split('&').filter((part) => part !== '').map((part) => decodeURIComponent(part.replace(/\+/g, ' '))).join('&');
}

/** Equal signatures, compared in constant time (a timing side channel would leak the expected one). */
export function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
