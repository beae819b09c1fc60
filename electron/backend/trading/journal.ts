/**
 * The order journal's meaning: the entries (shared/domain/orders.ts) folded into the ledger
 * (`ledger.ts`) once, from the rows stored at open, and kept current by every append. The rows
 * themselves are the store's (`store/journalStore.ts`). See docs/ledger.md.
 */
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { JournalHold } from '../../../shared/ipc/contract.ts';
import type { JournalStore } from '../store/journalStore.ts';
import { createLedger, type Ledger } from './ledger.ts';
import type { JournalExpectation } from './ledgerFold.ts';

export { positionKey } from './ledgerFold.ts';
export { JournalWriteError, type NewJournalEntry } from '../store/journalStore.ts';

/** The stored journal and the ledger folded from it. */
export interface Journal extends Omit<JournalStore, 'stored' | 'onAppend'> {
  /** The journal folded in memory, kept current by `append`. */
  readonly ledger: Ledger;
}

const journals = new WeakMap<JournalStore, Journal>();

/**
 * The journal of a store, its ledger folded once per store (every caller of one store shares
 * it): first from the rows stored at open, then from each append before it resolves.
 */
export function journalOf(store: { journal: JournalStore }): Journal {
  const rows = store.journal;
  let journal = journals.get(rows);
  if (!journal) {
    const ledger = createLedger(rows.stored);
    rows.onAppend((entry) => ledger.apply(entry));
    journal = { append: rows.append, list: rows.list, toCsv: rows.toCsv, backlog: rows.backlog, flush: rows.flush, ledger };
    journals.set(rows, journal);
  }
  return journal;
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
