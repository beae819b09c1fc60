import { describe, expect, it } from 'vitest';
import type { FundingAccrual } from '../../../shared/domain/fundingAccrual.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { pairAccrual } from '../../../shared/funding/accrual.ts';
import { buildTimeGrid, buildVenueGrid, colourScale } from '../../../renderer/features/heatmap/heatmapGrid.ts';

function quote(venue: FundingQuote['venue'], symbol: string, rate: number | null, intervalHours: number, over: Partial<FundingQuote> = {}): FundingQuote {
  return {
    venue, symbol, base: symbol.split('/')[0].replace(/^1000/, ''), multiplier: 1, rate, rateKind: 'predicted', lastSettledRate: null, intervalHours,
    nextFundingTime: null, markPrice: 1, indexPrice: 1, volume24hUsd: 1e6, openInterestUsd: 1e6, observedAt: 0, ...over,
  };
}

const accrual: FundingAccrual = {
  asOf: 0,
  rows: [
    { venue: 'okx', symbol: 'BTC/USDT:USDT', base: 'BTC', intervalHours: 8, sums: [0.0003, 0.0021, 0.009], settlements: [3, 21, 90], expected: [3, 21, 90], fromHistory: 90, per8h: [0.0001, null, 0.0003] },
    { venue: 'hyperliquid', symbol: 'BTC/USDC:USDC', base: 'BTC', intervalHours: 1, sums: [0.0002, 0.001, 0.001], settlements: [24, 100, 100], expected: [24, 168, 720], fromHistory: 0, per8h: [0.0001, null, 0.0001] },
    { venue: 'okx', symbol: 'SOL/USDT:USDT', base: 'SOL', intervalHours: 8, sums: [0, -0.004, -0.004], settlements: [0, 21, 21], expected: [3, 21, 90], fromHistory: 21, per8h: [-0.001, -0.002, null] },
  ],
  timeline: { firstEnd: 1000, buckets: 3 },
};

describe('heatmap grids', () => {
  it('shows live rates per 8 h per asset and venue, the widest asset first, the main listing of a venue', () => {
    const quotes = [
      quote('binanceusdm', 'BTC/USDT:USDT', 0.0001, 8),
      quote('hyperliquid', 'BTC/USDC:USDC', 0.00002, 1),
      quote('binanceusdm', 'PEPE/USDT:USDT', 0.0004, 4, { openInterestUsd: 10 }),
      quote('binanceusdm', '1000PEPE/USDT:USDT', 0.0001, 4, { openInterestUsd: 5e6 }),
    ];
    const grid = buildVenueGrid({ quotes, accrual: null }, 'now', '', 10);
    expect(grid.venues).toEqual(['binanceusdm', 'hyperliquid']);
    expect(grid.rows.map((r) => r.base)).toEqual(['PEPE', 'BTC']);
    // The 1000PEPE perp holds the open interest: its 0.01 % per 4 h is 0.02 % per 8 h.
    expect(grid.rows[0].cells[0]!.value).toBeCloseTo(0.0002, 12);
    expect(grid.rows[0].cells[1]).toBeNull();
    expect(grid.rows[1].cells[1]!.value).toBeCloseTo(0.00016, 12);
    expect(grid.rows[1].spread).toBeCloseTo(0.00016 - 0.0001, 12);
    expect(grid.rows[0].spread).toBeNull();
    expect(buildVenueGrid({ quotes, accrual: null }, 'now', 'bt', 10).rows.map((r) => r.base)).toEqual(['BTC']);
  });

  it('shows accumulated funding per window with the settlements counted against those a full window holds', () => {
    const week = buildVenueGrid({ quotes: [], accrual }, 'd7', '', 10);
    expect(week.rows.map((r) => r.base)).toEqual(['SOL', 'BTC']);
    expect(week.venues).toEqual(['okx', 'hyperliquid']);
    expect(week.rows[1].cells[1]).toEqual({ value: 0.001, settlements: { counted: 100, expected: 168 } });
    // SOL settled nothing in the last day: no cell, so BTC alone is listed.
    expect(buildVenueGrid({ quotes: [], accrual }, 'd1', '', 10).rows.map((r) => r.base)).toEqual(['BTC']);
    expect(buildVenueGrid({ quotes: [], accrual }, 'd7', '', 1).matched).toBe(2);
  });

  it("lays the timeline out by bucket end, each asset the mean over its venues, the largest mean |funding| first", () => {
    const grid = buildTimeGrid(accrual, '', 10, 8 * 3_600_000);
    expect(grid.ends).toEqual([1000, 1000 + 8 * 3_600_000, 1000 + 16 * 3_600_000]);
    expect(grid.rows.map((r) => r.base)).toEqual(['SOL', 'BTC']);
    expect(grid.rows[0].per8h).toEqual([-0.001, -0.002, null]);
    expect(grid.rows[1].per8h[0]).toBeCloseTo(0.0001, 12);
    expect(grid.rows[1].per8h[1]).toBeNull();
    expect(grid.rows[1].per8h[2]).toBeCloseTo(0.0002, 12);
  });

  it('puts full colour at the 90th percentile of |value|, so one outlier does not wash out the rest', () => {
    const values = [...Array.from({ length: 19 }, (_, i) => (i + 1) * 0.00001), 0.05];
    expect(colourScale(values)).toBeCloseTo(0.00019, 12);
    expect(colourScale([-0.002, 0.001, 0.0005])).toBeCloseTo(0.002, 12);
    expect(colourScale([])).toBe(0);
  });

  it("counts a pair's collected funding as the short leg's less the long leg's, as partial as its thinner leg", () => {
    const [okx, hyper] = accrual.rows;
    const pair = pairAccrual(hyper, okx);
    expect(pair.sums[1]).toBeCloseTo(0.0021 - 0.001, 12);
    expect(pair.coverage[1]).toEqual({ counted: 100, expected: 168 });
    expect(pair.coverage[0]).toEqual({ counted: 24, expected: 24 });
    expect(pair.per8h[0]).toBeCloseTo(0, 12);
    expect(pair.per8h[1]).toBeNull();
    expect(pair.per8h[2]).toBeCloseTo(0.0002, 12);
  });
});
