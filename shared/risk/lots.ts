/**
 * Venue lot rules: an order's quantity must be a whole number of the venue's lot step and
 * reach its minimum quantity and minimum notional. Both legs of a pair carry the same base
 * quantity, so it is rounded DOWN to a step both venues can send (rounding up would size the
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

/** Decimal places of a step as written (0.25 → 2, 1e-7 → 7, 10 → 0), to 15 at most. */
function decimalsOf(step: number): number {
  for (let d = 0; d < 15; d += 1) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) <= STEP_EPSILON * scaled) return d;
  }
  return 15;
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/**
 * The smallest step every leg can send: the least common multiple of the legs' steps (null
 * when no leg has one). A quantity on it is a whole number of lots on each venue, also where
 * neither step divides the other (0.3 and 0.2 coins → 0.6; the larger step alone, 0.3, is
 * 1.5 lots of 0.2 and would be cut on that venue).
 */
export function commonStep(lots: readonly (LotRules | null)[]): number | null {
  const steps = lots.flatMap((lot) => (lot?.step && lot.step > 0 ? [lot.step] : []));
  if (!steps.length) return null;
  const decimals = Math.max(...steps.map(decimalsOf));
  const scale = 10n ** BigInt(decimals);
  const whole = steps.map((step) => BigInt(Math.round(step * 10 ** decimals)));
  const lcm = whole.reduce((a, b) => (a / gcd(a, b)) * b);
  return Number(lcm) / Number(scale);
}

/** Whether `quantity` is a whole number of `step` (within floating-point slack). */
export function onStep(quantity: number, step: number | null): boolean {
  if (step === null || !(step > 0)) return true;
  const steps = quantity / step;
  return Math.abs(steps - Math.round(steps)) <= STEP_EPSILON * Math.max(1, steps);
}
