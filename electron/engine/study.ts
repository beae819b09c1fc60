import type { StudyEvent, StudySummaryView } from '../../shared/domain/patterns.ts';
import type { FundingPoint, PricePoint } from '../../shared/domain/quotes.ts';
import type { SectorMap } from '../../shared/sectors/sectorOf.ts';
import { wilsonInterval } from './proportions.ts';
import type { FundingColumns, PriceColumns } from '../../shared/history/historyColumns.ts';
import { buildStudyPanel, buildStudyPanelOfColumns, type PanelOptions, type StudyPanel } from './studyPanel.ts';

/**
 * The event study (docs/domain.md §2.6): does a sector whose funding runs above the cross-sector
 * median underperform the market over the next Z hours? Every number reported comes with n, the
 * base rate over all comparable grid points, and an in-sample / out-of-sample split by time.
 */
export interface StudyParams {
  /** X: an event when D_S crosses up through this, decimal per 8 h (0.0005 = 0.05 %). */
  thresholdPer8h: number;
  /** Z: outcome horizons in hours. */
  horizonsHours: number[];
  /** k: a hit when R_S − R_M ≤ −k. */
  k: number;
  minAssetsPerSector: number;
  /** Share of the grid period, from its start, that is in-sample. */
  inSampleShare: number;
  maxPriceAgeHours: number;
  /** Look-back of the trailing relative-return feature (used by the model). */
  trailingHours: number;
  /** How many of its own intervals a settled funding rate stands for before the series counts as stale. */
  fundingStaleIntervals: number;
}

export const DEFAULT_STUDY_PARAMS: StudyParams = {
  thresholdPer8h: 0.0005, horizonsHours: [24, 48], k: 0.02, minAssetsPerSector: 3, inSampleShare: 0.7, maxPriceAgeHours: 8, trailingHours: 24, fundingStaleIntervals: 1,
};

export interface HorizonResult {
  horizonHours: number;
  inSample: StudySummaryView;
  outOfSample: StudySummaryView;
  all: StudySummaryView;
  events: StudyEvent[];
}

export interface StudyResult {
  params: StudyParams;
  period: { from: number | null; to: number | null; gridPoints: number; splitTime: number | null };
  sectors: { name: string; assets: number }[];
  horizons: HorizonResult[];
}

/** The panel the study and the model share, built with the study's parameters. */
export function studyPanelFor(funding: readonly FundingPoint[], prices: readonly PricePoint[], map: SectorMap, params: StudyParams): StudyPanel {
  return buildStudyPanel(funding, prices, map, panelOptionsOf(params));
}

/** The same panel from the store's columns (the worker's path: no object per row). */
export function studyPanelOfColumns(funding: FundingColumns, prices: PriceColumns, map: SectorMap, params: StudyParams): StudyPanel {
  return buildStudyPanelOfColumns(funding, prices, map, panelOptionsOf(params));
}

function panelOptionsOf(params: StudyParams): PanelOptions {
  return {
    minAssetsPerSector: params.minAssetsPerSector, horizonsHours: params.horizonsHours, trailingHours: params.trailingHours, maxPriceAgeHours: params.maxPriceAgeHours,
    fundingStaleIntervals: params.fundingStaleIntervals,
  };
}

/** Events, outcomes and summaries from a built panel (the model reuses the same panel). */
export function summarisePanel(panel: StudyPanel, params: StudyParams): StudyResult {
  const G = panel.grid.length;
  const splitTime = studySplitTime(panel.grid, params.inSampleShare);
  return {
    params,
    period: { from: G > 0 ? panel.grid[0] : null, to: G > 0 ? panel.grid[G - 1] : null, gridPoints: G, splitTime },
    sectors: panel.sectors.map((name, s) => ({ name, assets: panel.sectorAssets[s].length })),
    horizons: params.horizonsHours.map((horizonHours, h) => summariseHorizon(panel, h, horizonHours, params, splitTime ?? Infinity)),
  };
}

/** In-sample is t < splitTime: the first `share` of the grid period. */
export function studySplitTime(grid: Float64Array, share: number): number | null {
  if (grid.length === 0) return null;
  return grid[0] + share * (grid[grid.length - 1] - grid[0]);
}

/** An event for sector s at grid index g: D crosses up through X, both D values defined. */
export function isEvent(divergence: Float64Array, s: number, g: number, G: number, threshold: number): boolean {
  if (g === 0) return false;
  const now = divergence[s * G + g];
  const before = divergence[s * G + g - 1];
  return !Number.isNaN(now) && !Number.isNaN(before) && now >= threshold && before < threshold;
}

/** The outcome at (s, g): R_S − R_M ≤ −k, or null when either return cannot be computed. */
export function outcomeAt(panel: StudyPanel, h: number, s: number, g: number, k: number): boolean | null {
  const G = panel.grid.length;
  const sectorReturn = panel.sectorReturn[h][s * G + g];
  const marketReturn = panel.marketReturn[h][g];
  if (Number.isNaN(sectorReturn) || Number.isNaN(marketReturn)) return null;
  return sectorReturn - marketReturn <= -k;
}

function summariseHorizon(panel: StudyPanel, h: number, horizonHours: number, params: StudyParams, splitTime: number): HorizonResult {
  const G = panel.grid.length;
  const windowMs = horizonHours * 3_600_000;
  const tallies = { in: new Tally(windowMs), out: new Tally(windowMs) };
  const events: StudyEvent[] = [];
  for (let s = 0; s < panel.sectors.length; s++) {
    for (let g = 0; g < G; g++) {
      if (Number.isNaN(panel.divergence[s * G + g])) continue;
      const tally = panel.grid[g] < splitTime ? tallies.in : tallies.out;
      const hit = outcomeAt(panel, h, s, g, params.k);
      if (hit !== null) tally.addBase(hit);
      if (!isEvent(panel.divergence, s, g, G, params.thresholdPer8h)) continue;
      tally.addEvent(hit, panel.grid[g]);
      events.push({
        sector: panel.sectors[s], time: panel.grid[g], divergence: panel.divergence[s * G + g],
        sectorReturn: hit === null ? null : panel.sectorReturn[h][s * G + g], marketReturn: hit === null ? null : panel.marketReturn[h][g], hit,
      });
    }
  }
  events.sort((a, b) => a.time - b.time || a.sector.localeCompare(b.sector));
  return { horizonHours, inSample: tallies.in.summary(), outOfSample: tallies.out.summary(), all: Tally.merged(tallies.in, tallies.out).summary(), events };
}

class Tally {
  readonly windowMs: number;
  n = 0;
  /** Times of the events with an outcome, for the effective n. */
  readonly eventTimes: number[] = [];
  hits = 0;
  excluded = 0;
  basePoints = 0;
  baseHits = 0;
  addBase(hit: boolean): void {
    this.basePoints++;
    if (hit) this.baseHits++;
  }
  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }
  addEvent(hit: boolean | null, time: number): void {
    if (hit === null) { this.excluded++; return; }
    this.eventTimes.push(time);
    this.n++;
    if (hit) this.hits++;
  }
  static merged(a: Tally, b: Tally): Tally {
    const t = new Tally(a.windowMs);
    for (const time of [a.eventTimes, b.eventTimes].flat()) t.eventTimes.push(time);
    t.n = a.n + b.n; t.hits = a.hits + b.hits; t.excluded = a.excluded + b.excluded;
    t.basePoints = a.basePoints + b.basePoints; t.baseHits = a.baseHits + b.baseHits;
    return t;
  }
  summary(): StudySummaryView {
    const hitRate = this.n > 0 ? this.hits / this.n : null;
    const baseRate = this.basePoints > 0 ? this.baseHits / this.basePoints : null;
    return {
      n: this.n, effectiveN: independentWindows(this.eventTimes, this.windowMs), hits: this.hits, hitRate,
      ci95: wilsonInterval(this.hits, this.n, independentWindows(this.eventTimes, this.windowMs)), baseRate, basePoints: this.basePoints,
      lift: hitRate !== null && baseRate !== null && baseRate > 0 ? hitRate / baseRate : null, excluded: this.excluded,
    };
  }
}

/**
 * How many non-overlapping outcome windows the events span: sorted by time, an event opens a
 * new window when it comes at or after the end of the current one (its start + `windowMs`).
 */
export function independentWindows(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let windows = 0;
  let end = -Infinity;
  for (const time of sorted) {
    if (time < end) continue;
    windows++;
    end = time + windowMs;
  }
  return windows;
}
