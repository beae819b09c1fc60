/**
 * The simulator's margin tiers per instrument: the venues publish a table of notional bands,
 * each with a maintenance rate and a maximum leverage. The model is Gate's linear one (its
 * contracts state `risk_limit_step` and `maintenance_rate`, each band adds one step of limit and
 * one unit of maintenance rate, and the leverage falls as the initial rate rises by one unit):
 * simple, and every venue's table can be written from it in its own shape.
 */
import type { SimInstrument } from './types.ts';

export interface SimMarginTier {
  /** 1-based. */
  tier: number;
  /** Notional band in the settle currency: [floor, cap). */
  floor: number;
  cap: number;
  maintenanceMarginRate: number;
  maxLeverage: number;
}

export const TIER_COUNT = 5;

/** The notional each band adds: larger for the instruments that allow more leverage (the liquid ones). */
export function tierStep(instrument: SimInstrument): number {
  if (instrument.maxLeverage >= 100) return 2_000_000;
  return instrument.maxLeverage >= 50 ? 500_000 : 100_000;
}

export function marginTiers(instrument: SimInstrument): SimMarginTier[] {
  const step = tierStep(instrument);
  return Array.from({ length: TIER_COUNT }, (_, i) => ({
    tier: i + 1,
    floor: i * step,
    cap: (i + 1) * step,
    maintenanceMarginRate: Number((instrument.maintenanceMarginRate * (i + 1)).toPrecision(12)),
    maxLeverage: Math.max(1, Math.floor(instrument.maxLeverage / (i + 1))),
  }));
}

/** Binance's `cum`: the maintenance amount a band deducts, so that margin is continuous across bands. */
export function maintenanceDeduction(tiers: readonly SimMarginTier[], index: number): number {
  let cum = 0;
  for (let i = 1; i <= index; i++) cum += tiers[i].floor * (tiers[i].maintenanceMarginRate - tiers[i - 1].maintenanceMarginRate);
  return Number(cum.toPrecision(12));
}
