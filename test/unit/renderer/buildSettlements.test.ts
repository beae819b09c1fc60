import { describe, expect, it } from 'vitest';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { buildSettlements } from '../../../renderer/features/fundingWindows/buildSettlements.ts';

const H = 3_600_000;
const MIDNIGHT = Date.UTC(2026, 2, 10);

function quote(patch: Partial<FundingQuote>): FundingQuote {
  return {
    venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate: 0.0001, rateKind: 'predicted', lastSettledRate: null,
    intervalHours: 8, nextFundingTime: null, markPrice: null, indexPrice: null, volume24hUsd: null, openInterestUsd: null, observedAt: MIDNIGHT, ...patch,
  };
}

describe('the funding-windows calendar', () => {
  it('groups symbols of one venue settling at the same instant and counts them', () => {
    const now = MIDNIGHT + 5 * H;
    const s = buildSettlements([quote({ symbol: 'A' }), quote({ symbol: 'B' }), quote({ symbol: 'C', venue: 'okx' })], now, 4 * H);
    expect(s.map((x) => [x.venue, x.time - MIDNIGHT, x.symbols])).toEqual([['binanceusdm', 8 * H, 2], ['okx', 8 * H, 1]]);
  });

  it('a venue that funds continuously (Paradex) has no settlements and is left out', () => {
    const s = buildSettlements([quote({ venue: 'paradex', symbol: 'BTC/USD:USDC' }), quote({ symbol: 'A' })], MIDNIGHT + 5 * H, 4 * H);
    expect(s.map((x) => [x.venue, x.symbols])).toEqual([['binanceusdm', 1]]);
  });

  it("uses the venue's published next settlement when it is in the future", () => {
    const published = MIDNIGHT + 2 * H + 30 * 60_000;
    const [first] = buildSettlements([quote({ nextFundingTime: published })], MIDNIGHT + H, 2 * H);
    expect(first.time).toBe(published);
  });

  it('a 1-hour symbol appears every hour of the horizon; only the first has a known rate', () => {
    const s = buildSettlements([quote({ venue: 'hyperliquid', intervalHours: 1, rate: 0.0000125 })], MIDNIGHT + 30 * 60_000, 3 * H);
    expect(s.map((x) => (x.time - MIDNIGHT) / H)).toEqual([1, 2, 3]);
    expect(s.map((x) => x.projected)).toEqual([false, true, true]);
    expect(s[0].top[0].ratePer8h).toBeCloseTo(0.0001, 12);
  });

  it('a settlement at exactly the end of the horizon is included, one past it is not', () => {
    const s = buildSettlements([quote({ intervalHours: 4 })], MIDNIGHT, 8 * H);
    expect(s.map((x) => (x.time - MIDNIGHT) / H)).toEqual([4, 8]);
  });

  it('lists the largest rates by absolute value per 8 h, normalising mixed intervals', () => {
    const quotes = [
      quote({ symbol: 'A/USDT:USDT', base: 'A', rate: 0.0003, intervalHours: 8, nextFundingTime: MIDNIGHT + 8 * H }),
      quote({ symbol: 'B/USDT:USDT', base: 'B', rate: -0.0002, intervalHours: 4, nextFundingTime: MIDNIGHT + 8 * H }),
      quote({ symbol: 'C/USDT:USDT', base: 'C', rate: 0.00001, intervalHours: 8, nextFundingTime: MIDNIGHT + 8 * H }),
    ];
    const [s] = buildSettlements(quotes, MIDNIGHT + 7 * H, H, 2);
    expect(s.top.map((t) => t.base)).toEqual(['B', 'A']);
    expect(s.top[0].ratePer8h).toBeCloseTo(-0.0004, 12);
    expect(s.intervals).toEqual([4, 8]);
  });

  it('falls back to the last settled rate when no current rate is published', () => {
    const [s] = buildSettlements([quote({ rate: null, lastSettledRate: 0.0002, nextFundingTime: MIDNIGHT + 8 * H })], MIDNIGHT + 7 * H, H);
    expect(s.top[0]).toMatchObject({ rate: 0.0002, rateKind: 'settled' });
  });
});
