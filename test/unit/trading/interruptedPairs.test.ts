import { describe, expect, it } from 'vitest';
import { interruptedPairs } from '../../../electron/backend/trading/interruptedPairs.ts';
import { createLedger } from '../../../electron/backend/trading/ledger.ts';
import type { JournalEntry, LegIntent, Order } from '../../../shared/domain/orders.ts';

const LEGS: LegIntent[] = [
  { venue: 'bybit', symbol: 'ETH/USDT:USDT', side: 'sell', quantity: 1.5, reduceOnly: false },
  { venue: 'okx', symbol: 'ETH/USDT:USDT', side: 'buy', quantity: 1.5, reduceOnly: false },
];

/** Entries in the shapes the gateway journals them, numbered in order. */
function journal(...steps: Array<Omit<JournalEntry, 'seq' | 'time'>>): JournalEntry[] {
  return steps.map((step, i) => ({ ...step, seq: i + 1, time: 1_000 + i }));
}
const at = (leg: number) => ({ pairId: 'p', venue: LEGS[leg].venue, symbol: LEGS[leg].symbol, clientOrderId: `id${leg}` });
const intent = { kind: 'intent' as const, pairId: 'p', venue: null, symbol: null, clientOrderId: null, data: { ticketId: 'p', intent: { legs: LEGS }, checklist: {} } };
const sent = (leg: number) => ({ kind: 'order-sent' as const, ...at(leg), data: {} });
const answered = (leg: number, filled: number) => ({
  kind: 'order' as const, ...at(leg),
  data: { venue: LEGS[leg].venue, symbol: LEGS[leg].symbol, clientOrderId: `id${leg}`, venueOrderId: 'v', side: LEGS[leg].side, type: 'market', price: null, quantity: 1.5, filled, averagePrice: 2_000, status: 'filled', reduceOnly: false, fee: 0.1, time: 1 } satisfies Order,
});
const failed = (leg: number) => ({ kind: 'order-error' as const, ...at(leg), data: { error: 'rejected', ambiguous: false } });

describe('pairs interrupted between their legs', () => {
  it('a second leg sent and never answered', () => {
    expect(interruptedPairs(createLedger(journal(intent, sent(0), answered(0, 1.5), sent(1))))).toEqual([{
      pairId: 'p', sizes: [-1.5, 0],
      reason: 'interrupted between legs: leg 1 never answered (okx ETH/USDT:USDT order id1); delta -1.5 ETH by the journal (bybit short 1.5, okx flat)',
    }]);
  });

  it('a second leg never sent at all', () => {
    expect(interruptedPairs(createLedger(journal(intent, sent(0), answered(0, 1.5))))[0].reason)
      .toBe('interrupted between legs: leg 1 never sent (okx ETH/USDT:USDT); delta -1.5 ETH by the journal (bybit short 1.5, okx flat)');
  });

  it('a first leg never answered: its state is unknown, so the pair is not taken for flat', () => {
    expect(interruptedPairs(createLedger(journal(intent, sent(0))))[0].reason)
      .toBe('interrupted between legs: leg 0 never answered (bybit ETH/USDT:USDT order id0); delta 0 ETH by the journal (bybit flat, okx flat)');
  });

  it('a second leg answered in part, the unwind never sent', () => {
    expect(interruptedPairs(createLedger(journal(intent, sent(0), answered(0, 1.5), sent(1), answered(1, 0.5))))[0].reason)
      .toBe('interrupted between legs: leg 1 filled 0.5 of 1.5 (okx ETH/USDT:USDT); delta -1 ETH by the journal (bybit short 1.5, okx long 0.5)');
  });

  it('leaves alone hedged pairs, pairs that never filled, pairs already UNHEDGED and closed pairs', () => {
    const unhedged = { kind: 'unhedged' as const, pairId: 'p', venue: null, symbol: null, clientOrderId: null, data: { reason: 'unwind failed' } };
    const closed = { kind: 'pair-closed' as const, pairId: 'p', venue: null, symbol: null, clientOrderId: null, data: { net: 0 } };
    for (const entries of [
      journal(intent, sent(0), answered(0, 1.5), sent(1), answered(1, 1.5)),
      journal(intent, sent(0), failed(0)),
      journal(intent),
      journal(intent, sent(0), answered(0, 1.5), sent(1), unhedged),
      journal(intent, sent(0), answered(0, 1.5), closed),
    ]) expect(interruptedPairs(createLedger(entries))).toEqual([]);
  });
});
