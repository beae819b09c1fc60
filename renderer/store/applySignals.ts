import type { Opportunity, SignalsBatch } from '../../shared/domain/signals.ts';

/**
 * Applies engine batches in arrival order: a `full` batch replaces every row, the others
 * upsert and remove. Returns a new map (zustand needs a new reference) only when rows changed.
 */
export function applySignalsBatches(rows: ReadonlyMap<string, Opportunity>, batches: readonly SignalsBatch[]): ReadonlyMap<string, Opportunity> {
  if (batches.length === 0) return rows;
  let next: Map<string, Opportunity> | null = null;
  for (const batch of batches) {
    if (batch.full) {
      next = new Map();
    } else {
      if (batch.upserts.length === 0 && batch.removed.length === 0) continue;
      next ??= new Map(rows);
    }
    for (const row of batch.upserts) next.set(row.base, row);
    for (const base of batch.removed) next.delete(base);
  }
  return next ?? rows;
}
