import type { FundingPoint, PricePoint } from '../../shared/domain/quotes.ts';
import { ratePer8h } from '../../shared/funding/normalise.ts';
import { canonicalBase, type SectorMap } from '../../shared/sectors/sectorOf.ts';

export const HOUR_MS = 3_600_000;
export const GRID_MS = 8 * HOUR_MS;
const MINUTE_MS = 60_000;

export interface PanelOptions {
  /** A sector's F_S needs at least this many assets with a value. */
  minAssetsPerSector: number;
  /** Offsets from each grid time, in hours, at which every asset's price return is needed. */
  horizonsHours: number[];
  /** The trailing window of the relative-return feature, hours (a look-back: only past prices). */
  trailingHours: number;
  /** A close older than this at the time it is asked for counts as missing (delisted, gap). */
  maxPriceAgeHours: number;
  /** A settled rate stands for this many of its own intervals; after that the series is stale. */
  fundingStaleIntervals: number;
}

/**
 * The study's columnar panel over the 8-hour UTC grid. Matrices are row-major sector × grid
 * (`[s * points + g]`); NaN marks "not defined" (too few assets, no data, stale data).
 */
export interface StudyPanel {
  grid: Float64Array;
  sectors: string[];
  /** Assets of each sector that appear in the funding or price data. */
  sectorAssets: string[][];
  /** F_S(t): median per-8 h funding over the sector's assets with a value. */
  sectorFunding: Float64Array;
  /** Standard deviation of the members' per-8 h funding (dispersion). */
  sectorDispersion: Float64Array;
  /** D_S(t) = F_S(t) − median over sectors of F_S(t). */
  divergence: Float64Array;
  /** Per horizon: R_S(t) sector × grid, and R_M(t) per grid point. */
  sectorReturn: Float64Array[];
  marketReturn: Float64Array[];
  /** R_S − R_M over the trailing window ending at t (past prices only). */
  trailingRelativeReturn: Float64Array;
}

interface Series { asset: number; times: Float64Array; values: Float64Array; maxAgeMs: Float64Array | null }

/** Builds the panel: sort each series once, then merge-scan it against the grid. */
export function buildStudyPanel(funding: readonly FundingPoint[], prices: readonly PricePoint[], map: SectorMap, options: PanelOptions): StudyPanel {
  const assets = new AssetIndex(map);
  const fundingSeries = groupFunding(funding, assets, options.fundingStaleIntervals);
  const priceSeries = groupPrices(prices, assets);
  const grid = buildGrid(fundingSeries);
  const G = grid.length;
  const A = assets.names.length;
  const assetFunding = meanAtGrid(fundingSeries, grid, A);
  const sectors = [...new Set(assets.sectorOfAsset)].sort();
  const members = sectors.map((sector) => assets.sectorOfAsset.flatMap((s, a) => (s === sector ? [a] : [])));
  const { median: sectorFunding, dispersion: sectorDispersion } = sectorMedians(assetFunding, members, G, options.minAssetsPerSector);
  const divergence = divergenceFromCrossSectorMedian(sectorFunding, sectors.length, G);
  const maxPriceAgeMs = options.maxPriceAgeHours * HOUR_MS;
  const allAssets = [Array.from({ length: A }, (_, a) => a)];
  const returnsFor = (fromHours: number, toHours: number) => {
    const assetReturn = meanReturnAtGrid(priceSeries, grid, fromHours * HOUR_MS, toHours * HOUR_MS, A, maxPriceAgeMs);
    return { sector: sectorMedians(assetReturn, members, G, 1).median, market: sectorMedians(assetReturn, allAssets, G, 1).median };
  };
  const horizons = options.horizonsHours.map((hours) => returnsFor(0, hours));
  const trailing = returnsFor(-options.trailingHours, 0);
  const trailingRelativeReturn = new Float64Array(sectors.length * G);
  for (let i = 0; i < trailingRelativeReturn.length; i++) trailingRelativeReturn[i] = trailing.sector[i] - trailing.market[i % G];
  return {
    grid, sectors, sectorAssets: members.map((list) => list.map((a) => assets.names[a])),
    sectorFunding, sectorDispersion, divergence,
    sectorReturn: horizons.map((h) => h.sector), marketReturn: horizons.map((h) => h.market), trailingRelativeReturn,
  };
}

/** Canonical assets that the sector map places; everything else stays out of the study. */
class AssetIndex {
  readonly names: string[] = [];
  readonly sectorOfAsset: string[] = [];
  private readonly bySymbol = new Map<string, number>();
  private readonly byBase = new Map<string, number>();
  private readonly map: SectorMap;
  constructor(map: SectorMap) {
    this.map = map;
  }
  /** Index of the asset a venue symbol stands for, or -1 when the map has no sector for it. */
  of(symbol: string): number {
    const known = this.bySymbol.get(symbol);
    if (known !== undefined) return known;
    const base = canonicalBase(symbol);
    const sector = this.map.get(base);
    let index = sector === undefined ? -1 : (this.byBase.get(base) ?? -1);
    if (sector !== undefined && index < 0) {
      index = this.names.push(base) - 1;
      this.sectorOfAsset.push(sector);
      this.byBase.set(base, index);
    }
    this.bySymbol.set(symbol, index);
    return index;
  }
}

function groupFunding(points: readonly FundingPoint[], assets: AssetIndex, staleIntervals: number): Series[] {
  return groupBySeries(points, assets).map((sorted) => {
    const times = new Float64Array(sorted.length);
    const values = new Float64Array(sorted.length);
    const maxAgeMs = new Float64Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const p = sorted[i];
      // Settlement stamps carry a few ms of jitter: the minute is the settlement.
      times[i] = Math.round(p.time / MINUTE_MS) * MINUTE_MS;
      values[i] = ratePer8h(p.rate, p.intervalHours);
      // A settled rate stands until the next settlement is due (by default); after that the series is stale.
      maxAgeMs[i] = p.intervalHours * HOUR_MS * staleIntervals;
    }
    return { asset: assets.of(sorted[0].symbol), times, values, maxAgeMs };
  });
}

function groupPrices(points: readonly PricePoint[], assets: AssetIndex): Series[] {
  return groupBySeries(points, assets).map((sorted) => {
    const times = new Float64Array(sorted.length);
    const values = new Float64Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      times[i] = sorted[i].time;
      values[i] = sorted[i].close;
    }
    return { asset: assets.of(sorted[0].symbol), times, values, maxAgeMs: null };
  });
}

/** Rows of mapped assets per (venue, symbol), each sorted by time. Files come grouped: reuse the last list. */
function groupBySeries<T extends { venue: string; symbol: string; time: number }>(points: readonly T[], assets: AssetIndex): T[][] {
  const byVenue = new Map<string, Map<string, T[]>>();
  let last: T[] | null = null;
  let lastVenue = '';
  let lastSymbol = '';
  for (const point of points) {
    if (last === null || point.symbol !== lastSymbol || point.venue !== lastVenue) {
      if (assets.of(point.symbol) < 0) { last = null; continue; }
      let bySymbol = byVenue.get(point.venue);
      if (!bySymbol) byVenue.set(point.venue, (bySymbol = new Map()));
      last = bySymbol.get(point.symbol) ?? null;
      if (last === null) bySymbol.set(point.symbol, (last = []));
      lastVenue = point.venue;
      lastSymbol = point.symbol;
    }
    last.push(point);
  }
  return [...byVenue.values()].flatMap((bySymbol) => [...bySymbol.values()].map(sortedByTime));
}

function sortedByTime<T extends { time: number }>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) if (list[i].time < list[i - 1].time) return list.slice().sort((a, b) => a.time - b.time);
  return list;
}

/** Every 8-hour UTC boundary from the first to the last funding settlement. */
function buildGrid(series: Series[]): Float64Array {
  let first = Infinity;
  let last = -Infinity;
  for (const s of series) {
    first = Math.min(first, s.times[0]);
    last = Math.max(last, s.times[s.times.length - 1]);
  }
  if (!Number.isFinite(first)) return new Float64Array(0);
  const start = Math.ceil(first / GRID_MS) * GRID_MS;
  const count = Math.max(0, Math.floor((last - start) / GRID_MS) + 1);
  return Float64Array.from({ length: count }, (_, g) => start + g * GRID_MS);
}

/**
 * Per asset × grid point: the latest funding value at or before grid[g], averaged over the asset's
 * series (venues) that have a fresh one. One merge scan per series: O(rows + series × grid).
 */
function meanAtGrid(series: Series[], grid: Float64Array, assetCount: number): Float64Array {
  const G = grid.length;
  const sum = new Float64Array(assetCount * G);
  const count = new Uint16Array(assetCount * G);
  for (const s of series) {
    const at = valueAtGrid(s, grid, 0, null);
    for (let g = 0; g < G; g++) {
      if (Number.isNaN(at[g])) continue;
      sum[s.asset * G + g] += at[g];
      count[s.asset * G + g]++;
    }
  }
  for (let i = 0; i < sum.length; i++) sum[i] = count[i] > 0 ? sum[i] / count[i] : Number.NaN;
  return sum;
}

/**
 * Per asset × grid point: close(t + to) / close(t + from) − 1, computed per series (so contract
 * multipliers cancel) and averaged over the asset's series where both closes exist.
 */
function meanReturnAtGrid(series: Series[], grid: Float64Array, fromMs: number, toMs: number, assetCount: number, maxAgeMs: number): Float64Array {
  const G = grid.length;
  const sum = new Float64Array(assetCount * G);
  const count = new Uint16Array(assetCount * G);
  for (const s of series) {
    const start = valueAtGrid(s, grid, fromMs, maxAgeMs);
    const end = valueAtGrid(s, grid, toMs, maxAgeMs);
    for (let g = 0; g < G; g++) {
      const r = end[g] / start[g] - 1;
      if (Number.isNaN(r)) continue;
      sum[s.asset * G + g] += r;
      count[s.asset * G + g]++;
    }
  }
  for (let i = 0; i < sum.length; i++) sum[i] = count[i] > 0 ? sum[i] / count[i] : Number.NaN;
  return sum;
}

/** The series' latest value at or before each grid[g] + offset, NaN when none or too old (merge scan). */
function valueAtGrid(s: Series, grid: Float64Array, offsetMs: number, maxAgeMs: number | null): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  const { times, values } = s;
  let j = -1;
  for (let g = 0; g < grid.length; g++) {
    const t = grid[g] + offsetMs;
    while (j + 1 < times.length && times[j + 1] <= t) j++;
    if (j < 0) continue;
    const maxAge = maxAgeMs ?? (s.maxAgeMs as Float64Array)[j];
    if (t - times[j] <= maxAge) out[g] = values[j];
  }
  return out;
}

/** Median (and standard deviation) per group × grid point over members with a value; NaN below `min`. */
function sectorMedians(values: Float64Array, groups: number[][], G: number, min: number): { median: Float64Array; dispersion: Float64Array } {
  const median = new Float64Array(groups.length * G).fill(Number.NaN);
  const dispersion = new Float64Array(groups.length * G).fill(Number.NaN);
  const scratch = new Float64Array(Math.max(1, ...groups.map((g) => g.length)));
  for (let s = 0; s < groups.length; s++) {
    for (let g = 0; g < G; g++) {
      let n = 0;
      for (const a of groups[s]) {
        const v = values[a * G + g];
        if (!Number.isNaN(v)) scratch[n++] = v;
      }
      if (n < min) continue;
      median[s * G + g] = medianOf(scratch.subarray(0, n));
      dispersion[s * G + g] = standardDeviation(scratch.subarray(0, n));
    }
  }
  return { median, dispersion };
}

function divergenceFromCrossSectorMedian(sectorFunding: Float64Array, S: number, G: number): Float64Array {
  const divergence = new Float64Array(S * G).fill(Number.NaN);
  const scratch = new Float64Array(Math.max(1, S));
  for (let g = 0; g < G; g++) {
    let n = 0;
    for (let s = 0; s < S; s++) if (!Number.isNaN(sectorFunding[s * G + g])) scratch[n++] = sectorFunding[s * G + g];
    if (n === 0) continue;
    const crossMedian = medianOf(scratch.subarray(0, n));
    for (let s = 0; s < S; s++) divergence[s * G + g] = sectorFunding[s * G + g] - crossMedian;
  }
  return divergence;
}

/**
 * Median of a non-empty array, reordering it in place; the mean of the two middle values for even
 * counts. Quickselect: O(n) per median instead of a sort, the study's hot spot.
 */
export function medianOf(values: Float64Array): number {
  const n = values.length;
  const mid = n >> 1;
  const upper = selectInPlace(values, mid);
  if (n % 2 === 1) return upper;
  let lower = values[0];
  for (let i = 1; i < mid; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/** Puts the k-th smallest value at index k with smaller-or-equal values before it (Hoare partition). */
function selectInPlace(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

function standardDeviation(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return Math.sqrt(squares / values.length);
}
