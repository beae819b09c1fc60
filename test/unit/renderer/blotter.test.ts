import { describe, expect, it } from 'vitest';
import type { JournalEntry, Pair } from '../../../shared/domain/orders.ts';
import { blotterGroups } from '../../../renderer/features/journal/blotter.ts';

const entry = (seq: number, kind: JournalEntry['kind'], pairId: string | null, data: unknown = {}): JournalEntry => ({
  seq, time: 1_000 * seq, kind, pairId, venue: null, symbol: null, clientOrderId: null, data,
});
const intent = (seq: number, pairId: string) => entry(seq, 'intent', pairId, { intent: { legs: [
  { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', side: 'buy' }, { venue: 'bybit', symbol: 'BTC/USDT:USDT', side: 'sell' },
] } });
const pair = (pairId: string, status: Pair['status'], net: number): Pair => ({
  pairId, ticketId: pairId, status, openedAt: 0, closedAt: null, alignment: null, exits: {}, legs: [], deltaDrift: 0, net, unhedgedReason: null, exitWatch: [], mismatches: [],
});

describe('the journal as a blotter', () => {
  const groups = blotterGroups(
    [intent(1, 'a'), entry(2, 'order', 'a'), intent(3, 'b'), entry(4, 'trading-state', null), entry(5, 'pair-closed', 'a'), entry(6, 'order', 'b')],
    [pair('a', 'closed', -3.5), pair('b', 'open', 1.25)],
  );

  it('one group per pair, the latest active first, each with its legs from the intent, status and net from main\'s pairs', () => {
    expect(groups.map((g) => [g.pairId, g.status, g.net])).toEqual([['b', 'open', 1.25], ['a', 'closed', -3.5], [null, null, null]]);
    expect(groups[0].legs).toBe('▲ Binance BTC/USDT:USDT / ▼ Bybit BTC/USDT:USDT');
  });

  it('the legs read long / short whatever order the intent sent them in', () => {
    const shortFirst = entry(1, 'intent', 'c', { intent: { legs: [
      { venue: 'okx', symbol: 'ENJ/USDT:USDT', side: 'sell' }, { venue: 'aster', symbol: 'ENJ/USDT:USDT', side: 'buy' },
    ] } });
    expect(blotterGroups([shortFirst], [pair('c', 'closed', 0)])[0].legs).toBe('▲ Aster ENJ/USDT:USDT / ▼ OKX ENJ/USDT:USDT');
  });

  it('a group holds its entries newest first, with when it began and last moved', () => {
    const a = groups[1];
    expect(a.entries.map((e) => e.seq)).toEqual([5, 2, 1]);
    expect([a.firstTime, a.lastTime]).toEqual([1_000, 5_000]);
    expect(groups[2]).toMatchObject({ legs: '', entries: [expect.objectContaining({ kind: 'trading-state' })] });
  });
});
