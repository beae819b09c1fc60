import type { SectorMap } from '../../shared/sectors/sectorOf.ts';
import { medianOf } from './studyPanel.ts';

/**
 * Live sector state for the rotation overlay (issue 4 item 2), recomputed on each engine tick from
 * every asset's recent history. Pure: the clock is `now`, the data are arguments.
 */
export interface AssetHistory {
  /** Canonical base (`PEPE`, not `1000PEPE`). */
  base: string;
  /** Observation times, oldest first, epoch ms; the columns below are aligned with it. */
  times: Float64Array;
  /** Mean per-8 h funding across the asset's fresh venues (NaN when none). */
  fundingPer8h: Float64Array;
  price: Float64Array;
  /** Open interest in USD summed over venues (NaN when unknown). */
  openInterestUsd: Float64Array;
}

export interface SectorStateOptions {
  /** Rotation threshold on D_S, per 8 h (the study's X). */
  thresholdPer8h: number;
  /** |z| at or above which a divergence counts as unusual even below the threshold. */
  zThreshold: number;
  /** Rolling window of the divergence z-score: points every 8 h back from now. */
  zWindowPoints: number;
  /** BTC−ETH funding gap flagged above this, per 8 h. */
  btcEthPer8h: number;
  minAssetsPerSector: number;
  /** A value older than this at a query time counts as missing. */
  maxAgeMs: number;
}

export const DEFAULT_SECTOR_STATE_OPTIONS: SectorStateOptions = {
  thresholdPer8h: 0.0005, zThreshold: 2, zWindowPoints: 21, btcEthPer8h: 0.0005, minAssetsPerSector: 3, maxAgeMs: 2 * 3_600_000,
};

export interface SectorState {
  sector: string;
  /** Assets with a current funding value. */
  assets: number;
  medianPer8h: number | null;
  oiWeightedPer8h: number | null;
  /** Change of the median per-8 h funding over 1 h / 8 h / 24 h. */
  change1h: number | null;
  change8h: number | null;
  change24h: number | null;
  /** Standard deviation of the members' per-8 h funding. */
  dispersion: number | null;
  /** Median price return of the members over 4 h / 24 h / 48 h. */
  return4h: number | null;
  return24h: number | null;
  return48h: number | null;
  /** Sector open interest now against 24 h ago (assets with both), as a fraction. */
  oiChange24h: number | null;
  /** 24-h return minus the market's (median over all mapped assets). */
  relativeStrength24h: number | null;
  /** D_S: median funding minus the cross-sector median, and its z-score over the rolling window. */
  divergence: number | null;
  divergenceZ: number | null;
  signal: 'overheated' | 'washed-out' | null;
}

export interface SectorSnapshot {
  at: number;
  crossSectorMedianPer8h: number | null;
  sectors: SectorState[];
  rotation: { outOf: string[]; into: string[]; label: string | null };
  btcEth: { divergencePer8h: number | null; flagged: boolean };
}

const HOUR = 3_600_000;

export function computeSectorState(now: number, assets: readonly AssetHistory[], map: SectorMap, options: SectorStateOptions = DEFAULT_SECTOR_STATE_OPTIONS): SectorSnapshot {
  const mapped = assets.filter((a) => map.has(a.base));
  const bySector = new Map<string, number[]>();
  mapped.forEach((a, i) => {
    const sector = map.get(a.base) as string;
    const list = bySector.get(sector);
    if (list) list.push(i); else bySector.set(sector, [i]);
  });
  const sectorNames = [...bySector.keys()].sort();
  const members = sectorNames.map((name) => bySector.get(name) as number[]);
  // Hours before now at which each column is needed; z-score points every 8 h back.
  const fundingAgo = [...new Set([0, 1, 8, 24, ...Array.from({ length: options.zWindowPoints }, (_, i) => i * 8)])].sort((x, y) => x - y);
  const funding = sampleColumn(mapped, 'fundingPer8h', now, fundingAgo, options.maxAgeMs);
  const price = sampleColumn(mapped, 'price', now, PRICE_AGO, options.maxAgeMs);
  const oi = sampleColumn(mapped, 'openInterestUsd', now, [0, 24], options.maxAgeMs);
  const fq = (hours: number) => fundingAgo.indexOf(hours);
  const medians = fundingAgo.map((_, q) => members.map((list) => medianOver(list, (a) => funding[a][q], options.minAssetsPerSector)));
  const history = Array.from({ length: options.zWindowPoints }, (_, i) => divergenceOf(medians[fq(i * 8)]));
  const current = medians[fq(0)];
  const change = (hours: number, s: number) => diff(current[s], medians[fq(hours)][s]);
  const returnOver = (hours: number) => (a: number) => price[a][0] / price[a][PRICE_AGO.indexOf(hours)] - 1;
  const market24h = medianOver(mapped.map((_, i) => i), returnOver(24), 1);
  const sectors = sectorNames.map((sector, s): SectorState => {
    const list = members[s];
    const divergence = history[0][s];
    const z = zScore(history.map((d) => d[s]));
    const r24 = medianOver(list, returnOver(24), 1);
    return {
      sector, assets: list.filter((a) => !Number.isNaN(funding[a][0])).length,
      medianPer8h: current[s], oiWeightedPer8h: oiWeighted(list, funding, oi), dispersion: deviation(list.map((a) => funding[a][0])),
      change1h: change(1, s), change8h: change(8, s), change24h: change(24, s),
      return4h: medianOver(list, returnOver(4), 1), return24h: r24, return48h: medianOver(list, returnOver(48), 1),
      oiChange24h: oiChange(list, oi), relativeStrength24h: diff(r24, market24h),
      divergence, divergenceZ: z, signal: signalOf(divergence, z, options),
    };
  });
  const outOf = sectors.filter((s) => s.signal === 'overheated').map((s) => s.sector);
  const into = sectors.filter((s) => s.signal === 'washed-out').map((s) => s.sector);
  return {
    at: now, crossSectorMedianPer8h: medianOver(current.flatMap((v) => (v === null ? [] : [v])), (v) => v, 1), sectors,
    rotation: { outOf, into, label: rotationLabel(outOf, into) },
    btcEth: btcEthDivergence(assets, now, options),
  };
}

const PRICE_AGO = [0, 4, 24, 48];

/**
 * Each asset's column at now − hoursAgo[q] (hoursAgo ascending), by one backward scan per asset:
 * O(assets × (queries + rows scanned)), no search per query.
 */
function sampleColumn(assets: readonly AssetHistory[], column: 'fundingPer8h' | 'price' | 'openInterestUsd', now: number, hoursAgo: number[], maxAgeMs: number): Float64Array[] {
  return assets.map((asset) => {
    const out = new Float64Array(hoursAgo.length).fill(Number.NaN);
    const { times } = asset;
    const values = asset[column];
    let j = times.length - 1;
    for (let q = 0; q < hoursAgo.length; q++) {
      const t = now - hoursAgo[q] * HOUR;
      while (j >= 0 && times[j] > t) j--;
      if (j >= 0 && t - times[j] <= maxAgeMs) out[q] = values[j];
    }
    return out;
  });
}

/** Latest value at or before t (binary search), or NaN when none or older than maxAge. */
export function valueAt(asset: AssetHistory, column: 'fundingPer8h' | 'price' | 'openInterestUsd', t: number, maxAgeMs: number): number {
  const times = asset.times;
  let lo = 0, hi = times.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 || t - times[found] > maxAgeMs ? Number.NaN : asset[column][found];
}

/**
 * Overheated: D_S at or above the threshold, or an unusual positive divergence (z ≥ zThreshold):
 * crowded longs in the sector, the setup the study tests for a rotation out. Washed-out is the
 * mirror image: the candidate the money rotates into.
 */
function signalOf(divergence: number | null, z: number | null, o: SectorStateOptions): SectorState['signal'] {
  if (divergence === null) return null;
  if (divergence >= o.thresholdPer8h || (z !== null && z >= o.zThreshold && divergence > 0)) return 'overheated';
  if (divergence <= -o.thresholdPer8h || (z !== null && z <= -o.zThreshold && divergence < 0)) return 'washed-out';
  return null;
}

function rotationLabel(outOf: string[], into: string[]): string | null {
  if (outOf.length === 0 && into.length === 0) return null;
  const parts = [outOf.length ? `rotation out of ${outOf.join(', ')}` : null, into.length ? `into ${into.join(', ')}` : null];
  return parts.filter(Boolean).join(' / ');
}

function btcEthDivergence(assets: readonly AssetHistory[], now: number, o: SectorStateOptions): SectorSnapshot['btcEth'] {
  const rate = (base: string) => {
    const asset = assets.find((a) => a.base === base);
    return asset ? valueAt(asset, 'fundingPer8h', now, o.maxAgeMs) : Number.NaN;
  };
  const gap = rate('BTC') - rate('ETH');
  return Number.isNaN(gap) ? { divergencePer8h: null, flagged: false } : { divergencePer8h: gap, flagged: Math.abs(gap) > o.btcEthPer8h };
}

function divergenceOf(medians: (number | null)[]): (number | null)[] {
  const cross = medianOver(medians.flatMap((v) => (v === null ? [] : [v])), (v) => v, 1);
  return medians.map((m) => (m === null || cross === null ? null : m - cross));
}

function oiWeighted(list: number[], funding: Float64Array[], oi: Float64Array[]): number | null {
  let weighted = 0, total = 0;
  for (const a of list) {
    const f = funding[a][0], weight = oi[a][0];
    if (Number.isNaN(f) || Number.isNaN(weight) || weight <= 0) continue;
    weighted += f * weight;
    total += weight;
  }
  return total > 0 ? weighted / total : null;
}

function oiChange(list: number[], oi: Float64Array[]): number | null {
  let nowSum = 0, thenSum = 0;
  for (const a of list) {
    if (Number.isNaN(oi[a][0]) || Number.isNaN(oi[a][1])) continue;
    nowSum += oi[a][0];
    thenSum += oi[a][1];
  }
  return thenSum > 0 ? nowSum / thenSum - 1 : null;
}

/** Median of `value(item)` over the items where it is defined; null below `min` (and for none). */
function medianOver<T>(items: readonly T[], value: (item: T) => number, min: number): number | null {
  const values = new Float64Array(items.length);
  let n = 0;
  for (const item of items) {
    const v = value(item);
    if (!Number.isNaN(v)) values[n++] = v;
  }
  return n >= Math.max(1, min) ? medianOf(values.subarray(0, n)) : null;
}

function deviation(values: number[]): number | null {
  const defined = values.filter((v) => !Number.isNaN(v));
  if (defined.length < 2) return null;
  const mean = defined.reduce((s, v) => s + v, 0) / defined.length;
  return Math.sqrt(defined.reduce((s, v) => s + (v - mean) ** 2, 0) / defined.length);
}

/** z of the first value against the window (current and past values), null below 5 defined points. */
function zScore(window: (number | null)[]): number | null {
  const defined = window.filter((v): v is number => v !== null);
  if (window[0] === null || defined.length < 5) return null;
  const mean = defined.reduce((s, v) => s + v, 0) / defined.length;
  const sd = Math.sqrt(defined.reduce((s, v) => s + (v - mean) ** 2, 0) / defined.length);
  return sd > 0 ? (window[0] - mean) / sd : 0;
}

function diff(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

