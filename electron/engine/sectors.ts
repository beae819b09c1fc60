import type { SectorMap } from '../../shared/sectors/sectorOf.ts';
import { medianOf } from './studyPanel.ts';
import type { SectorSnapshotView, SectorStateView } from '../../shared/domain/sectors.ts';

/**
 * Live sector state for the rotation overlay (docs/domain.md §2), recomputed on each engine tick from
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
  /**
   * Changes whenever a row other than the newest is rewritten or removed (appending and
   * rewriting the newest row keep it). With it, `SampleCursors` reuse last tick's samples;
   * leave it out when unknown (every tick then samples afresh).
   */
  version?: number;
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

/** A sector's state and the whole overlay, as the contract's schemas define them (never mirrored here). */
export type SectorState = SectorStateView;
export type SectorSnapshot = SectorSnapshotView;

const HOUR = 3_600_000;

/**
 * What each asset's look-back queries read on the previous tick, by base. A caller that recomputes
 * every tick over the same growing histories (the engine) passes one: a sampled row stays in force
 * until the next row's time, so between ticks almost every query is answered from here without
 * touching the history (reading a week of samples for 500 assets is mostly cache misses).
 * Never changes a result.
 */
export class SampleCursors {
  readonly byBase = new Map<string, Cursor>();
}

interface Cursor {
  version: number | undefined;
  /** Time of the row read (−∞ when none), and of the row after it: the sample holds in [time, next). */
  time: Float64Array;
  next: Float64Array;
  value: Float64Array;
}

export function computeSectorState(
  now: number, assets: readonly AssetHistory[], map: SectorMap, options: SectorStateOptions = DEFAULT_SECTOR_STATE_OPTIONS, cursors: SampleCursors = new SampleCursors(),
): SectorSnapshot {
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
  const queries: Query[] = [
    ...fundingAgo.map((hours) => ({ hours, column: 'fundingPer8h' as const })),
    ...PRICE_AGO.map((hours) => ({ hours, column: 'price' as const })),
    ...OI_AGO.map((hours) => ({ hours, column: 'openInterestUsd' as const })),
  ];
  const sampled = sampleAll(mapped, queries, now, options.maxAgeMs, cursors);
  const funding = new Sampled(sampled, queries.length, 0);
  const price = new Sampled(sampled, queries.length, fundingAgo.length);
  const oi = new Sampled(sampled, queries.length, fundingAgo.length + PRICE_AGO.length);
  const fq = (hours: number) => fundingAgo.indexOf(hours);
  const medians = fundingAgo.map((_, q) => members.map((list) => funding.medianAt(list, q, options.minAssetsPerSector)));
  const history = Array.from({ length: options.zWindowPoints }, (_, i) => divergenceOf(medians[fq(i * 8)]));
  const current = medians[fq(0)];
  const change = (hours: number, s: number) => diff(current[s], medians[fq(hours)][s]);
  const returnOver = (hours: number) => {
    const then = PRICE_AGO.indexOf(hours);
    return (a: number) => price.at(a, 0) / price.at(a, then) - 1;
  };
  const market24h = medianOver(mapped.map((_, i) => i), returnOver(24), 1);
  const sectors = sectorNames.map((sector, s): SectorState => {
    const list = members[s];
    const divergence = history[0][s];
    const z = zScore(history.map((d) => d[s]));
    const r24 = medianOver(list, returnOver(24), 1);
    return {
      sector, assets: list.filter((a) => !Number.isNaN(funding.at(a, 0))).length,
      medianPer8h: current[s], oiWeightedPer8h: oiWeighted(list, funding, oi), dispersion: deviation(list.map((a) => funding.at(a, 0))),
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

const OI_AGO = [0, 24];

interface Query { hours: number; column: 'fundingPer8h' | 'price' | 'openInterestUsd' }

/**
 * Every mapped asset's value at each query (its column at now − hours; NaN where missing or
 * older than maxAge), flat: asset a's query q at a × queries + q. A query is answered from the
 * cursor while its row still holds, else located by binary search (O(log rows)) and cached.
 * The newest row may still be rewritten, so a query landing there is read again next tick.
 */
function sampleAll(assets: readonly AssetHistory[], queries: readonly Query[], now: number, maxAgeMs: number, cursors: SampleCursors): Float64Array {
  const Q = queries.length;
  const out = new Float64Array(assets.length * Q);
  const at = Float64Array.from(queries, (query) => now - query.hours * HOUR);
  for (let a = 0; a < assets.length; a++) {
    const asset = assets[a];
    const cursor = cursorFor(cursors, asset, Q);
    const times = asset.times;
    const last = times.length - 1;
    for (let q = 0; q < Q; q++) {
      const t = at[q];
      if (!(cursor.time[q] <= t && t < cursor.next[q])) {
        const i = lastAtOrBefore(times, t, last);
        cursor.time[q] = i >= 0 ? times[i] : Number.NEGATIVE_INFINITY;
        cursor.next[q] = i === last ? Number.NEGATIVE_INFINITY : times[i + 1];
        cursor.value[q] = i >= 0 ? asset[queries[q].column][i] : Number.NaN;
      }
      out[a * Q + q] = t - cursor.time[q] <= maxAgeMs ? cursor.value[q] : Number.NaN;
    }
  }
  return out;
}

function cursorFor(cursors: SampleCursors, asset: AssetHistory, queries: number): Cursor {
  const known = cursors.byBase.get(asset.base);
  if (known && known.version !== undefined && known.version === asset.version && known.time.length === queries) return known;
  const cursor: Cursor = {
    version: asset.version,
    time: new Float64Array(queries), next: new Float64Array(queries).fill(Number.NEGATIVE_INFINITY), value: new Float64Array(queries),
  };
  cursors.byBase.set(asset.base, cursor);
  return cursor;
}

/** One column's queries within the flat samples (one allocation per tick, not one per asset). */
class Sampled {
  private readonly values: Float64Array;
  private readonly stride: number;
  private readonly offset: number;
  constructor(values: Float64Array, stride: number, offset: number) {
    this.values = values;
    this.stride = stride;
    this.offset = offset;
  }
  at(asset: number, query: number): number {
    return this.values[asset * this.stride + this.offset + query];
  }

  /** `medianOver` of one query over `assets`, without a closure per value (the hot loop of a tick). */
  medianAt(assets: readonly number[], query: number, min: number): number | null {
    if (scratch.length < assets.length) scratch = new Float64Array(assets.length * 2);
    let n = 0;
    for (const a of assets) {
      const v = this.at(a, query);
      if (!Number.isNaN(v)) scratch[n++] = v;
    }
    return n >= Math.max(1, min) ? medianOf(scratch.subarray(0, n)) : null;
  }
}

/** Index of the last time ≤ t among times[0..hi], or -1. */
function lastAtOrBefore(times: Float64Array, t: number, hi: number): number {
  let lo = 0, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** Latest value at or before t (binary search), or NaN when none or older than maxAge. */
export function valueAt(asset: AssetHistory, column: 'fundingPer8h' | 'price' | 'openInterestUsd', t: number, maxAgeMs: number): number {
  const found = lastAtOrBefore(asset.times, t, asset.times.length - 1);
  return found < 0 || t - asset.times[found] > maxAgeMs ? Number.NaN : asset[column][found];
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

function oiWeighted(list: number[], funding: Sampled, oi: Sampled): number | null {
  let weighted = 0, total = 0;
  for (const a of list) {
    const f = funding.at(a, 0), weight = oi.at(a, 0);
    if (Number.isNaN(f) || Number.isNaN(weight) || weight <= 0) continue;
    weighted += f * weight;
    total += weight;
  }
  return total > 0 ? weighted / total : null;
}

function oiChange(list: number[], oi: Sampled): number | null {
  let nowSum = 0, thenSum = 0;
  for (const a of list) {
    if (Number.isNaN(oi.at(a, 0)) || Number.isNaN(oi.at(a, 1))) continue;
    nowSum += oi.at(a, 0);
    thenSum += oi.at(a, 1);
  }
  return thenSum > 0 ? nowSum / thenSum - 1 : null;
}

/** Reused by `medianOver` (medians select in place): no allocation per median. */
let scratch = new Float64Array(1024);

/** Median of `value(item)` over the items where it is defined; null below `min` (and for none). */
function medianOver<T>(items: readonly T[], value: (item: T) => number, min: number): number | null {
  if (scratch.length < items.length) scratch = new Float64Array(items.length * 2);
  const values = scratch;
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

