/**
 * A pair left flat by reduce-only orders outside `closePair` (the kill switch, a trader's close
 * at the venue seen by reconcile) is a closed pair all the same: without a `pair-closed` entry
 * its realised PnL would never reach the win rate. A pair counts as closed once both legs had
 * an opening fill and both are back to zero; a pair with one leg never filled (unwound at
 * entry) was never a hedged trade and stays out of the win rate.
 */
import type { Pair } from '../../../shared/domain/orders.ts';
import type { Journal } from './journal.ts';
import { legSizes, type PairRecord } from './ledgerFold.ts';

const FLAT = 1e-12;

function flatAfterHedge(record: Readonly<PairRecord>): boolean {
  if (record.closedAt !== null || record.unhedgedReason !== null) return false;
  const bothOpened = record.legs.every((leg) => record.orders.some((o) => o.venue === leg.venue && o.symbol === leg.symbol && !o.reduceOnly && o.filled > 0));
  return bothOpened && legSizes(record).every((size) => Math.abs(size) <= FLAT);
}

/**
 * Journals `pair-closed` (net PnL and legs as the position book prices them) for every pair
 * flat after being hedged and not yet closed; returns the pair ids it closed.
 */
export async function journalFlatPairs(journal: Journal, pairs: () => Promise<Pair[]>, reason: string): Promise<string[]> {
  const flat = journal.ledger.pairs().filter(flatAfterHedge).map((record) => record.pairId);
  if (flat.length === 0) return [];
  const views = new Map((await pairs()).map((pair) => [pair.pairId, pair]));
  for (const pairId of flat) {
    const view = views.get(pairId)!;
    await journal.append({ kind: 'pair-closed', pairId, venue: null, symbol: null, clientOrderId: null, data: { net: view.net, legs: view.legs, reason } });
  }
  return flat;
}
