import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';

/** A binary-exact unit (2⁻¹⁴ ≈ 0.0061 %), so sums and differences in hand-checked series are exact. */
export const U = 2 ** -14;
export const H = 3_600_000;
/** 2026-01-01T00:00Z, an 8-hour UTC boundary. */
export const T0 = Date.UTC(2026, 0, 1);

/** Funding rows for one asset on an 8-hour interval: rates[g] in units U, settled at T0 + 8h·g. */
export function funding(symbol: string, rates: (number | null)[], venue = 'binanceusdm', intervalHours = 8): FundingPoint[] {
  return rates.flatMap((rate, i) => (rate === null ? [] : [{ venue, symbol, time: T0 + i * intervalHours * H, rate: rate * U * (intervalHours / 8), intervalHours, markPrice: null }]));
}

/** Price rows every `stepHours`, closes[i] at T0 + step·i. */
export function prices(symbol: string, closes: (number | null)[], stepHours = 8, venue = 'binanceusdm'): PricePoint[] {
  return closes.flatMap((close, i) => (close === null ? [] : [{ venue, symbol, time: T0 + i * stepHours * H, close }]));
}

export function flat(value: number, count: number): number[] {
  return Array.from({ length: count }, () => value);
}
