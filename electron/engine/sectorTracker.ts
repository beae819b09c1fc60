import type { Opportunity } from '../../shared/domain/signals.ts';
import type { SectorMap } from '../../shared/sectors/sectorOf.ts';
import type { Alignment } from '../../shared/domain/sectors.ts';
import { alignOpportunity } from './alignment.ts';
import { SectorSeries } from './sectorSeries.ts';
import { computeSectorState, DEFAULT_SECTOR_STATE_OPTIONS, SampleCursors, type SectorSnapshot, type SectorStateOptions } from './sectors.ts';

const HOUR = 3_600_000;
/** Live samples per asset: one per quarter hour is finer than any look-back the state uses (1 h). */
export const SECTOR_SAMPLE_MS = 15 * 60_000;

/**
 * Seeded closes are 4 h apart (stamped at the candle's close), so a price may be up to 4 h old
 * at a query time; live samples are 15 min apart. One bound serves both.
 */
export const ENGINE_SECTOR_OPTIONS: SectorStateOptions = { ...DEFAULT_SECTOR_STATE_OPTIONS, maxAgeMs: 4 * HOUR + SECTOR_SAMPLE_MS };

/** One asset's live reading at a sampling time; NaN where unknown. */
export interface SectorSample {
  fundingPer8h: number;
  price: number;
  openInterestUsd: number;
}

/**
 * The engine's sector overlay state: the effective sector map, every asset's history and the
 * latest snapshot. The snapshot is refreshed at most once per minute (and when the map or the
 * seeded prices change), so every row computed within a minute is aligned against the same
 * snapshot and an incremental update equals a full recompute.
 */
export class SectorTracker {
  private map: SectorMap | null = null;
  private readonly series = new Map<string, SectorSeries>();
  private current: SectorSnapshot | null = null;
  private readonly cursors = new SampleCursors();
  private readonly options: SectorStateOptions;
  /** Oldest time any query of the state reaches back to. */
  private readonly retainMs: number;

  constructor(options: SectorStateOptions = ENGINE_SECTOR_OPTIONS) {
    this.options = options;
    this.retainMs = Math.max(48, (options.zWindowPoints - 1) * 8) * HOUR + options.maxAgeMs;
  }

  get snapshot(): SectorSnapshot | null {
    return this.current;
  }

  get hasMap(): boolean {
    return this.map !== null;
  }

  setMap(map: SectorMap): void {
    this.map = map;
  }

  record(base: string, now: number, sample: SectorSample): void {
    this.seriesOf(base).record(now, SECTOR_SAMPLE_MS, sample.fundingPer8h, sample.price, sample.openInterestUsd);
  }

  /** 4-h closes per base (columns: `offsets[i]..offsets[i+1]` are base i's rows, times ascending). */
  seedPrices(bases: readonly string[], offsets: Int32Array, times: Float64Array, closes: Float64Array): void {
    bases.forEach((base, i) => {
      this.seriesOf(base).seed(times.subarray(offsets[i], offsets[i + 1]), closes.subarray(offsets[i], offsets[i + 1]));
    });
  }

  /** Recomputes the snapshot; true when it differs from the previous one in anything but its time. */
  refresh(now: number): boolean {
    if (this.map === null) return false;
    const histories = [];
    for (const series of this.series.values()) {
      series.prune(now - this.retainMs);
      histories.push(series.history());
    }
    const next = computeSectorState(now, histories, this.map, this.options, this.cursors);
    const changed = this.current === null || !sameSnapshot(this.current, next);
    this.current = next;
    return changed;
  }

  /** The row's alignment against the current snapshot; null while there is no map or snapshot. */
  align(row: Pick<Opportunity, 'base' | 'meanPer8h'>): Alignment | null {
    return this.map === null || this.current === null ? null : alignOpportunity(row, this.current, this.map);
  }

  private seriesOf(base: string): SectorSeries {
    let series = this.series.get(base);
    if (!series) this.series.set(base, (series = new SectorSeries(base)));
    return series;
  }
}

/** Equal in every figure (the snapshot is plain JSON-safe data; `at` is ignored). */
function sameSnapshot(a: SectorSnapshot, b: SectorSnapshot): boolean {
  return JSON.stringify({ ...a, at: 0 }) === JSON.stringify({ ...b, at: 0 });
}
