/**
 * Pairs the previous run left between their legs. When the process dies after one leg filled and
 * before the other answered (or was sent at all), the journal holds the pair half done: at start
 * nothing is in flight any more, so such a pair is journalled UNHEDGED with why and by how much,
 * before any new order is accepted. From there it is an ordinary UNHEDGED pair: shown on the
 * status bar and on Positions until it is closed, or resolved once the venues show it flat or
 * hedged again (docs/ledger.md).
 */
import type { Journal } from './journal.ts';
import type { Ledger } from './ledger.ts';
import { legSizes, type PairRecord } from './ledgerFold.ts';

const TOLERANCE = 1e-9;

export interface InterruptedPair {
  pairId: string;
  reason: string;
  /** Net base per leg by the journal. */
  sizes: number[];
}

function coins(size: number, symbol: string): string {
  const base = symbol.split('/')[0];
  return `${size > 0 ? '+' : ''}${Number(size.toPrecision(12))} ${base}`;
}

/** What happened to each leg that did not fill like the other, in words. */
function legTroubles(record: Readonly<PairRecord>, unanswered: ReadonlySet<string>, sizes: readonly number[]): string[] {
  const largest = Math.max(...sizes.map(Math.abs));
  return record.legs.flatMap((leg, i) => {
    const sent = record.sent.filter((s) => s.venue === leg.venue && s.symbol === leg.symbol);
    const lost = sent.filter((s) => unanswered.has(s.clientOrderId));
    if (lost.length > 0) return [`leg ${i} never answered (${leg.venue} ${leg.symbol} order ${lost.map((s) => s.clientOrderId).join(', ')})`];
    if (Math.abs(Math.abs(sizes[i]) - largest) <= TOLERANCE) return [];
    if (sent.length === 0) return [`leg ${i} never sent (${leg.venue} ${leg.symbol})`];
    return [`leg ${i} filled ${Number(Math.abs(sizes[i]).toPrecision(12))} of ${Number(largest.toPrecision(12))} (${leg.venue} ${leg.symbol})`];
  });
}

/** Open two-legged pairs, not UNHEDGED yet, with an order never answered or legs of unequal size. */
export function interruptedPairs(ledger: Ledger): InterruptedPair[] {
  const unanswered = new Set(ledger.expectation().unanswered.keys());
  const out: InterruptedPair[] = [];
  for (const record of ledger.pairs()) {
    if (record.legs.length < 2 || record.closedAt !== null || record.unhedgedReason !== null) continue;
    const sizes = legSizes(record);
    const waiting = record.sent.some((s) => unanswered.has(s.clientOrderId));
    if (!waiting && Math.abs(Math.abs(sizes[0]) - Math.abs(sizes[1])) <= TOLERANCE) continue;
    const delta = sizes.reduce((sum, size) => sum + size, 0);
    const held = record.legs.map((leg, i) => `${leg.venue} ${Math.abs(sizes[i]) <= TOLERANCE ? 'flat' : `${sizes[i] > 0 ? 'long' : 'short'} ${Number(Math.abs(sizes[i]).toPrecision(12))}`}`).join(', ');
    const reason = `interrupted between legs: ${legTroubles(record, unanswered, sizes).join('; ')}; delta ${coins(delta, record.legs[0].symbol)} by the journal (${held})`;
    out.push({ pairId: record.pairId, reason, sizes });
  }
  return out;
}

/** Journals every interrupted pair UNHEDGED (at start, before any order); returns them. */
export async function markInterruptedPairs(journal: Journal, now: number): Promise<InterruptedPair[]> {
  const found = interruptedPairs(journal.ledger);
  for (const pair of found) {
    await journal.append({
      kind: 'unhedged', pairId: pair.pairId, venue: null, symbol: null, clientOrderId: null, time: now,
      data: { reason: pair.reason, filled: pair.sizes, legs: journal.ledger.pair(pair.pairId)?.legs ?? [], interrupted: true },
    });
  }
  return found;
}
