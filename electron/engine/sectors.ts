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
  const sectorNames = [...new Set(assets.flatMap((a) => map.get(a.base) ?? []))].sort();
  const members = sectorNames.map((name) => assets.filter((a) => map.get(a.base) === name));
  const mapped = members.flat();
  const at = (t: number, column: 'fundingPer8h' | 'price' | 'openInterestUsd') => (a: AssetHistory) => valueAt(a, column, t, options.maxAgeMs);
  const fundingMedians = (t: number) => members.map((list) => medianOrNull(list.map(at(t, 'fundingPer8h')), options.minAssetsPerSector));
  const divergences = (t: number) => divergenceOf(fundingMedians(t));
  const history = Array.from({ length: options.zWindowPoints }, (_, i) => divergences(now - i * 8 * HOUR));
  const current = fundingMedians(now);
  const ago = (hours: number) => fundingMedians(now - hours * HOUR);
  const [h1, h8, h24] = [ago(1), ago(8), ago(24)];
  const returns = (hours: number) => (a: AssetHistory) => ratio(at(now, 'price')(a), at(now - hours * HOUR, 'price')(a));
  const market24h = medianOrNull(mapped.map(returns(24)), 1);
  const sectors = sectorNames.map((sector, s): SectorState => {
    const list = members[s];
    const divergence = history[0][s];
    const z = zScore(history.map((d) => d[s]));
    const r24 = medianOrNull(list.map(returns(24)), 1);
    return {
      sector, assets: list.filter((a) => !Number.isNaN(at(now, 'fundingPer8h')(a))).length,
      medianPer8h: current[s], oiWeightedPer8h: oiWeighted(list, now, options.maxAgeMs), dispersion: deviation(list.map(at(now, 'fundingPer8h'))),
      change1h: diff(current[s], h1[s]), change8h: diff(current[s], h8[s]), change24h: diff(current[s], h24[s]),
      return4h: medianOrNull(list.map(returns(4)), 1), return24h: r24, return48h: medianOrNull(list.map(returns(48)), 1),
      oiChange24h: oiChange(list, now, options.maxAgeMs), relativeStrength24h: diff(r24, market24h),
      divergence, divergenceZ: z, signal: signalOf(divergence, z, options),
    };
  });
  const outOf = sectors.filter((s) => s.signal === 'overheated').map((s) => s.sector);
  const into = sectors.filter((s) => s.signal === 'washed-out').map((s) => s.sector);
  return {
    at: now, crossSectorMedianPer8h: medianOrNull(current.filter((v): v is number => v !== null), 1), sectors,
    rotation: { outOf, into, label: rotationLabel(outOf, into) },
    btcEth: btcEthDivergence(assets, now, options),
  };
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
  const cross = medianOrNull(medians.filter((v): v is number => v !== null), 1);
  return medians.map((m) => (m === null || cross === null ? null : m - cross));
}

function oiWeighted(list: AssetHistory[], now: number, maxAge: number): number | null {
  let weighted = 0, total = 0;
  for (const a of list) {
    const f = valueAt(a, 'fundingPer8h', now, maxAge);
    const oi = valueAt(a, 'openInterestUsd', now, maxAge);
    if (Number.isNaN(f) || Number.isNaN(oi) || oi <= 0) continue;
    weighted += f * oi;
    total += oi;
  }
  return total > 0 ? weighted / total : null;
}

function oiChange(list: AssetHistory[], now: number, maxAge: number): number | null {
  let nowSum = 0, thenSum = 0;
  for (const a of list) {
    const current = valueAt(a, 'openInterestUsd', now, maxAge);
    const before = valueAt(a, 'openInterestUsd', now - 24 * HOUR, maxAge);
    if (Number.isNaN(current) || Number.isNaN(before)) continue;
    nowSum += current;
    thenSum += before;
  }
  return thenSum > 0 ? nowSum / thenSum - 1 : null;
}

function medianOrNull(values: number[], min: number): number | null {
  const defined = Float64Array.from(values.filter((v) => !Number.isNaN(v)));
  return defined.length >= min && defined.length > 0 ? medianOf(defined) : null;
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

function ratio(now: number, before: number): number {
  return now / before - 1;
}
