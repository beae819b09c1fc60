/**
 * The order journal's storage: every entry appended to DuckDB's `order_journal` with a sequence
 * number. `append` resolves only after the row is committed, so the gateway awaits it before
 * anything leaves the process. Rows are never updated or deleted. What the entries mean (the
 * ledger folded from them) is trading's (`trading/journal.ts`); listeners given to `onAppend`
 * see each entry, in order, before its append resolves.
 */
import type { Database } from './connection.ts';
import type { JournalEntry, JournalFilter, JournalKind } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { storeFaultWords } from './storeFaults.ts';

export type NewJournalEntry = Omit<JournalEntry, 'seq' | 'time'> & { time?: number };

export interface AppendOptions {
  /**
   * The entry must be on disk before anything goes on (an opening ticket's intent, an opening
   * order's `order-sent`): a write failure throws a JournalWriteError instead of holding it.
   */
  mustWrite?: boolean;
}

export interface JournalStore {
  /** The rows stored when the journal was opened, in sequence order. */
  readonly stored: readonly JournalEntry[];
  /**
   * Commits the entry; resolves once it is done and every listener has seen it. When the store
   * cannot write (disk full), an entry that need not be on disk first is held in memory (the
   * listeners see it, so every reader does) and written, in order, before any later entry once
   * the store writes again (docs/kill-switch.md, "Full disk").
   */
  append(entry: NewJournalEntry, options?: AppendOptions): Promise<JournalEntry>;
  /** The stored rows (the journal screen, CSV export), then those held in memory. */
  list(filter?: JournalFilter): Promise<JournalEntry[]>;
  toCsv(filter?: JournalFilter): Promise<string>;
  /** Entries held in memory, not yet written, oldest first, and why the last write failed. */
  backlog(): { entries: readonly JournalEntry[]; error: unknown };
  /** Tries to write the held entries; resolves with how many are still held. */
  flush(): Promise<number>;
  /** Called with every appended entry, in sequence order. */
  onAppend(listener: (entry: JournalEntry) => void): void;
}

/** The journal could not write an entry that must be on disk before the order goes on. */
export class JournalWriteError extends Error {
  readonly entry: NewJournalEntry;
  constructor(entry: NewJournalEntry, cause: unknown) {
    super(`the journal could not be written: ${storeFaultWords(cause)}`, { cause });
    this.name = 'JournalWriteError';
    this.entry = entry;
  }
}

/** Reads every stored row once (a damaged file is found at open, not at the first order). */
export async function openJournalStore(db: Database, now: () => number = Date.now): Promise<JournalStore> {
  const read = (filter: { from?: number; limit?: number; pairId?: string } = {}) =>
    db.exclusive('journal list', async (connection) => {
      const reader = await connection.runAndReadAll(
        `SELECT seq, time, kind, pair_id, venue, symbol, client_order_id, data FROM order_journal
         WHERE seq >= $1 AND ($2 = '' OR pair_id = $2) ORDER BY seq LIMIT $3`,
        [filter.from ?? 0, filter.pairId ?? '', filter.limit ?? 1_000_000],
      );
      return reader.getRowObjectsJS().map((row): JournalEntry => ({
        seq: Number(row.seq), time: Number(row.time), kind: row.kind as JournalKind, pairId: (row.pair_id as string | null) ?? null,
        venue: (row.venue as VenueId | null) ?? null, symbol: (row.symbol as string | null) ?? null,
        clientOrderId: (row.client_order_id as string | null) ?? null, data: JSON.parse(String(row.data)) as unknown,
      }));
    });
  const stored = await read();
  const listeners: Array<(entry: JournalEntry) => void> = [];
  let lastSeq = stored.at(-1)?.seq ?? 0;
  const held: JournalEntry[] = [];
  let lastError: unknown = null;
  // Appends run one after another: each takes the next sequence number, and held entries go first.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };

  const insert = (entry: JournalEntry) => db.transaction('journal append', async (connection) => {
    await connection.run(
      'INSERT INTO order_journal VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [entry.seq, entry.time, entry.kind, entry.pairId, entry.venue, entry.symbol, entry.clientOrderId, JSON.stringify(entry.data)],
    );
  });

  async function writeHeld(): Promise<void> {
    while (held.length > 0) {
      await insert(held[0]);
      held.shift();
    }
    lastError = null;
  }

  async function appendOne(entry: NewJournalEntry, options: AppendOptions): Promise<JournalEntry> {
    // Stored as JSON: the ledger holds what a restart will read back, not the caller's object.
    const next: JournalEntry = { ...entry, time: entry.time ?? now(), data: JSON.parse(JSON.stringify(entry.data ?? null)) as unknown, seq: lastSeq + 1 };
    try {
      await writeHeld();
      await insert(next);
    } catch (error) {
      lastError = error;
      if (options.mustWrite) throw new JournalWriteError(entry, error);
      held.push(next);
    }
    lastSeq = next.seq;
    for (const listener of listeners) listener(next);
    return next;
  }

  const list: JournalStore['list'] = async (filter = {}) => {
    const rows = await read(filter);
    const after = Math.max(filter.from ?? 0, (rows.at(-1)?.seq ?? 0) + 1);
    const extra = held.filter((e) => e.seq >= after && (filter.pairId === undefined || e.pairId === filter.pairId));
    return [...rows, ...extra].slice(0, filter.limit ?? 1_000_000);
  };
  return {
    stored,
    append: (entry, options = {}) => serial(() => appendOne(entry, options)),
    list,
    toCsv: async (filter) => journalCsv(await list(filter)),
    onAppend: (listener) => { listeners.push(listener); },
    backlog: () => ({ entries: [...held], error: lastError }),
    flush: () => serial(async () => {
      await writeHeld().catch((error: unknown) => { lastError = error; });
      return held.length;
    }),
  };
}

const CSV_COLUMNS = ['seq', 'time', 'kind', 'pairId', 'venue', 'symbol', 'clientOrderId'] as const;

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A payload as dot-path fields (`legs.0.venue`, `figures.basisMovePct`): one column each, never a JSON blob. */
function flatFields(value: unknown, path: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatFields(inner, path === '' ? key : `${path}.${key}`, out);
  } else if (path !== '') out.set(path, value);
  else if (value !== null && value !== undefined) out.set('value', value);
}

/**
 * The journal as a flat CSV: the entry's own columns, then one `data.<path>` column per payload
 * field seen in any entry (in the order first seen), empty where an entry has no such field.
 */
export function journalCsv(entries: readonly JournalEntry[]): string {
  const flat = entries.map((entry) => {
    const fields = new Map<string, unknown>();
    flatFields(entry.data, '', fields);
    return fields;
  });
  const dataColumns = [...new Set(flat.flatMap((fields) => [...fields.keys()]))];
  const rows = entries.map((entry, i) => [
    ...CSV_COLUMNS.map((column) => csvField(column === 'time' ? new Date(entry.time).toISOString() : entry[column])),
    ...dataColumns.map((column) => csvField(flat[i].get(column))),
  ].join(','));
  return [[...CSV_COLUMNS, ...dataColumns.map((c) => `data.${c}`)].join(','), ...rows].join('\n') + '\n';
}

