import type { Opportunity } from '../../../shared/domain/signals.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { Column } from './columns.ts';
import { legFor } from './rowOrder.ts';

/**
 * What each monitor cell reads from its row, so that a batch re-renders only the cells whose
 * figures changed (docs/screens.md, "The monitor redraws only what changed"): every upsert
 * replaces the row object, but usually a leg or two moved and the rest of the row reads the same.
 * A column missing here re-renders whenever its row object is replaced (never stale, only slower).
 */
const CELL_READS: Record<string, (row: Opportunity) => readonly unknown[]> = {
  rank: (r) => [r.rank],
  // The name, its off-grid legs (venue, symbol, stale, rate) and the expander's count.
  base: (r) => [r.base, r.legs, r.longVenue, r.shortVenue, r.otherPairs?.length ?? 0],
  oi: (r) => [r.openInterestUsd],
  volume: (r) => [r.volume24hUsd],
  // The capacity store is matched on the best pair's legs (rowCapacity).
  capacity: (r) => [r.base, r.longVenue, r.shortVenue, r.legs],
  basis: (r) => [r.basis],
  basisZ: (r) => [r.basisZ],
  spread: (r) => [r.spreadPer8h],
  apr: (r) => [r.spreadApr],
  long: (r) => [r.longVenue, r.legs],
  short: (r) => [r.shortVenue, r.legs],
  edge: (r) => [r.expectedNetPerDay, r.carry, r.longVenue, r.shortVenue],
  carry: (r) => [r.netCarryPerDay],
  paid: (r) => [r.longVenue, r.shortVenue, r.legs],
  history: (r) => [r.carry],
  breakEven: (r) => [r.breakEvenHours],
  next: (r) => [r.longVenue, r.shortVenue, r.longNextFundingTime, r.shortNextFundingTime],
  velocity: (r) => [r.velocity.h1],
  regime: (r) => [r.regime, r.meanPer8h, r.persistenceHours],
  signal: (r) => [r.triggered, r.alignment],
};

/**
 * Structural equality of plain data (what the wire delivers), leaving out `observedAt`: a quote's
 * time changes on every poll, and a cell shows it only in the tooltip it computes on hover.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (k === 'observedAt') continue;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function cellReads(column: Column, row: Opportunity): readonly unknown[] | null {
  if (column.venue) {
    const venue = column.venue as VenueId;
    return [legFor(row, venue), venue === row.longVenue, venue === row.shortVenue];
  }
  return CELL_READS[column.id]?.(row) ?? null;
}

/** True when the cell of `column` shows the same for both rows. */
export function sameCell(column: Column, a: Opportunity, b: Opportunity): boolean {
  if (a === b) return true;
  const ra = cellReads(column, a);
  return ra !== null && sameData(ra, cellReads(column, b));
}

/** True when the whole row draws the same: its own marks (triggered, all stale, expandable) and every shown cell. */
export function sameRowView(columns: readonly Column[], a: Opportunity, b: Opportunity): boolean {
  if (a === b) return true;
  if (a.triggered !== b.triggered || (a.otherPairs?.length ?? 0) !== (b.otherPairs?.length ?? 0)) return false;
  if (a.legs.length !== b.legs.length || a.legs.some((l, i) => l.stale !== b.legs[i].stale)) return false;
  return columns.every((c) => sameCell(c, a, b));
}
