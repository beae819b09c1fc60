/**
 * The ledger: the journal held in memory. The journal's storage folds every stored entry into
 * it once when the store opens, then applies each entry it commits (commit first, apply after),
 * so every reader answers synchronously from it and none re-reads the store. The fold itself is
 * `ledgerFold.ts`; what each read means is in docs/ledger.md.
 */
import type { HoldingMismatch, JournalEntry, WinRateStats } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import {
  applyEntry, foldJournal, fundingKey, positionKey, type JournalExpectation, type JournalledTradingState, type LedgerState, type PairRecord,
} from './ledgerFold.ts';

/** Below this win rate on confirmed setups the entry criteria need review (domain §4). */
export const CONFIRMED_WIN_RATE_FLOOR = 0.55;

/** Synchronous reads over the folded journal. Returned objects are the ledger's own: read, never mutate. */
export interface Ledger {
  /** Every pair the journal knows, in the order their intents were journalled. */
  pairs(): readonly Readonly<PairRecord>[];
  pair(pairId: string): Readonly<PairRecord> | undefined;
  /** Positions, open orders and unanswered orders the venues should show by the journal. */
  expectation(): Readonly<JournalExpectation>;
  /** The last pair journalled on a venue/symbol. */
  pairOf(venue: VenueId, symbol: string): string | undefined;
  /** Funding a pair's leg received (> 0) or paid, summed over its `funding` entries. */
  funding(pairId: string, venue: VenueId, symbol: string): number;
  /** Funding received (> 0) or paid over every journalled payment settled at or after `since`, pairs or not. */
  fundingSince(since: number): number;
  /** Whether a venue payment id is journalled already. */
  hasFunding(paymentId: string): boolean;
  winRate(): WinRateStats;
  /** The last journalled trading-state transition, or null when none was ever journalled. */
  tradingState(): JournalledTradingState | null;
  /** Venue/symbol positions found holding other than approved and not yet resolved, by `positionKey`. */
  mismatches(): ReadonlyMap<string, Readonly<HoldingMismatch>>;
  /** Every entry in journal order (a paper account replays its venue's entries at restart). */
  entries(): readonly JournalEntry[];
}

/** The ledger and the one way to change it: `apply`, called by the journal after each commit. */
export interface LedgerWriter extends Ledger {
  /** Applies a committed entry; entries arriving out of sequence wait for the ones before them. */
  apply(entry: JournalEntry): void;
}

function rate(wins: number, closed: number): { wins: number; closed: number; rate: number | null } {
  return { wins, closed, rate: closed === 0 ? null : wins / closed };
}

export function winRateOf(state: LedgerState): WinRateStats {
  const confirmed = rate(...state.tally.confirmed);
  const low = confirmed.rate !== null && confirmed.rate < CONFIRMED_WIN_RATE_FLOOR;
  return {
    confirmed,
    contradicted: rate(...state.tally.contradicted),
    warning: low ? `win rate on confirmed setups is ${(confirmed.rate! * 100).toFixed(0)} % over ${confirmed.closed} closed pairs, below 55 %: entry criteria need review` : null,
  };
}

/** A ledger holding `stored` (the journal as read at start, in sequence order). */
export function createLedger(stored: readonly JournalEntry[]): LedgerWriter {
  const state = foldJournal(stored);
  const entries = [...stored];
  const waiting = new Map<number, JournalEntry>();
  const take = (entry: JournalEntry) => {
    applyEntry(state, entry);
    entries.push(entry);
  };
  return {
    apply(entry) {
      if (entry.seq <= state.lastSeq) return;
      waiting.set(entry.seq, entry);
      for (let next = waiting.get(state.lastSeq + 1); next !== undefined; next = waiting.get(state.lastSeq + 1)) {
        waiting.delete(next.seq);
        take(next);
      }
    },
    pairs: () => [...state.pairs.values()],
    pair: (pairId) => state.pairs.get(pairId),
    expectation: () => state.expectation,
    pairOf: (venue, symbol) => state.pairOfPosition.get(positionKey(venue, symbol)),
    funding: (pairId, venue, symbol) => state.funding.get(fundingKey(pairId, venue, symbol)) ?? 0,
    fundingSince: (since) => state.fundingTimes.reduce((sum, f) => (f.time >= since ? sum + f.amount : sum), 0),
    hasFunding: (paymentId) => state.fundingIds.has(paymentId),
    winRate: () => winRateOf(state),
    tradingState: () => state.tradingState,
    mismatches: () => state.mismatches,
    entries: () => entries,
  };
}
