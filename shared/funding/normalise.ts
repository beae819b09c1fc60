/**
 * Funding rates are quoted per settlement interval. Comparing a 1-hour rate with an 8-hour
 * one without normalising is the most common error in funding tools; everything the
 * terminal compares goes through these three functions.
 */
export const HOURS_PER_YEAR = 8760;

/** The terminal's display unit: the rate an 8-hour interval would carry. */
export function ratePer8h(rate: number, intervalHours: number): number {
  return (rate * 8) / intervalHours;
}

/** Simple (non-compounded) annual rate. */
export function rateApr(rate: number, intervalHours: number): number {
  return (rate * HOURS_PER_YEAR) / intervalHours;
}

/** APR of a rate already expressed per 8 h: 1095 eight-hour periods a year. */
export function aprFromPer8h(per8h: number): number {
  return per8h * (HOURS_PER_YEAR / 8);
}
