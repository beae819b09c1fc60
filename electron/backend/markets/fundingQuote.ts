/**
 * Assembles a `FundingQuote` from what an adapter read. Venues send numbers as strings,
 * sometimes empty or "nan": everything passes through `numberOrNull` so that a missing
 * figure is null, never NaN or 0.
 */
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { coinPrice, coinsOf } from '../../../shared/domain/units.ts';
import type { PerpMarket } from './perpMarkets.ts';

export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * ccxt's unified interval string (`'8h'`, `'30m'`) in hours; null when absent or unreadable.
 * ccxt passes through, as bare milliseconds (`'7200000'`), intervals missing from its
 * venue tables (gate has no 2 h entry).
 */
export function intervalHoursOf(interval: string | undefined): number | null {
  if (interval === undefined) return null;
  if (/^\d+$/.test(interval)) return Number(interval) > 0 ? Number(interval) / 3_600_000 : null;
  const match = /^(\d+(?:\.\d+)?)([mhd])$/.exec(interval);
  if (!match) return null;
  const value = Number(match[1]) * ({ m: 1 / 60, h: 1, d: 24 } as const)[match[2] as 'm' | 'h' | 'd'];
  return value > 0 ? value : null;
}

export interface QuoteFields {
  rate: unknown;
  rateKind: FundingQuote['rateKind'];
  lastSettledRate?: unknown;
  intervalHours: number;
  nextFundingTime?: unknown;
  markPrice?: unknown;
  indexPrice?: unknown;
  bid?: unknown;
  ask?: unknown;
  volume24hUsd?: unknown;
  openInterestUsd?: unknown;
}

/**
 * The best bid and ask as a pair, or neither: a side that is missing, not positive (Aster states
 * an empty side as "0.000000") or crossed leaves no spread to read.
 */
export function touchOf(bidValue: unknown, askValue: unknown): { bid: number | null; ask: number | null } {
  const bid = numberOrNull(bidValue);
  const ask = numberOrNull(askValue);
  return bid !== null && ask !== null && bid > 0 && ask >= bid ? { bid, ask } : { bid: null, ask: null };
}

export function buildQuote(venue: VenueId, market: PerpMarket, fields: QuoteFields, observedAt: number): FundingQuote {
  const next = numberOrNull(fields.nextFundingTime);
  return {
    venue,
    symbol: market.symbol,
    base: market.base,
    multiplier: market.multiplier,
    rate: numberOrNull(fields.rate),
    rateKind: fields.rateKind,
    lastSettledRate: numberOrNull(fields.lastSettledRate),
    intervalHours: fields.intervalHours,
    nextFundingTime: next === null ? null : Math.round(next),
    markPrice: numberOrNull(fields.markPrice),
    indexPrice: numberOrNull(fields.indexPrice),
    ...touchOf(fields.bid, fields.ask),
    volume24hUsd: numberOrNull(fields.volume24hUsd),
    openInterestUsd: numberOrNull(fields.openInterestUsd),
    observedAt,
  };
}

/** Multiplies two possibly-missing figures (contracts × price), null if either is missing. */
export function productOrNull(a: unknown, b: unknown): number | null {
  const x = numberOrNull(a);
  const y = numberOrNull(b);
  return x === null || y === null ? null : x * y;
}

/** Open interest in USD from a count in the venue's amount (contracts, lots) and the venue's mark (docs/units.md). */
export function openInterestUsdOf(market: PerpMarket, amount: number | null, mark: number | null): number | null {
  return amount === null || mark === null ? null : coinsOf(market.units, amount) * coinPrice(market.units, mark);
}
