/**
 * Fills as the journal keeps them: each venue answer that shows more filled than the last one
 * journalled for the same client id yields one `fill` entry for the new part (quantity, its own
 * average price, its own fee, maker or taker). Partial fills therefore appear as several fill
 * entries under one order, and a restart can rebuild a paper account from them alone.
 */
import type { Fill, Order } from '../../../shared/domain/orders.ts';
import type { NewJournalEntry } from './journal.ts';

const EPSILON = 1e-12;

/** The part of `order` filled since `previous` (the last answer journalled), or null when nothing new filled. */
export function newFill(order: Order, previous: Order | null, liquidity: 'maker' | 'taker', time: number): Fill | null {
  const before = previous?.filled ?? 0;
  const quantity = order.filled - before;
  if (quantity <= EPSILON || order.averagePrice === null) return null;
  const costBefore = before > 0 ? before * (previous?.averagePrice ?? order.averagePrice) : 0;
  return {
    venue: order.venue, symbol: order.symbol, clientOrderId: order.clientOrderId, side: order.side, quantity,
    price: (order.filled * order.averagePrice - costBefore) / quantity, fee: order.fee - (previous?.fee ?? 0), time, liquidity,
  };
}

export function fillEntry(pairId: string | null, fill: Fill): NewJournalEntry {
  return { kind: 'fill', pairId, venue: fill.venue, symbol: fill.symbol, clientOrderId: fill.clientOrderId, time: fill.time, data: fill };
}
