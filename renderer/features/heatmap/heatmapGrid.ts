import type { AccrualRow, FundingAccrual } from '../../../shared/domain/fundingAccrual.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { assetTimelines } from '../../../shared/funding/accrual.ts';
import { ratePer8h } from '../../../shared/funding/normalise.ts';
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

type CellsByBase = Map<string, Map<VenueId, { cell: HeatmapCell; weight: number }>>;

/** Per asset and venue, the listing that weighs most (a venue may list an asset twice, e.g. a USDT and a USDC perp). */
function heaviestCells<T>(items: Iterable<T>, read: (item: T) => { base: string; venue: VenueId; cell: HeatmapCell; weight: number } | null): CellsByBase {
  const byBase: CellsByBase = new Map();
  for (const item of items) {
    const entry = read(item);
    if (!entry) continue;
    const venues = byBase.get(entry.base) ?? byBase.set(entry.base, new Map()).get(entry.base)!;
    const held = venues.get(entry.venue);
    if (!held || entry.weight > held.weight) venues.set(entry.venue, { cell: entry.cell, weight: entry.weight });
  }
  return byBase;
}

/** The live rate per 8 h; a venue's main listing is the one with most open interest (the USDT perp over a thin USDC twin). */
const liveCells = (quotes: Iterable<FundingQuote>): CellsByBase => heaviestCells(quotes, (q) => {
  const rate = q.rate ?? q.lastSettledRate;
  return rate === null ? null : { base: q.base, venue: q.venue, cell: { value: ratePer8h(rate, q.intervalHours) }, weight: q.openInterestUsd ?? 0 };
});

/** A window's accumulated funding; a venue's main listing is the one with most settlements in it. */
const accruedCells = (rows: readonly AccrualRow[], window: 0 | 1 | 2): CellsByBase => heaviestCells(rows, (row) => {
  const counted = row.settlements[window];
  return counted === 0 ? null : {
    base: row.base, venue: row.venue, weight: counted,
    cell: { value: row.sums[window], settlements: { counted, expected: row.expected[window] } },
  };
});

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
