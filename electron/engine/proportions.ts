/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for `hits` successes in `n` trials at 95 %: unlike the normal
 * approximation it stays inside [0, 1] and is honest for the small n an event study has.
 * Trials that are not independent carry less information than their count: `effectiveN`
 * (≤ n) is the number of independent trials they are worth, and sets the width.
 */
export function wilsonInterval(hits: number, n: number, effectiveN: number = n): [number, number] | null {
  if (n <= 0 || effectiveN <= 0) return null;
  const p = hits / n;
  const m = Math.min(effectiveN, n);
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / m;
  const centre = (p + z2 / (2 * m)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / m + z2 / (4 * m * m))) / denominator;
  // Exact bounds at the edges: rounding would otherwise leave 1e-17 above 0 for zero hits.
  return [hits === 0 ? 0 : Math.max(0, centre - half), hits === n ? 1 : Math.min(1, centre + half)];
}
