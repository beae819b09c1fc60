/**
 * A symbol's trading terms as ccxt reads them from a venue: maintenance-margin tiers and
 * maximum leverage. Tiers change rarely, so a cache keeps them for an hour per venue and
 * symbol. A venue that will not give its tiers (no such endpoint, a signed endpoint without a
 * key, a key without permission) gets the conservative default: the preview marks that leg's
 * maintenance rate as not from the venue.
 */
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { MarginTier } from '../../../shared/risk/liquidation.ts';

export interface MarketInfo {
  tiers: MarginTier[] | null;
  maxLeverage: number | null;
}

const TIERS_TTL_MS = 3_600_000;

interface RawTier { minNotional?: number; maxNotional?: number; maintenanceMarginRate?: number; maxLeverage?: number }

function tiersOf(raw: readonly RawTier[] | undefined): MarginTier[] | null {
  const tiers = (raw ?? []).filter((t) => typeof t.maintenanceMarginRate === 'number' && t.maintenanceMarginRate > 0).map((t) => ({
    floor: t.minNotional ?? 0, cap: t.maxNotional ?? Infinity, maintenanceMarginRate: t.maintenanceMarginRate!, maxLeverage: t.maxLeverage ?? null,
  }));
  return tiers.length ? tiers.sort((a, b) => a.floor - b.floor) : null;
}

/** Reads one symbol's terms; the exchange's markets must be loaded. */
export async function readMarketInfo(exchange: Exchange, symbol: string): Promise<MarketInfo> {
  const market = exchange.market(symbol);
  const marketMax = market.limits?.leverage?.max ?? null;
  if (!market.contract || !exchange.has.fetchLeverageTiers) return { tiers: null, maxLeverage: marketMax };
  let all: Record<string, RawTier[]>;
  try {
    all = (await exchange.fetchLeverageTiers([symbol])) as unknown as Record<string, RawTier[]>;
  } catch (error) {
    // A venue answer (or ccxt refusing to sign without a key) means no tiers; anything else is a bug.
    if (error instanceof ccxt.BaseError) return { tiers: null, maxLeverage: marketMax };
    throw error;
  }
  const tiers = tiersOf(all[symbol]);
  return { tiers, maxLeverage: tiers?.[0]?.maxLeverage ?? marketMax };
}

export type MarketInfoReader = (venue: VenueId, symbol: string) => Promise<MarketInfo>;

/** `read` behind an hour's cache per venue and symbol. */
export function cachedMarketInfo(read: MarketInfoReader, now: () => number): MarketInfoReader {
  const cache = new Map<string, { at: number; info: MarketInfo }>();
  return async (venue, symbol) => {
    const key = `${venue}|${symbol}`;
    const cached = cache.get(key);
    if (cached && now() - cached.at < TIERS_TTL_MS) return cached.info;
    const info = await read(venue, symbol);
    cache.set(key, { at: now(), info });
    return info;
  };
}
