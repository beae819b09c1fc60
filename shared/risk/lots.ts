/**
 * Venue lot rules: an order's quantity must be a whole number of the venue's lot step and
 * reach its minimum quantity and minimum notional. Both legs of a pair carry the same base
 * quantity, so it is rounded DOWN to the coarser of the two steps (rounding up would size the
 * trade past what the risk rule allowed). All figures are base units (contracts × size).
 */
export interface LotRules {
  /** Smallest quantity increment in base units; null when the venue gives none. */
  step: number | null;
  minQuantity: number | null;
  /** Minimum order value in quote currency. */
  minNotional: number | null;
}

/** Relative slack for binary floating point: 0.3 / 0.1 is 2.9999999999999996 steps. */
const STEP_EPSILON = 1e-9;

export function roundDownToStep(quantity: number, step: number | null): number {
  if (step === null || !(step > 0) || !Number.isFinite(quantity)) return quantity;
  const steps = Math.floor(quantity / step + STEP_EPSILON);
  // Rounded to the step's own decimals, so 3 × 0.1 reads 0.3, not 0.30000000000000004.
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)) + 2);
  return Number((steps * step).toFixed(Math.min(decimals, 20)));
}

/** The coarser step of the legs (null when no leg has one). */
export function coarserStep(lots: readonly (LotRules | null)[]): number | null {
  const steps = lots.flatMap((lot) => (lot?.step && lot.step > 0 ? [lot.step] : []));
  return steps.length ? Math.max(...steps) : null;
}

/** Whether `quantity` is a whole number of `step` (within floating-point slack). */
export function onStep(quantity: number, step: number | null): boolean {
  if (step === null || !(step > 0)) return true;
  const steps = quantity / step;
  return Math.abs(steps - Math.round(steps)) <= STEP_EPSILON * Math.max(1, steps);
}
