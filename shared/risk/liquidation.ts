/**
 * Liquidation of an isolated linear-perp leg. The leg's margin is notional / leverage; the
 * venue liquidates when equity (margin + unrealised PnL) falls to the maintenance margin,
 * `mmr × quantity × price`. Solving for the price:
 *   long:  P = entry × (1 − 1/L) / (1 − mmr)
 *   short: P = entry × (1 + 1/L) / (1 + mmr)
 * At 10× with 0.5 % maintenance a long liquidates 9.55 % below entry: "a ~10 % adverse move,
 * less after maintenance margin" (docs/domain.md §4).
 */

/** One maintenance-margin tier: notional in [floor, cap) uses `maintenanceMarginRate`. */
export interface MarginTier {
  floor: number;
  cap: number;
  maintenanceMarginRate: number;
  maxLeverage: number | null;
}

/**
 * Used when the venue gives no tiers: deliberately above the venues' first tiers (Binance BTC
 * 0.4 %, most altcoins 0.5–1 %), so a missing tier table makes the liquidation price nearer, not farther.
 */
export const DEFAULT_MMR_MAJOR = 0.01;
export const DEFAULT_MMR_OTHER = 0.025;
const MAJORS = new Set(['BTC', 'ETH']);

export function defaultMaintenanceRate(base: string): number {
  return MAJORS.has(base.toUpperCase()) ? DEFAULT_MMR_MAJOR : DEFAULT_MMR_OTHER;
}

/**
 * The maintenance rate for a position of `notional`: the tier it falls in, the last tier
 * beyond every cap, or the conservative default without tiers.
 */
export function maintenanceRateFor(tiers: readonly MarginTier[] | null, notional: number, base: string): number {
  return tierFor(tiers, notional)?.maintenanceMarginRate ?? defaultMaintenanceRate(base);
}

/** The tier a position of `notional` falls in (the last beyond every cap); null without tiers. */
export function tierFor(tiers: readonly MarginTier[] | null, notional: number): MarginTier | null {
  if (!tiers || tiers.length === 0) return null;
  return tiers.find((t) => notional >= t.floor && notional < t.cap) ?? tiers[tiers.length - 1];
}

/**
 * The largest leverage a position of `notional` may take: its tier's (a larger position falls
 * in a tier that allows less), else the market's stated maximum.
 */
export function maxLeverageFor(tiers: readonly MarginTier[] | null, notional: number, marketMax: number | null): number | null {
  return tierFor(tiers, notional)?.maxLeverage ?? marketMax;
}

export function liquidationPrice(side: 'buy' | 'sell', entry: number, leverage: number, mmr: number): number {
  if (side === 'buy') return Math.max(0, (entry * (1 - 1 / leverage)) / (1 - mmr));
  return (entry * (1 + 1 / leverage)) / (1 + mmr);
}

/**
 * Liquidation of a cross-margin leg: the venue's whole equity `equity` backs it, so the price is
 * account-wide and moves with every other position and transfer. As if this leg were the
 * account's only position, equity + PnL falls to `mmr × quantity × price` at
 *   long:  P = (quantity × entry − equity) / (quantity × (1 − mmr))
 *   short: P = (equity + quantity × entry) / (quantity × (1 + mmr))
 */
export function crossLiquidationPrice(side: 'buy' | 'sell', entry: number, quantity: number, equity: number, mmr: number): number {
  if (!(quantity > 0)) return side === 'buy' ? 0 : Infinity;
  if (side === 'buy') return Math.max(0, (quantity * entry - equity) / (quantity * (1 - mmr)));
  return (equity + quantity * entry) / (quantity * (1 + mmr));
}

/** Adverse move from entry to liquidation, as a fraction of entry (always ≥ 0). */
export function liquidationDistance(entry: number, liquidation: number): number {
  return Math.abs(entry - liquidation) / entry;
}

/** Initial margin of a leg: notional / leverage. */
export function initialMargin(notional: number, leverage: number): number {
  return notional / leverage;
}
