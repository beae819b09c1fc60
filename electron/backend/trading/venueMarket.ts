/**
 * A symbol's trading terms as ccxt reads them from a venue: the whole maintenance-margin tier
 * table (venueTiers.ts), maximum leverage, and lot rules (step, minimum quantity and notional).
 * Tiers change rarely, so a cache keeps them for an hour per venue and symbol. A venue that will not give its tiers (no such endpoint, a signed endpoint without a
 * key, a key without permission) gets the conservative default: the preview marks that leg's
 * maintenance rate as not from the venue.
 */
import { ccxtErrors } from '../markets/ccxtModules.ts';
import type { Exchange, MarketInterface } from 'ccxt';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { MarginTier } from '../../../shared/risk/liquidation.ts';
import type { LotRules } from '../../../shared/risk/lots.ts';
import type { BorrowRate } from '../../../shared/risk/preview.ts';
import { readVenueTiers, type RawTier } from './venueTiers.ts';
import { coinsOf } from '../../../shared/domain/units.ts';
import { unitsOfMarket } from '../markets/marketUnits.ts';

export interface MarketInfo {
  tiers: MarginTier[] | null;
  maxLeverage: number | null;
  /** Lot step and minimums in coins of the asset (ccxt states them in venue amounts). */
  lot?: LotRules | null;
  /** A spot pair's borrow rate of its coin where a spot short borrows it (spotMargin.ts); null when the venue gave none. */
  borrow?: BorrowRate | null;
  /** Why the account cannot borrow that coin for a spot short (spotBorrow.ts), in words; null or absent when it can. */
  borrowRefusal?: string | null;
}

const TIERS_TTL_MS = 3_600_000;

function tiersOf(raw: readonly RawTier[] | undefined): MarginTier[] | null {
  const tiers = (raw ?? []).filter((t) => typeof t.maintenanceMarginRate === 'number' && t.maintenanceMarginRate > 0).map((t) => ({
    floor: t.minNotional ?? 0, cap: t.maxNotional ?? Infinity, maintenanceMarginRate: t.maintenanceMarginRate!, maxLeverage: t.maxLeverage ?? null,
  }));
  return tiers.length ? tiers.sort((a, b) => a.floor - b.floor) : null;
}

const positive = (value: number | undefined): number | null => (typeof value === 'number' && value > 0 ? value : null);

/** The market's lot rules in coins; every ccxt venue we use states precision as a tick size. */
export function lotRulesOf(market: MarketInterface): LotRules {
  const units = unitsOfMarket(market);
  const step = positive(market.precision?.amount);
  const minQuantity = positive(market.limits?.amount?.min);
  return { step: step === null ? null : coinsOf(units, step), minQuantity: minQuantity === null ? null : coinsOf(units, minQuantity), minNotional: positive(market.limits?.cost?.min) };
}

/**
 * The leverage cap a contract row states where ccxt reads none (ccxt 4.5.84 leaves
 * `limits.leverage.max` empty on both): BingX's `maxLongLeverage` and `maxShortLeverage` (BingX's
 * tiers state no leverage), the lower of the two (docs/venues.md, "BingX"); Paradex's initial
 * margin floor `delta1_cross_margin_params.imf_base`, whose inverse is the most any size may take
 * (0.02 is 50x; docs/venues.md, "Paradex").
 */
function statedLeverageCap(market: MarketInterface): number | null {
  const info = (market.info ?? {}) as { maxLongLeverage?: unknown; maxShortLeverage?: unknown; delta1_cross_margin_params?: { imf_base?: unknown } };
  const imfBase = Number(info.delta1_cross_margin_params?.imf_base);
  if (Number.isFinite(imfBase) && imfBase > 0 && imfBase <= 1) return Math.floor(1 / imfBase + 1e-9);
  const caps = [Number(info.maxLongLeverage), Number(info.maxShortLeverage)].filter((cap) => Number.isFinite(cap) && cap > 0);
  return caps.length === 2 ? Math.min(...caps) : null;
}

/** Reads one symbol's terms; the exchange's markets must be loaded. */
export async function readMarketInfo(exchange: Exchange, symbol: string): Promise<MarketInfo> {
  const market = exchange.market(symbol);
  const lot = lotRulesOf(market);
  const marketMax = market.limits?.leverage?.max ?? statedLeverageCap(market);
  if (!market.contract) return { tiers: null, maxLeverage: marketMax, lot };
  let raw: RawTier[];
  try {
    raw = await readVenueTiers(exchange, market);
  } catch (error) {
    // A venue answer (or ccxt refusing to sign without a key) means no tiers; anything else is a bug.
    if (error instanceof ccxtErrors.BaseError) return { tiers: null, maxLeverage: marketMax, lot };
    throw error;
  }
  const tiers = tiersOf(raw);
  // The largest any size may take; a leg's own maximum is its tier's, found by notional in the preview.
  return { tiers, maxLeverage: tiers?.[0]?.maxLeverage ?? marketMax, lot };
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
