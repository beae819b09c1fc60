import type { AccrualRow, FundingAccrual } from '../../../shared/domain/fundingAccrual.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { assetTimelines } from '../../../shared/funding/accrual.ts';
import { VENUE_IDS, type VenueId } from '../../../shared/domain/venues.ts';

/** What an asset × venue cell shows: the live rate per 8 h, or funding accumulated over a window. */
export type HeatmapMeasure = 'now' | 'd1' | 'd7' | 'd30';
export const WINDOW_OF: Record<Exclude<HeatmapMeasure, 'now'>, 0 | 1 | 2> = { d1: 0, d7: 1, d30: 2 };

export interface HeatmapCell {
  /** Decimal: per 8 h for `now`, the window's sum otherwise. */
  value: number;
  /** Accumulated cells: settlements counted and the number a full window holds. */
  settlements?: { counted: number; expected: number };
}

export interface VenueGrid {
  venues: VenueId[];
  /** `spread`: the widest gap between two venues' cells (what a pair across them earns), null with one venue. */
  rows: Array<{ base: string; cells: Array<HeatmapCell | null>; spread: number | null }>;
  /** Full colour: the 90th percentile of |value| shown, so one outlier does not wash out the rest. */
  scale: number;
  /** Assets matching the query before the row limit. */
  matched: number;
}

function spreadOf(venues: ReadonlyMap<VenueId, { cell: HeatmapCell }>): number | null {
  if (venues.size < 2) return null;
  const values = [...venues.values()].map((v) => v.cell.value);
  return Math.max(...values) - Math.min(...values);
}

/** The 90th percentile of |value|: full colour at and beyond it. */
export function colourScale(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = values.map(Math.abs).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))];
}

/** Per asset and venue, the venue's main listing: most open interest (the USDT perp over a thin USDC twin). */
function liveCells(quotes: Iterable<FundingQuote>): Map<string, Map<VenueId, { cell: HeatmapCell; weight: number }>> {
  const byBase = new Map<string, Map<VenueId, { cell: HeatmapCell; weight: number }>>();
  for (const q of quotes) {
    const rate = q.rate ?? q.lastSettledRate;
    if (rate === null) continue;
    const venues = byBase.get(q.base) ?? byBase.set(q.base, new Map()).get(q.base)!;
    const weight = q.openInterestUsd ?? 0;
    const held = venues.get(q.venue);
    if (!held || weight > held.weight) venues.set(q.venue, { cell: { value: (rate * 8) / q.intervalHours }, weight });
  }
  return byBase;
}

function accruedCells(rows: readonly AccrualRow[], window: 0 | 1 | 2): Map<string, Map<VenueId, { cell: HeatmapCell; weight: number }>> {
  const byBase = new Map<string, Map<VenueId, { cell: HeatmapCell; weight: number }>>();
  for (const row of rows) {
    const counted = row.settlements[window];
    if (counted === 0) continue;
    const venues = byBase.get(row.base) ?? byBase.set(row.base, new Map()).get(row.base)!;
    const held = venues.get(row.venue);
    if (!held || counted > held.weight) {
      venues.set(row.venue, { cell: { value: row.sums[window], settlements: { counted, expected: row.expected[window] } }, weight: counted });
    }
  }
  return byBase;
}

/**
 * Asset × venue, the assets with the widest |value| first (where the money is), cut to `limit`
 * rows; venues with nothing to show are left out.
 */
export function buildVenueGrid(
  source: { quotes: Iterable<FundingQuote>; accrual: FundingAccrual | null },
  measure: HeatmapMeasure,
  query: string,
  limit: number,
): VenueGrid {
  const cells = measure === 'now' ? liveCells(source.quotes) : accruedCells(source.accrual?.rows ?? [], WINDOW_OF[measure]);
  const needle = query.trim().toUpperCase();
  const ranked = [...cells]
    .filter(([base]) => base.toUpperCase().includes(needle))
    .map(([base, venues]) => ({ base, venues, widest: Math.max(...[...venues.values()].map((v) => Math.abs(v.cell.value))) }))
    .sort((a, b) => b.widest - a.widest || a.base.localeCompare(b.base));
  const shown = ranked.slice(0, limit);
  const venues = VENUE_IDS.filter((venue) => shown.some((row) => row.venues.has(venue)));
  return {
    venues,
    rows: shown.map((row) => ({ base: row.base, cells: venues.map((venue) => row.venues.get(venue)?.cell ?? null), spread: spreadOf(row.venues) })),
    scale: colourScale(shown.flatMap((row) => [...row.venues.values()].map((v) => v.cell.value))),
    matched: ranked.length,
  };
}

export interface TimeGrid {
  /** End time of each bucket. */
  ends: number[];
  rows: Array<{ base: string; per8h: Array<number | null> }>;
  scale: number;
  matched: number;
}

/** Asset × 8-h bucket over the stored week, the assets that paid most in absolute terms on average first. */
export function buildTimeGrid(accrual: FundingAccrual | null, query: string, limit: number, bucketMs: number): TimeGrid {
  if (!accrual) return { ends: [], rows: [], scale: 0, matched: 0 };
  const { firstEnd, buckets } = accrual.timeline;
  const bases = [...assetTimelines(accrual.rows)].map(([base, per8h]) => ({ base, per8h }));
  const needle = query.trim().toUpperCase();
  const meanAbs = (series: Array<number | null>): number => {
    const known = series.filter((v): v is number => v !== null);
    return known.length === 0 ? 0 : known.reduce((s, v) => s + Math.abs(v), 0) / known.length;
  };
  const ranked = bases
    .filter((b) => b.base.toUpperCase().includes(needle))
    .map((b) => ({ ...b, weight: meanAbs(b.per8h) }))
    .sort((a, b) => b.weight - a.weight || a.base.localeCompare(b.base));
  const rows = ranked.slice(0, limit).map(({ base, per8h }) => ({ base, per8h }));
  const scale = colourScale(rows.flatMap((row) => row.per8h.filter((v): v is number => v !== null)));
  return { ends: Array.from({ length: buckets }, (_, k) => firstEnd + k * bucketMs), rows, scale, matched: ranked.length };
}
