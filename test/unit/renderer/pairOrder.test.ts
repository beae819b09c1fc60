import { describe, expect, it } from 'vitest';
import type { Pair, PairStatus } from '../../../shared/domain/orders.ts';
import { isFlat, orderPairs } from '../../../renderer/features/positions/pairOrder.ts';

function pair(pairId: string, status: PairStatus, openedAt: number, sizes: number[] = [1, -1]): Pair {
  return {
    pairId, ticketId: pairId, status, openedAt, closedAt: null, alignment: 'confirmed', exits: {}, deltaDrift: 0, net: 0, unhedgedReason: null, exitWatch: [], mismatches: [],
    legs: sizes.map((size, i) => ({
      venue: i === 0 ? 'binanceusdm' : 'bybit', symbol: 'BTC/USDT:USDT', size, entryPrice: 100, markPrice: 100, pricePnl: 0, fundingPnl: 0,
      fees: 0, net: 0, liquidationPrice: null, liquidationDistancePct: null, nextFundingTime: null, nextPayment: null, notionalUsd: 0, leverage: null,
    })),
  };
}

describe('pairs on the positions screen', () => {
  it('an UNHEDGED pair is listed first, before newer open pairs', () => {
    const { live } = orderPairs([pair('a', 'open', 3), pair('b', 'unhedged', 1), pair('c', 'open', 2)]);
    expect(live.map((p) => p.pairId)).toEqual(['b', 'a', 'c']);
  });

  it('closed and failed pairs are kept apart from the live ones', () => {
    const { live, done } = orderPairs([pair('a', 'closed', 1), pair('b', 'open', 2), pair('c', 'failed', 3), pair('d', 'closing', 4)]);
    expect(live.map((p) => p.pairId)).toEqual(['d', 'b']);
    expect(done.map((p) => p.pairId)).toEqual(['c', 'a']);
  });

  it('flat means no live pair holds a leg with a size', () => {
    expect(isFlat([])).toBe(true);
    expect(isFlat([pair('a', 'closed', 1)])).toBe(true);
    expect(isFlat([pair('a', 'closing', 1, [0, 0])])).toBe(true);
    expect(isFlat([pair('a', 'unhedged', 1, [0.5])])).toBe(false);
    expect(isFlat([pair('a', 'open', 1)])).toBe(false);
  });
});
