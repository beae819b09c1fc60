/**
 * Realised volatility of a leg's price from stored closes, and the adverse move it implies over
 * a holding period (docs/domain.md §5 `margin`): the move the leg's liquidation distance must
 * lie beyond. Pure.
 */
const HOUR_MS = 3_600_000;
/** One-sided 99 % quantile of the normal: a move this many σ against the leg happens about once in a hundred holds. */
export const ADVERSE_MOVE_Z = 2.326;
/** Fewer log returns than this and no volatility is claimed. */
export const MIN_RETURNS = 20;

export interface RealisedVolatility {
  /** Standard deviation of log returns per √hour. */
  perSqrtHour: number;
  returns: number;
}

/** From closes ascending in time; returns across a gap are scaled by their own span, so holes do not bias it. */
export function realisedVolatility(times: readonly number[], closes: readonly number[]): RealisedVolatility | null {
  let n = 0;
  let sumSq = 0;
  let sum = 0;
  for (let i = 1; i < closes.length; i++) {
    const hours = (times[i] - times[i - 1]) / HOUR_MS;
    if (!(hours > 0) || !(closes[i] > 0) || !(closes[i - 1] > 0)) continue;
    const scaled = Math.log(closes[i] / closes[i - 1]) / Math.sqrt(hours);
    n++;
    sum += scaled;
    sumSq += scaled * scaled;
  }
  if (n < MIN_RETURNS) return null;
  const mean = sum / n;
  return { perSqrtHour: Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))), returns: n };
}

/** The 99 % adverse move over `hours`, as a fraction of the price: z σ √hours (as a price change, 1 − e^(−z σ √h)). */
export function adverseMove(vol: RealisedVolatility, hours: number): number {
  return 1 - Math.exp(-ADVERSE_MOVE_Z * vol.perSqrtHour * Math.sqrt(Math.max(0, hours)));
}
