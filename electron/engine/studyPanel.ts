import type { FundingPoint, PricePoint } from '../../shared/domain/quotes.ts';
import { ratePer8h } from '../../shared/funding/normalise.ts';
import { canonicalBase, type SectorMap } from '../../shared/sectors/sectorOf.ts';
import { fundingColumnsOf, priceColumnsOf, type FundingColumns, type KeyColumns, type PriceColumns } from '../../shared/history/historyColumns.ts';

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

/** Builds the panel from settlements and closes as points (tests, the CLI): the same as from columns. */
export function buildStudyPanel(funding: readonly FundingPoint[], prices: readonly PricePoint[], map: SectorMap, options: PanelOptions): StudyPanel {
  return buildStudyPanelOfColumns(fundingColumnsOf(funding), priceColumnsOf(prices), map, options);
}

/**
 * Builds the panel from the store's columns (docs/architecture.md, "The pattern study"): rows
 * grouped into series by their (venue, symbol) codes, each series sorted by time once, then
 * merge-scanned against the grid. Series are taken in (venue, symbol) order, funding before
 * prices, and assets numbered as they first appear in that walk, so the panel does not depend on
 * the order the rows came in (the store's read returns them in that order already).
 */
export function buildStudyPanelOfColumns(funding: FundingColumns, prices: PriceColumns, map: SectorMap, options: PanelOptions): StudyPanel {
  const assets = new AssetIndex(map);
  const fundingSeries = groupFunding(funding, assets, options.fundingStaleIntervals);
  const priceSeries = groupPrices(prices, assets);
  const grid = buildGrid(fundingSeries);
  const G = grid.length;
  const A = assets.names.length;
  const assetFunding = meanAtGrid(fundingSeries, grid, A);
  const sectors = [...new Set(assets.sectorOfAsset)].sort();
  const members = sectors.map((sector) => assets.sectorOfAsset.flatMap((s, a) => (s === sector ? [a] : [])));
  const { median: sectorFunding, dispersion: sectorDispersion } = sectorMedians(assetFunding, members, G, options.minAssetsPerSector, true);
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
  /** Whether the map places the base of a venue symbol (without numbering it). */
  places(symbol: string): boolean {
    return this.map.has(canonicalBase(symbol));
  }
  /** Index of the asset a venue symbol stands for, numbered at its first call; -1 when the map has no sector for it. */
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

function groupFunding(columns: FundingColumns, assets: AssetIndex, staleIntervals: number): Series[] {
  const { series, order } = groupBySeries(columns, assets);
  const { time, rate, intervalHours } = columns;
  const times = new Float64Array(order.length);
  const values = new Float64Array(order.length);
  const maxAgeMs = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    // Settlement stamps carry a few ms of jitter: the minute is the settlement.
    times[j] = Math.round(time[i] / MINUTE_MS) * MINUTE_MS;
    values[j] = ratePer8h(rate[i], intervalHours[i]);
    // A settled rate stands until the next settlement is due (by default); after that the series is stale.
    maxAgeMs[j] = intervalHours[i] * HOUR_MS * staleIntervals;
  }
  return series.map(({ asset, from, to }) => ({ asset, times: times.subarray(from, to), values: values.subarray(from, to), maxAgeMs: maxAgeMs.subarray(from, to) }));
}

function groupPrices(columns: PriceColumns, assets: AssetIndex): Series[] {
  const { series, order } = groupBySeries(columns, assets);
  const { time, close } = columns;
  const times = new Float64Array(order.length);
  const values = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) {
    times[j] = time[order[j]];
    values[j] = close[order[j]];
  }
  return series.map(({ asset, from, to }) => ({ asset, times: times.subarray(from, to), values: values.subarray(from, to), maxAgeMs: null }));
}

/**
 * The rows of mapped assets as series, one per (venue, symbol), in (venue, symbol) order: `order`
 * lists row indices series after series (`from`..`to`), each series' rows by time (ties in row
 * order). One counting pass over the codes; a series is sorted only when its rows are not in
 * time order already.
 */
function groupBySeries(columns: KeyColumns, assets: AssetIndex): { series: { asset: number; from: number; to: number }[]; order: Int32Array } {
  const { venue, symbol, time } = columns;
  const S = columns.symbols.length;
  const placed = Uint8Array.from(columns.symbols, (name) => (assets.places(name) ? 1 : 0));
  // Per (venue, symbol) code pair: its key, UNSEEN, or LEFT_OUT (the map has no sector for it).
  const UNSEEN = -1;
  const LEFT_OUT = -2;
  const keyOfPair = new Int32Array(columns.venues.length * S).fill(UNSEEN);
  const keyPairs: number[] = [];
  const rowsOfKey: number[] = [];
  const keyOfRow = new Int32Array(time.length);
  for (let i = 0; i < keyOfRow.length; i++) {
    const pair = venue[i] * S + symbol[i];
    let key = keyOfPair[pair];
    if (key === UNSEEN) {
      key = placed[symbol[i]] === 1 ? rowsOfKey.push(0) - 1 : LEFT_OUT;
      if (key >= 0) keyPairs.push(pair);
      keyOfPair[pair] = key;
    }
    keyOfRow[i] = key;
    if (key >= 0) rowsOfKey[key]++;
  }
  const ranked = keyPairs.map((pair, key) => ({ key, venue: columns.venues[Math.floor(pair / S)], symbol: columns.symbols[pair % S] }))
    .sort((a, b) => compareStrings(a.venue, b.venue) || compareStrings(a.symbol, b.symbol));
  const next = new Int32Array(keyPairs.length);
  let offset = 0;
  const series = ranked.map(({ key, symbol: name }) => {
    next[key] = offset;
    offset += rowsOfKey[key];
    return { asset: assets.of(name), from: offset - rowsOfKey[key], to: offset };
  });
  const order = new Int32Array(offset);
  for (let i = 0; i < keyOfRow.length; i++) if (keyOfRow[i] >= 0) order[next[keyOfRow[i]]++] = i;
  for (const { from, to } of series) sortByTime(order, from, to, time);
  return { series, order };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts `order[from..to)` by `time`, ties kept in row order; a run already in order is left as it is. */
function sortByTime(order: Int32Array, from: number, to: number, time: Float64Array): void {
  let sorted = true;
  for (let j = from + 1; j < to && sorted; j++) if (time[order[j]] < time[order[j - 1]]) sorted = false;
  if (sorted) return;
  const run = Array.from(order.subarray(from, to)).sort((a, b) => time[a] - time[b] || a - b);
  order.set(run, from);
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
  const at = new Float64Array(G);
  for (const s of series) {
    valueAtGrid(s, grid, 0, null, at);
    const row = s.asset * G;
    for (let g = 0; g < G; g++) {
      if (Number.isNaN(at[g])) continue;
      sum[row + g] += at[g];
      count[row + g]++;
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
  const start = new Float64Array(G);
  const end = new Float64Array(G);
  for (const s of series) {
    valueAtGrid(s, grid, fromMs, maxAgeMs, start);
    valueAtGrid(s, grid, toMs, maxAgeMs, end);
    const row = s.asset * G;
    for (let g = 0; g < G; g++) {
      const r = end[g] / start[g] - 1;
      if (Number.isNaN(r)) continue;
      sum[row + g] += r;
      count[row + g]++;
    }
  }
  for (let i = 0; i < sum.length; i++) sum[i] = count[i] > 0 ? sum[i] / count[i] : Number.NaN;
  return sum;
}

/** Writes into `out` the series' latest value at or before each grid[g] + offset, NaN when none or too old (merge scan). */
function valueAtGrid(s: Series, grid: Float64Array, offsetMs: number, maxAgeMs: number | null, out: Float64Array): void {
  const { times, values } = s;
  const ages = s.maxAgeMs;
  let j = -1;
  for (let g = 0; g < grid.length; g++) {
    const t = grid[g] + offsetMs;
    while (j + 1 < times.length && times[j + 1] <= t) j++;
    out[g] = Number.NaN;
    if (j < 0) continue;
    const maxAge = maxAgeMs ?? (ages as Float64Array)[j];
    if (t - times[j] <= maxAge) out[g] = values[j];
  }
}

/** Grid points gathered at a time by `sectorMedians`: a block of every member's row stays in cache. */
const MEDIAN_BLOCK = 64;

/**
 * Median (and, with `withDispersion`, standard deviation) per group × grid point over members with
 * a value; NaN below `min`. Members are gathered block by block of grid points (rows are
 * asset-major, so one grid point across assets is a strided read), each grid point's values in
 * member order as before.
 */
function sectorMedians(values: Float64Array, groups: number[][], G: number, min: number, withDispersion = false): { median: Float64Array; dispersion: Float64Array } {
  const median = new Float64Array(groups.length * G).fill(Number.NaN);
  const dispersion = new Float64Array(withDispersion ? groups.length * G : 0).fill(Number.NaN);
  const widest = Math.max(1, ...groups.map((g) => g.length));
  const scratch = new Float64Array(MEDIAN_BLOCK * widest);
  const counts = new Int32Array(MEDIAN_BLOCK);
  for (let s = 0; s < groups.length; s++) {
    for (let from = 0; from < G; from += MEDIAN_BLOCK) {
      const width = Math.min(MEDIAN_BLOCK, G - from);
      counts.fill(0);
      for (const a of groups[s]) {
        const row = a * G + from;
        for (let b = 0; b < width; b++) {
          const v = values[row + b];
          if (!Number.isNaN(v)) scratch[b * widest + counts[b]++] = v;
        }
      }
      for (let b = 0; b < width; b++) {
        const n = counts[b];
        if (n < min) continue;
        const members = scratch.subarray(b * widest, b * widest + n);
        median[s * G + from + b] = medianOf(members);
        if (withDispersion) dispersion[s * G + from + b] = standardDeviation(members);
      }
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
