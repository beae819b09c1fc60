import { describe, expect, it } from 'vitest';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { diffSnapshot, intervalChangeAlert, venueDownAlert } from '../../../electron/backend/markets/quoteChanges.ts';

function quote(symbol: string, patch: Partial<FundingQuote> = {}): FundingQuote {
  return {
    venue: 'bybit', symbol, base: symbol.split('/')[0], multiplier: 1, rate: 0.0001, rateKind: 'predicted', lastSettledRate: null,
    intervalHours: 8, nextFundingTime: 1_000, markPrice: 100, indexPrice: 100, volume24hUsd: null, openInterestUsd: null, observedAt: 1, ...patch,
  };
}

describe('snapshot diff', () => {
  it('only quotes whose values changed are reported; a new observation time alone is no change', () => {
    const previous = new Map([['A/USDT:USDT', quote('A/USDT:USDT')], ['B/USDT:USDT', quote('B/USDT:USDT')]]);
    const next = [quote('A/USDT:USDT', { observedAt: 2 }), quote('B/USDT:USDT', { observedAt: 2, markPrice: 101 }), quote('C/USDT:USDT')];
    expect(diffSnapshot(previous, next).changed.map((q) => q.symbol)).toEqual(['B/USDT:USDT', 'C/USDT:USDT']);
  });

  it('an interval change is detected per symbol, with the interval it had before', () => {
    const previous = new Map([['A/USDT:USDT', quote('A/USDT:USDT')]]);
    const { intervalChanges } = diffSnapshot(previous, [quote('A/USDT:USDT', { intervalHours: 1 })]);
    expect(intervalChanges).toHaveLength(1);
    expect(intervalChanges[0].previousHours).toBe(8);
    expect(intervalChangeAlert(intervalChanges[0].quote, 8, 5).message).toBe(
      'Bybit A/USDT:USDT now settles every 1 h (was 8 h); per-8 h figures and settlement times follow the new interval.');
  });

  it('a first sighting is not an interval change', () => {
    expect(diffSnapshot(new Map(), [quote('A/USDT:USDT', { intervalHours: 1 })]).intervalChanges).toEqual([]);
  });

  it('a venue-down alert is critical and names the venue', () => {
    expect(venueDownAlert('okx', 'OKX did not answer in time.', 9)).toMatchObject({ kind: 'venue', severity: 'critical', venue: 'okx', message: expect.stringMatching(/^OKX is down/) });
  });
});
