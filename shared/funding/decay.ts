/**
 * How a cross-venue spread decays (docs/domain.md §1 "Expected carry under decay"): an AR(1) fit
 * on one venue pair's per-8 h spread, x_t = c + φ x_{t−1} + e, whose expectation k steps of 8 h
 * ahead is μ + φ^k (x_0 − μ). Pure: the series and the parameters are the arguments.
 */
import type { SpreadDecay } from '../domain/signals.ts';

const GRID_HOURS = 8;

export interface Ar1Fit { phi: number | null; intercept: number | null; halfLifeHours: number | null; n: number }

/**
 * AR(1) with an intercept by least squares over consecutive defined pairs of an evenly spaced
 * series. Half-life = −ln 2 / ln φ steps, null when φ ∉ (0, 1): a spread that does not revert
 * (φ ≥ 1) or that flips sign each step (φ ≤ 0) has no half-life.
 */
export function ar1HalfLife(series: ArrayLike<number>, stepHours: number): Ar1Fit {
  let n = 0; let sx = 0; let sy = 0; let sxx = 0; let sxy = 0;
  for (let i = 1; i < series.length; i++) {
    const x = series[i - 1];
    const y = series[i];
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    n++; sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  const varianceX = sxx - (sx * sx) / n;
  if (n < 3 || !(varianceX > 1e-12 * sxx)) return { phi: null, intercept: null, halfLifeHours: null, n };
  const phi = (sxy - (sx * sy) / n) / varianceX;
  const halfLifeHours = phi > 0 && phi < 1 ? (-Math.LN2 / Math.log(phi)) * stepHours : null;
  return { phi, intercept: (sy - phi * sx) / n, halfLifeHours, n };
}

/** The expected path of one pair's spread, oriented as what the position receives per 8 h (short-leg rate minus long-leg rate; a single perp leg's own received rate). */
export type { SpreadDecay };

export interface DecayParams {
  /** Fewer consecutive 8-h pairs than this (7 days) and the default applies. */
  minPairs: number;
  /** The default's half-life and level: conservative, shorter than most fitted ones (docs/domain.md §1). */
  defaultHalfLifeHours: number;
  defaultLevelPer8h: number;
}

/**
 * On BTC and ETH across seven venues (2020–2023) the fitted half-lives at trigger crossings had a
 * lower quartile of about 2 h and a median of about 4 h: the default assumes the faster one.
 */
export const DEFAULT_DECAY_PARAMS: DecayParams = { minPairs: 21, defaultHalfLifeHours: 2, defaultLevelPer8h: 0 };

const NO_REALISED = { d1: null, d3: null, d7: null };

/** The conservative assumption, saying why it applies. */
export function defaultDecay(reason: string, params: DecayParams = DEFAULT_DECAY_PARAMS, realisedPer8h: SpreadDecay['realisedPer8h'] = NO_REALISED, n = 0): SpreadDecay {
  return {
    phi: 0.5 ** (GRID_HOURS / params.defaultHalfLifeHours), levelPer8h: params.defaultLevelPer8h,
    halfLifeHours: params.defaultHalfLifeHours, n, source: 'default', reason, realisedPer8h,
  };
}

function trailingMean(series: ArrayLike<number>, points: number): number | null {
  let sum = 0;
  let n = 0;
  for (let i = Math.max(0, series.length - points); i < series.length; i++) if (!Number.isNaN(series[i])) { sum += series[i]; n++; }
  return n ? sum / n : null;
}

/**
 * Fits the decay of a spread sampled on the 8-hour grid (oldest first, NaN where unknown). The
 * level is the AR(1)'s long-run mean c / (1 − φ); a φ ≤ 0 is taken as 0 (the excess is gone by
 * the next step); φ ≥ 1 shows no reversion in the sample, and the conservative
 * default applies rather than a spread that never decays.
 */
export function fitSpreadDecay(spreadPer8h: ArrayLike<number>, params: DecayParams = DEFAULT_DECAY_PARAMS): SpreadDecay {
  const realised = { d1: trailingMean(spreadPer8h, 3), d3: trailingMean(spreadPer8h, 9), d7: trailingMean(spreadPer8h, 21) };
  const fit = ar1HalfLife(spreadPer8h, GRID_HOURS);
  if (fit.n < params.minPairs) return defaultDecay(`${fit.n} 8-h pairs of history, fewer than ${params.minPairs}`, params, realised, fit.n);
  if (fit.phi === null || fit.phi >= 1) return defaultDecay(`no reversion in ${fit.n} 8-h pairs`, params, realised, fit.n);
  const phi = Math.max(0, fit.phi);
  return {
    phi, levelPer8h: fit.intercept! / (1 - fit.phi), halfLifeHours: phi > 0 ? fit.halfLifeHours : 0,
    n: fit.n, source: 'fit', reason: `AR(1) over ${fit.n} 8-h pairs`, realisedPer8h: realised,
  };
}

/** The same decay seen from the other side of the pair: the spread and its level change sign. */
export function reversed(decay: SpreadDecay): SpreadDecay {
  const flip = (v: number | null) => (v === null ? null : -v);
  const { d1, d3, d7 } = decay.realisedPer8h;
  return { ...decay, levelPer8h: -decay.levelPer8h, realisedPer8h: { d1: flip(d1), d3: flip(d3), d7: flip(d7) } };
}

/**
 * Mean of φ^(u / 8) over u ∈ [fromHours, toHours]: the share of today's excess over the level
 * that an interval of that span still earns on average (exact for the exponential path).
 */
export function meanDecayFactor(phi: number, fromHours: number, toHours: number): number {
  if (phi >= 1) return 1;
  if (phi <= 0) return fromHours === 0 && toHours === 0 ? 1 : 0;
  const at = (u: number) => phi ** (u / GRID_HOURS);
  if (toHours <= fromHours) return at(fromHours);
  return (at(toHours) - at(fromHours)) / (((toHours - fromHours) / GRID_HOURS) * Math.log(phi));
}
