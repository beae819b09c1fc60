import type { FundingQuote } from '../domain/quotes.ts';
import type { Opportunity, SignalsBatch } from '../domain/signals.ts';
import type { StreamName } from './contract.ts';

/**
 * How each stream's payloads fold together, declared once for both sides: the main process
 * coalesces a frame's traffic with these rules (`streamBatcher.ts`) and the renderer's stores
 * apply what arrives with the same ones. A new stream does not compile until it is listed.
 * - `by-key`: the newest payload per key wins (quotes, by venue and symbol);
 * - `signals`: a full batch replaces every row; otherwise rows upsert by base and `removed` deletes;
 * - `append`: every payload is kept, in order (alerts);
 * - `latest`: only the newest payload matters.
 */
export const streamMerge = {
  quotes: 'by-key',
  signals: 'signals',
  alerts: 'append',
  health: 'latest',
  tradingState: 'latest',
  demoClock: 'latest',
  sectors: 'latest',
  positions: 'latest',
  killSwitch: 'latest',
  backtestProgress: 'latest',
  capacity: 'latest',
} as const satisfies Record<StreamName, 'by-key' | 'signals' | 'append' | 'latest'>;

/** The key quotes merge by. */
export function quoteKey(q: Pick<FundingQuote, 'venue' | 'symbol'>): string {
  return `${q.venue}|${q.symbol}`;
}

/** Folds a newer batch into an older one; a full batch supersedes everything before it. */
export function mergeSignals(older: SignalsBatch | null, newer: SignalsBatch): SignalsBatch {
  if (!older || newer.full) return newer;
  const rows = new Map(older.upserts.map((o) => [o.base, o]));
  const removed = new Set(older.removed);
  for (const base of newer.removed) {
    rows.delete(base);
    removed.add(base);
  }
  for (const row of newer.upserts) {
    rows.set(row.base, row);
    removed.delete(row.base);
  }
  return { full: older.full, upserts: [...rows.values()], removed: older.full ? [] : [...removed], summary: newer.summary };
}

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
