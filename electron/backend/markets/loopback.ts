/**
 * Points a ccxt exchange at a local server (the venue simulator in Demo mode and in tests).
 * ccxt shares `urls.api` with `describe()`, so it is copied before being rewritten; only
 * scheme and host change, the venue's paths stay as they are (docs/ccxt.md, "Pointing
 * ccxt at a local server").
 */
import type { Exchange } from 'ccxt';
import { LOOPBACK_PATH_PREFIX, type VenueId } from '../../../shared/domain/venues.ts';

/** Options ccxt needs against a loopback server: no client-side throttling, fail fast. */
export const LOOPBACK_OPTIONS = { enableRateLimit: false, timeout: 3_000 } as const;

/** Replaces scheme+host of `url` by `base` (no trailing slash), keeping path and query. */
export function rebaseUrl(url: string, base: string): string {
  const match = /^[a-z]+:\/\/[^/]+(.*)$/i.exec(url);
  return match ? base.replace(/\/+$/, '') + match[1] : url;
}

function rewrite(value: unknown, baseUrl: string, wsBaseUrl: string | undefined): unknown {
  if (typeof value === 'string') {
    if (/^https?:\/\//i.test(value)) return rebaseUrl(value, baseUrl);
    if (wsBaseUrl !== undefined && /^wss?:\/\//i.test(value)) return rebaseUrl(value, wsBaseUrl);
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => rewrite(item, baseUrl, wsBaseUrl));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = rewrite(item, baseUrl, wsBaseUrl);
    return out;
  }
  return value;
}

/**
 * Rewrites every http(s) endpoint of `exchange.urls.api` to `baseUrl` (and ws(s) to `wsBaseUrl`),
 * under the venue's own path prefix where its paths would collide with another venue's.
 */
export function pointAtBaseUrl(exchange: Exchange, baseUrl: string, wsBaseUrl?: string): void {
  const urls = exchange.urls as { api?: unknown };
  const prefix = LOOPBACK_PATH_PREFIX[exchange.id as VenueId] ?? '';
  const under = (base: string) => base.replace(/\/+$/, '') + prefix;
  exchange.urls = { ...exchange.urls, api: rewrite(urls.api, under(baseUrl), wsBaseUrl === undefined ? undefined : under(wsBaseUrl)) } as Exchange['urls'];
}
