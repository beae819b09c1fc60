/**
 * The order journal: every intent, order, venue answer, fill, cancel, funding payment, unwind and
 * UNHEDGED transition, appended to DuckDB with a sequence number. `append` resolves only after
 * the row is committed, so the gateway awaits it before anything leaves the process. Rows are
 * never updated or deleted; the current state of pairs and orders is folded from them.
 */
import type { Database } from '../store/connection.ts';
import type { JournalEntry, JournalKind, Order } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

export type NewJournalEntry = Omit<JournalEntry, 'seq' | 'time'> & { time?: number };

export interface WinRate {
  confirmed: { wins: number; closed: number; rate: number | null };
  contradicted: { wins: number; closed: number; rate: number | null };
  /** Set when confirmed setups win less than 55 % of the time. */
  warning: string | null;
}

export interface Journal {
  append(entry: NewJournalEntry): Promise<JournalEntry>;
  list(filter?: { from?: number; limit?: number; pairId?: string }): Promise<JournalEntry[]>;
  toCsv(filter?: { from?: number; limit?: number; pairId?: string }): Promise<string>;
  winRate(): Promise<WinRate>;
}

/** Below this win rate on confirmed setups the entry criteria need review (domain §4). */
export const CONFIRMED_WIN_RATE_FLOOR = 0.55;

export function createJournal(db: Database, now: () => number = Date.now): Journal {
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
  return {
    append: (entry) =>
      db.transaction('journal append', async (connection) => {
        const time = entry.time ?? now();
        const reader = await connection.runAndReadAll(
          `INSERT INTO order_journal SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4, $5, $6, $7 FROM order_journal RETURNING seq`,
          [time, entry.kind, entry.pairId, entry.venue, entry.symbol, entry.clientOrderId, JSON.stringify(entry.data ?? null)],
        );
        return { ...entry, time, seq: Number(reader.getRowObjectsJS()[0].seq) };
      }),
    list,
    toCsv: async (filter) => journalCsv(await list(filter)),
    winRate: async () => winRateOf(await list()),
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

/**
 * The alignment tag a ticket's checklist snapshot carries: `checklist.alignment.tag` as the
 * ticket service journals it (ChecklistSnapshot), or a bare `checklist.alignment` tag.
 */
export function alignmentOf(checklist: unknown): 'confirmed' | 'contradicted' | 'neutral' | null {
  const raw = (checklist as { alignment?: unknown } | null)?.alignment;
  const value = typeof raw === 'object' && raw !== null ? (raw as { tag?: unknown }).tag : raw;
  return value === 'confirmed' || value === 'contradicted' || value === 'neutral' ? value : null;
}

function rate(wins: number, closed: number): { wins: number; closed: number; rate: number | null } {
  return { wins, closed, rate: closed === 0 ? null : wins / closed };
}

/** Win rate over closed pairs (net > 0 is a win), split by the alignment of their intent. */
export function winRateOf(entries: readonly JournalEntry[]): WinRate {
  const alignment = new Map<string, string | null>();
  const tally = { confirmed: [0, 0], contradicted: [0, 0] };
  for (const entry of entries) {
    if (entry.pairId === null) continue;
    if (entry.kind === 'intent' && !alignment.has(entry.pairId)) {
      alignment.set(entry.pairId, alignmentOf((entry.data as { checklist?: unknown }).checklist));
    }
    const tag = alignment.get(entry.pairId);
    if (entry.kind === 'pair-closed' && (tag === 'confirmed' || tag === 'contradicted')) {
      tally[tag][0] += Number((entry.data as { net: number }).net) > 0 ? 1 : 0;
      tally[tag][1] += 1;
    }
  }
  const confirmed = rate(tally.confirmed[0], tally.confirmed[1]);
  const low = confirmed.rate !== null && confirmed.rate < CONFIRMED_WIN_RATE_FLOOR;
  return {
    confirmed,
    contradicted: rate(tally.contradicted[0], tally.contradicted[1]),
    warning: low ? `win rate on confirmed setups is ${(confirmed.rate! * 100).toFixed(0)} % over ${confirmed.closed} closed pairs, below 55 %: entry criteria need review` : null,
  };
}

/** What the journal says should exist at the venues: net base per venue/symbol, and orders still open. */
export interface JournalExpectation {
  positions: Map<string, { venue: VenueId; symbol: string; size: number }>;
  openOrders: Map<string, Order>;
  /** Orders sent whose answer never came back (a crash or a timeout between send and answer). */
  unanswered: Map<string, { venue: VenueId; symbol: string; pairId: string | null }>;
}

export const positionKey = (venue: string, symbol: string): string => `${venue} ${symbol}`;

export function expectationOf(entries: readonly JournalEntry[]): JournalExpectation {
  const expectation: JournalExpectation = { positions: new Map(), openOrders: new Map(), unanswered: new Map() };
  const counted = new Map<string, number>();
  for (const entry of entries) {
    if (entry.clientOrderId === null || entry.venue === null || entry.symbol === null) continue;
    if (entry.kind === 'order-sent') expectation.unanswered.set(entry.clientOrderId, { venue: entry.venue, symbol: entry.symbol, pairId: entry.pairId });
    if (entry.kind === 'order-error') expectation.unanswered.delete(entry.clientOrderId);
    if (entry.kind !== 'order' && entry.kind !== 'cancel') continue;
    const order = entry.data as Order;
    expectation.unanswered.delete(order.clientOrderId);
    // An order may be journalled several times as it fills: count only the new part.
    const delta = order.filled - (counted.get(order.clientOrderId) ?? 0);
    counted.set(order.clientOrderId, order.filled);
    const key = positionKey(order.venue, order.symbol);
    const held = expectation.positions.get(key) ?? { venue: order.venue, symbol: order.symbol, size: 0 };
    held.size += order.side === 'buy' ? delta : -delta;
    expectation.positions.set(key, held);
    if (order.status === 'open' || order.status === 'partially-filled') expectation.openOrders.set(order.clientOrderId, order);
    else expectation.openOrders.delete(order.clientOrderId);
  }
  return expectation;
}
