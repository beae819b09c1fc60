import { describe, expect, it } from 'vitest';
import type { Pair, PairStatus } from '../../../shared/domain/orders.ts';
import { exposureSummary, mismatchesOf, unhedgedBases } from '../../../renderer/features/statusBar/exposure.ts';

function pair(pairId: string, status: PairStatus, symbol = 'BTC/USDT:USDT'): Pair {
  return {
    pairId, ticketId: pairId, status, openedAt: 1, closedAt: null, alignment: null, exits: {}, deltaDrift: 0, net: 0, unhedgedReason: null, exitWatch: [], mismatches: [],
    legs: [{
      venue: 'bybit', symbol, size: 1, entryPrice: 100, markPrice: 100, pricePnl: 0, fundingPnl: 0,
      fees: 0, net: 0, liquidationPrice: null, liquidationDistancePct: null, nextFundingTime: null, nextPayment: null, notionalUsd: 0, leverage: null,
    }],
  };
}

describe('the status bar exposure flag', () => {
  it('counts opening, open, unhedged and closing pairs as live; closed and failed ones are not', () => {
    const all: PairStatus[] = ['opening', 'open', 'unhedged', 'closing', 'closed', 'failed'];
    expect(exposureSummary(all.map((s, i) => pair(String(i), s))).live).toBe(4);
  });

  it('lists only the unhedged pairs, and none when every pair is hedged', () => {
    expect(exposureSummary([pair('a', 'open'), pair('b', 'unhedged'), pair('c', 'unhedged')]).unhedged.map((p) => p.pairId)).toEqual(['b', 'c']);
    expect(exposureSummary([pair('a', 'open'), pair('d', 'closed')]).unhedged).toEqual([]);
  });

  it('names each unhedged base once, from the leg symbol', () => {
    expect(unhedgedBases([pair('a', 'unhedged', 'ETH/USDT:USDT'), pair('b', 'unhedged', 'BTC/USDC:USDC'), pair('c', 'unhedged', 'ETH/USDT:USDT')])).toBe('ETH, BTC');
  });

  it('lists each venue/symbol found holding other than approved once, though two pairs share it', () => {
    const found = { venue: 'bybit' as const, symbol: 'BTC/USDT:USDT', since: 5, approvedCoins: 1, venueCoins: 1000, approvedUsd: 100, venueUsd: 100_000, lotCoins: 0.001, reason: 'r', restore: null, restoreNote: 'n' };
    const pairs = [{ ...pair('a', 'open'), mismatches: [found] }, { ...pair('b', 'open'), mismatches: [found] }, pair('c', 'open')];
    expect(mismatchesOf(pairs)).toEqual([found]);
    expect(mismatchesOf([pair('c', 'open')])).toEqual([]);
  });
});
