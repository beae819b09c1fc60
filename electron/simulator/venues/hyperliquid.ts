/**
 * Hyperliquid wire format: two JSON POST endpoints on one host, `/info` (reads, named by
 * `type`) and `/exchange` (signed actions). Funding settles every hour on every perp; perps
 * are USDC-settled and named by their coin (`BTC`, `kPEPE`); spot pairs by `@<index>` (hyperliquidSpot.ts);
 * HIP-3 dexes' perps by `<dex>:<coin>` (hyperliquidDexInfo.ts).
 */
import { STATUS_CODES } from 'node:http';
import type { SimContext, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { handleExchange } from './hyperliquidExchange.ts';
import { VENUE, handleMarketInfo, unreadable } from './hyperliquidInfo.ts';
import { handleAccountInfo } from './hyperliquidAccountInfo.ts';
import { handleSpotMarketInfo } from './hyperliquidSpot.ts';
import { handleDexInfo } from './hyperliquidDexInfo.ts';
import type { InfoRequest } from './hyperliquidInfo.ts';

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function handle(request: SimRequest, context: SimContext): SimResponse | undefined {
  if (request.path !== '/info' && request.path !== '/exchange') return undefined;
  if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
  const body = parseBody(request.body);
  if (request.path === '/exchange') return handleExchange(body, context);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return unreadable();
  const info = body as InfoRequest;
  const type = typeof info.type === 'string' ? info.type : '';
  return handleSpotMarketInfo(type, info, context) ?? handleDexInfo(type, info, context) ?? handleMarketInfo(info, context.market) ?? handleAccountInfo(type, info, context) ?? unreadable();
}

/**
 * Hyperliquid answers a throttled request with HTTP 429 and a null body, and its gateway's
 * 5xx pages carry no JSON either: ccxt then maps the status alone (429 → RateLimitExceeded,
 * 5xx → ExchangeNotAvailable).
 */
function errorBody(status: number): unknown {
  return status === 429 || status === 418 ? null : `${status} ${STATUS_CODES[status] ?? 'Error'}`;
}

export const hyperliquidWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: ['/info', '/exchange'],
  handle,
  errorBody,
};
