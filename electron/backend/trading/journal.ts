/**
 * The order journal: every intent, order, venue answer, fill, cancel, funding payment, unwind and
 * UNHEDGED transition, appended to DuckDB with a sequence number. `append` resolves only after
 * the row is committed, so the gateway awaits it before anything leaves the process. Rows are
 * never updated or deleted; the current state of pairs and orders is folded from them once, at
 * open, into the ledger (`ledger.ts`), which each append then keeps current.
 */
import type { Database } from '../store/connection.ts';
import type { JournalEntry, JournalKind } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { JournalHold } from '../../../shared/ipc/contract.ts';
import { createLedger, type Ledger } from './ledger.ts';
import type { JournalExpectation } from './ledgerFold.ts';

export { positionKey } from './ledgerFold.ts';

export type NewJournalEntry = Omit<JournalEntry, 'seq' | 'time'> & { time?: number };

export interface Journal {
  /** Commits the entry, then applies it to the ledger; resolves once both are done. */
  append(entry: NewJournalEntry): Promise<JournalEntry>;
  /** The stored rows (the journal screen, CSV export); readers of state use `ledger`. */
  list(filter?: { from?: number; limit?: number; pairId?: string }): Promise<JournalEntry[]>;
  toCsv(filter?: { from?: number; limit?: number; pairId?: string }): Promise<string>;
  /** The journal folded in memory, kept current by `append`. */
  readonly ledger: Ledger;
}

/** Reads the stored journal once, folds it into the ledger, and returns the journal over both. */
export async function openJournal(db: Database, now: () => number = Date.now): Promise<Journal> {
  const list: Journal['list'] = (filter = {}) =>
    db.exclusive('journal list', async (connection) => {
      const reader = await connection.runAndReadAll(
        `SELECT seq, time, kind, pair_id, venue, symbol, client_order_id, data FROM order_journal
         WHERE seq >= $1 AND ($2 = '' OR pair_id = $2) ORDER BY seq LIMIT $3`,
        [filter.from ?? 0, filter.pairId ?? '', filter.limit ?? 1_000_000],
      );
      return reader.getRowObjectsJS().map((row) => ({
        seq: Number(row.seq), time: Number(row.time), kind: row.kind as JournalKind, pairId: (row.pair_id as string | null) ?? null,
        venue: (row.venue as VenueId | null) ?? null, symbol: (row.symbol as string | null) ?? null,
        clientOrderId: (row.client_order_id as string | null) ?? null, data: JSON.parse(String(row.data)) as unknown,
      }));
    });
  const ledger = createLedger(await list());
  return {
    async append(entry) {
      const written = await db.transaction('journal append', async (connection) => {
        const time = entry.time ?? now();
        const reader = await connection.runAndReadAll(
          `INSERT INTO order_journal SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4, $5, $6, $7 FROM order_journal RETURNING seq`,
          [time, entry.kind, entry.pairId, entry.venue, entry.symbol, entry.clientOrderId, JSON.stringify(entry.data ?? null)],
        );
        // Stored as JSON: the ledger holds what a restart will read back, not the caller's object.
        return { ...entry, time, data: JSON.parse(JSON.stringify(entry.data ?? null)) as unknown, seq: Number(reader.getRowObjectsJS()[0].seq) };
      });
      ledger.apply(written);
      return written;
    },
    list,
    toCsv: async (filter) => journalCsv(await list(filter)),
    ledger,
  };
}

const CSV_COLUMNS = ['seq', 'time', 'kind', 'pairId', 'venue', 'symbol', 'clientOrderId', 'data'] as const;

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function journalCsv(entries: readonly JournalEntry[]): string {
  const rows = entries.map((entry) => CSV_COLUMNS.map((column) =>
    csvField(column === 'time' ? new Date(entry.time).toISOString() : entry[column])).join(','));
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

const HOLD_TOLERANCE = 1e-9;

/** What the journal says is open per venue (net base per symbol): the kill switch's "holds by the journal". */
export function journalHolds(expectation: Readonly<JournalExpectation>): Map<VenueId, JournalHold[]> {
  const holds = new Map<VenueId, JournalHold[]>();
  for (const position of expectation.positions.values()) {
    if (Math.abs(position.size) <= HOLD_TOLERANCE) continue;
    const list = holds.get(position.venue) ?? [];
    list.push({ symbol: position.symbol, side: position.size > 0 ? 'long' : 'short', size: Math.abs(position.size) });
    holds.set(position.venue, list);
  }
  return holds;
}
