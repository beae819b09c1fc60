import type { HistoryAnalytics, PersistenceAtThreshold, RollingPoint, SeriesAnalytics } from '../../shared/domain/patterns.ts';
import type { FundingPoint } from '../../shared/domain/quotes.ts';
import { ratePer8h } from '../../shared/funding/normalise.ts';
import { canonicalBase } from '../../shared/sectors/sectorOf.ts';
import { ar1HalfLife, type Ar1Fit } from '../../shared/funding/decay.ts';

/**
 * History analytics over settled funding: per venue/symbol the trailing
 * 30-day mean and volatility of the per-8 h rate, persistence above thresholds and at the cap,
 * the cross-venue spread half-life of a base, and the correlation of funding across assets.
 * Pure: the series and the parameters are the arguments; nothing reads a clock.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const GRID_MS = 8 * HOUR_MS;

export interface AnalyticsParams {
  /** Trailing window of the rolling mean and volatility, days. */
  windowDays: number;
  /** Persistence thresholds, decimal per 8 h (0.0005 = 0.05 %). */
  thresholdsPer8h: number[];
  /** A rate within this share of the cap counts as at the cap (venues round the capped rate). */
  capTolerance: number;
}

export const DEFAULT_ANALYTICS_PARAMS: AnalyticsParams = { windowDays: 30, thresholdsPer8h: [0.0001, 0.0005, 0.001], capTolerance: 0.001 };

/** One venue/symbol's settlements, sorted by time, with per-8 h rates. */
interface Series { venue: string; symbol: string; times: number[]; rates: number[]; per8h: number[]; hours: number[] }

/** Analytics per venue/symbol; `capOf` gives the cap (decimal per interval) where it is known. */
export function seriesAnalytics(
  funding: readonly FundingPoint[],
  params: AnalyticsParams = DEFAULT_ANALYTICS_PARAMS,
  capOf: (venue: string, symbol: string) => number | null = () => null,
): SeriesAnalytics[] {
  return groupSeries(funding).map((series) => {
    const rolling = rollingStats(series.times, series.per8h, params.windowDays * DAY_MS);
    return {
      venue: series.venue, symbol: series.symbol, settlements: series.times.length,
      from: series.times[0], to: series.times[series.times.length - 1],
      rolling, latest: rolling[rolling.length - 1],
      persistence: params.thresholdsPer8h.map((threshold) => persistence(series.per8h, series.hours, threshold)),
      atCapShare: atCapShare(series, capOf(series.venue, series.symbol), params.capTolerance),
    };
  });
}

function groupSeries(funding: readonly FundingPoint[]): Series[] {
  const byKey = new Map<string, FundingPoint[]>();
  for (const p of funding) {
    const key = `${p.venue}|${p.symbol}`;
    const list = byKey.get(key);
    if (list) list.push(p);
    else byKey.set(key, [p]);
  }
  return [...byKey.values()].map((points) => {
    points.sort((a, b) => a.time - b.time);
    return {
      venue: points[0].venue, symbol: points[0].symbol, times: points.map((p) => p.time), rates: points.map((p) => p.rate),
      per8h: points.map((p) => ratePer8h(p.rate, p.intervalHours)), hours: points.map((p) => p.intervalHours),
    };
  }).sort((a, b) => a.venue.localeCompare(b.venue) || a.symbol.localeCompare(b.symbol));
}

/**
 * Trailing mean and sample standard deviation over (t − window, t], with running sums so the
 * whole series costs O(n). Volatility needs two settlements in the window.
 */
export function rollingStats(times: readonly number[], values: readonly number[], windowMs: number): RollingPoint[] {
  const out: RollingPoint[] = [];
  let start = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < times.length; i++) {
    sum += values[i];
    sumSq += values[i] * values[i];
    while (times[start] <= times[i] - windowMs) {
      sum -= values[start];
      sumSq -= values[start] * values[start];
      start++;
    }
    const n = i - start + 1;
    const mean = sum / n;
    const variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : null;
    out.push({ time: times[i], mean, volatility: variance === null ? null : Math.sqrt(variance), n });
  }
  return out;
}

/** Runs of consecutive settlements at or above the threshold, weighted by each one's interval. */
export function persistence(per8h: readonly number[], hours: readonly number[], thresholdPer8h: number): PersistenceAtThreshold {
  const runs: number[] = [];
  let current = 0;
  let totalHours = 0;
  for (let i = 0; i < per8h.length; i++) {
    totalHours += hours[i];
    if (per8h[i] >= thresholdPer8h) current += hours[i];
    else if (current > 0) { runs.push(current); current = 0; }
  }
  if (current > 0) runs.push(current);
  const above = runs.reduce((a, b) => a + b, 0);
  return {
    thresholdPer8h, runs: runs.length, longestRunHours: runs.reduce((a, b) => Math.max(a, b), 0),
    meanRunHours: runs.length ? above / runs.length : null, shareOfTime: totalHours > 0 ? above / totalHours : 0,
  };
}

function atCapShare(series: Series, cap: number | null, tolerance: number): number | null {
  if (cap === null || !(cap > 0)) return null;
  let capped = 0;
  let total = 0;
  series.rates.forEach((rate, i) => {
    total += series.hours[i];
    if (Math.abs(rate) >= cap * (1 - tolerance)) capped += series.hours[i];
  });
  return total > 0 ? capped / total : null;
}

/**
 * Each series's latest settled per-8 h rate at or before every 8-hour UTC boundary from the
 * first settlement to the last; NaN before a series starts or once its last settlement is older
 * than its own interval plus one grid step (a delisted or silent symbol is not carried forward).
 */
export function onGrid(series: ReadonlyArray<{ times: readonly number[]; per8h: readonly number[]; hours: readonly number[] }>): { grid: number[]; values: Float64Array[] } {
  let first = Infinity;
  let last = -Infinity;
  for (const s of series) {
    if (s.times.length === 0) continue;
    first = Math.min(first, s.times[0]);
    last = Math.max(last, s.times[s.times.length - 1]);
  }
  const grid: number[] = [];
  for (let t = Math.ceil(first / GRID_MS) * GRID_MS; t <= last; t += GRID_MS) grid.push(t);
  const values = series.map((s) => {
    const column = new Float64Array(grid.length).fill(Number.NaN);
    let i = -1;
    grid.forEach((t, g) => {
      while (i + 1 < s.times.length && s.times[i + 1] <= t) i++;
      if (i >= 0 && t - s.times[i] <= s.hours[i] * HOUR_MS + GRID_MS) column[g] = s.per8h[i];
    });
    return column;
  });
  return { grid, values };
}

export interface SpreadHalfLife extends Ar1Fit {
  base: string;
  /** The venues whose settled rates make up the spread (highest minus lowest per 8 h). */
  venues: string[];
  /** Grid points where at least two venues had a rate. */
  points: number;
  meanSpreadPer8h: number | null;
}

/**
 * One base's settled rates on the 8-hour grid, one column per venue (a venue with several symbols
 * for the base counts their mean; NaN where it had no rate in force).
 */
export function venueGrid(base: string, funding: readonly FundingPoint[]): { venues: string[]; grid: number[]; columns: Float64Array[] } {
  const all = groupSeries(funding.filter((p) => canonicalBase(p.symbol) === canonicalBase(base)));
  const venues = [...new Set(all.map((s) => s.venue))].sort();
  const { grid, values } = onGrid(all);
  const columns = venues.map((venue) => {
    const members = all.flatMap((s, i) => (s.venue === venue ? [values[i]] : []));
    return Float64Array.from(grid, (_, g) => meanDefined(members.map((m) => m[g])));
  });
  return { venues, grid, columns };
}

/**
 * The cross-venue spread of one base on the 8-hour grid: at each boundary, the highest minus
 * the lowest venue rate per 8 h (the spread an arbitrage would collect), over venues that have
 * one; then its AR(1) half-life.
 */
export function spreadHalfLife(base: string, funding: readonly FundingPoint[]): SpreadHalfLife {
  const { venues, grid, columns } = venueGrid(base, funding);
  const spread = new Float64Array(grid.length).fill(Number.NaN);
  let points = 0;
  let sum = 0;
  for (let g = 0; g < grid.length; g++) {
    const defined = columns.map((c) => c[g]).filter((v) => !Number.isNaN(v));
    if (defined.length < 2) continue;
    spread[g] = Math.max(...defined) - Math.min(...defined);
    points++;
    sum += spread[g];
  }
  return { base: canonicalBase(base), venues, points, meanSpreadPer8h: points ? sum / points : null, ...ar1HalfLife(spread, 8) };
}

function meanDefined(values: number[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values) if (!Number.isNaN(v)) { sum += v; n++; }
  return n ? sum / n : Number.NaN;
}

/**
 * Correlation across assets of f_a(t), each asset's per-8 h rate on the common 8-hour grid
 * (averaged across venues, as in the event study), each pair over the points where both have one.
 */
export function fundingCorrelation(funding: readonly FundingPoint[], minPairs = 3): HistoryAnalytics['correlation'] {
  const all = groupSeries(funding);
  const { values } = onGrid(all);
  const assets = [...new Set(all.map((s) => canonicalBase(s.symbol)))].sort();
  const G = values[0]?.length ?? 0;
  const columns = assets.map((asset) => {
    const members = all.flatMap((s, i) => (canonicalBase(s.symbol) === asset ? [values[i]] : []));
    return Float64Array.from({ length: G }, (_, g) => meanDefined(members.map((m) => m[g])));
  });
  const matrix = assets.map(() => assets.map((): number | null => null));
  const pairs = assets.map(() => assets.map(() => 0));
  for (let a = 0; a < assets.length; a++) {
    for (let b = a; b < assets.length; b++) {
      const { r, n } = pearson(columns[a], columns[b]);
      matrix[a][b] = matrix[b][a] = n >= minPairs ? r : null;
      pairs[a][b] = pairs[b][a] = n;
    }
  }
  return { assets, matrix, pairs };
}

/** Pearson r over indices where both are defined; null when either side is constant there. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): { r: number | null; n: number } {
  let n = 0; let sx = 0; let sy = 0; let sxx = 0; let syy = 0; let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    n++; sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; syy += y[i] * y[i]; sxy += x[i] * y[i];
  }
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  // Relative tolerance: a constant series leaves only rounding noise in the sums.
  if (n < 2 || !(vx > 1e-12 * sxx) || !(vy > 1e-12 * syy)) return { r: null, n };
  return { r: Math.max(-1, Math.min(1, (sxy - (sx * sy) / n) / Math.sqrt(vx * vy))), n };
}
