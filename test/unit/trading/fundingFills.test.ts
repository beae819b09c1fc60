/** The journal's fill and funding entries: what one answer adds, and how one payment splits between pairs. */
import { describe, expect, it } from 'vitest';
import { newFill } from '../../../electron/backend/trading/fills.ts';
import { fundingEntries } from '../../../electron/backend/trading/fundingJournal.ts';
import type { PairRecord } from '../../../electron/backend/trading/ledgerFold.ts';
import type { Order } from '../../../shared/domain/orders.ts';

const order = (over: Partial<Order>): Order => ({
  venue: 'bybit', symbol: 'BTC/USDT:USDT', clientOrderId: 'c1', venueOrderId: '1', side: 'sell', type: 'limit', price: 100, quantity: 1,
  filled: 0, averagePrice: null, status: 'open', reduceOnly: false, fee: 0, time: 1_000, ...over,
});

function record(pairId: string, size: number, openedAt = 0, closedAt: number | null = null): PairRecord {
  return {
    pairId, ticketId: pairId, status: 'open', openedAt, closedAt, exits: {}, alignment: null, unhedgedReason: null, intents: 1, firedExits: {}, sent: [],
    legs: [{ venue: 'bybit', symbol: 'BTC/USDT:USDT', side: size > 0 ? 'buy' : 'sell', quantity: Math.abs(size), reduceOnly: false }],
    orders: [order({ clientOrderId: `${pairId}-open`, side: size > 0 ? 'buy' : 'sell', filled: Math.abs(size), averagePrice: 100, status: 'filled', time: openedAt })],
  };
}

describe('fills from order answers', () => {
  it('a later answer yields a fill of only the new part, at that part’s own price and fee', () => {
    const first = order({ filled: 0.4, averagePrice: 100, fee: 0.04, status: 'partially-filled' });
    const second = order({ filled: 1, averagePrice: 101.2, fee: 0.1, status: 'filled' });
    expect(newFill(first, null, 'taker', 5)).toMatchObject({ quantity: 0.4, price: 100, fee: 0.04, liquidity: 'taker', time: 5 });
    const rest = newFill(second, first, 'maker', 6)!;
    expect(rest.quantity).toBeCloseTo(0.6, 12);
    expect(rest.price).toBeCloseTo((101.2 - 0.4 * 100) / 0.6, 9);
    expect(rest.fee).toBeCloseTo(0.06, 12);
    expect(rest.liquidity).toBe('maker');
  });

  it('an answer with nothing new filled yields no fill', () => {
    const same = order({ filled: 0.4, averagePrice: 100, fee: 0.04 });
    expect(newFill(same, same, 'taker', 7)).toBeNull();
    expect(newFill(order({}), null, 'taker', 7)).toBeNull();
  });
});

describe('funding entries from a venue payment', () => {
  const payment = { venue: 'bybit' as const, symbol: 'BTC/USDT:USDT', time: 10_000, amount: 9, rate: 0.0001, id: 'bybit e1' };

  it('splits a payment between the pairs holding the symbol by their size, keeping the whole payment on each entry', () => {
    const entries = fundingEntries(payment, [record('a', -2), record('b', -1)]);
    expect(entries.map((e) => [e.pairId, e.data])).toEqual([
      ['a', expect.objectContaining({ amount: 6, paymentAmount: 9, id: 'bybit e1' })],
      ['b', expect.objectContaining({ amount: 3, paymentAmount: 9, id: 'bybit e1' })],
    ]);
  });

  it('leaves out pairs opened after or closed before the settlement, and journals an unclaimed payment under no pair', () => {
    expect(fundingEntries(payment, [record('late', -1, 20_000), record('gone', -1, 0, 5_000)]).map((e) => [e.pairId, (e.data as { amount: number }).amount])).toEqual([[null, 9]]);
  });
});
