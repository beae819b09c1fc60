import { describe, expect, it } from 'vitest';
import type { FundingPoint } from '../../../shared/domain/quotes.ts';
import { encodeStrings, fundingColumnsOf, fundingPointsOf } from '../../../shared/history/historyColumns.ts';
import { canonicalOrder } from '../../../electron/backend/store/historyColumnReads.ts';

describe('history as columns', () => {
  it('settlements survive the trip to columns and back (venue and symbol through dictionaries)', () => {
    const points: FundingPoint[] = [
      { venue: 'bybit', symbol: 'BTC/USDT:USDT', time: 1, rate: 1e-4, intervalHours: 8, markPrice: null },
      { venue: 'okx', symbol: 'ETH/USDT:USDT', time: 2, rate: -2e-4, intervalHours: 4, markPrice: null },
      { venue: 'bybit', symbol: 'ETH/USDT:USDT', time: 3, rate: 0, intervalHours: 1, markPrice: null },
    ];
    const columns = fundingColumnsOf(points);
    expect(columns.venues).toEqual(['bybit', 'okx']);
    expect(columns.symbols).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    expect(fundingPointsOf(columns)).toEqual(points);
  });

  it('a string column is encoded in first-seen order', () => {
    expect(encodeStrings(['b', 'a', 'b'])).toEqual({ dictionary: ['b', 'a'], codes: Int32Array.of(0, 1, 0) });
  });

  it('rows read in any order come out grouped by key id, keeping the scan order inside a key', () => {
    const ids = [2, 0, 1, 0, 2];
    const times = [10, 20, 30, 40, 50];
    const [outIds, outTimes] = canonicalOrder([ids, times], 3);
    expect([...outIds]).toEqual([0, 0, 1, 2, 2]);
    expect([...outTimes]).toEqual([20, 40, 30, 10, 50]);
  });
});
