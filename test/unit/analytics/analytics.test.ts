import { describe, expect, it } from 'vitest';
import type { FundingPoint } from '../../../shared/domain/quotes.ts';
import { ar1HalfLife } from '../../../shared/funding/decay.ts';
import { fundingCorrelation, onGrid, pearson, persistence, rollingStats, seriesAnalytics, spreadHalfLife } from '../../../electron/engine/analytics.ts';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 0, 1);

function point(venue: string, symbol: string, time: number, rate: number, intervalHours = 8): FundingPoint {
  return { venue, symbol, time, rate, intervalHours, markPrice: null };
}

describe('rolling mean and volatility of the per-8 h rate', () => {
  it('a settlement 30 days or more before t leaves the window; volatility is the sample standard deviation', () => {
    const rolling = rollingStats([0, D, 2 * D, 31 * D], [1e-4, 2e-4, 3e-4, 5e-4], 30 * D);
    expect(rolling[2].mean).toBeCloseTo(2e-4, 12);
    expect(rolling[2].volatility).toBeCloseTo(1e-4, 12);
    expect(rolling[3]).toMatchObject({ n: 2 });
    expect(rolling[3].mean).toBeCloseTo(4e-4, 12);
    expect(rolling[3].volatility).toBeCloseTo(Math.SQRT2 * 1e-4, 12);
  });

  it('one settlement has a mean and no volatility', () => {
    expect(rollingStats([0], [1e-4], 30 * D)).toEqual([{ time: 0, mean: 1e-4, volatility: null, n: 1 }]);
  });

  it('a 4-hour rate of 0.01 % counts as 0.02 % per 8 h', () => {
    const [series] = seriesAnalytics([point('binanceusdm', 'X/USDT:USDT', T0, 1e-4, 4)]);
    expect(series.latest.mean).toBeCloseTo(2e-4, 12);
  });
});

describe('persistence', () => {
  it('runs above the threshold are measured in hours and the share weights each settlement by its interval', () => {
    const p = persistence([1e-3, 1e-3, 0, 1e-3, 0], [8, 8, 8, 4, 4], 5e-4);
    expect(p).toEqual({ thresholdPer8h: 5e-4, runs: 2, longestRunHours: 16, meanRunHours: 10, shareOfTime: 20 / 32 });
  });

  it('a series never above the threshold has no runs', () => {
    expect(persistence([0, 0], [8, 8], 5e-4)).toEqual({ thresholdPer8h: 5e-4, runs: 0, longestRunHours: 0, meanRunHours: null, shareOfTime: 0 });
  });

  it('the share at the cap counts |rate| at the cap (either sign) and is null when the cap is unknown', () => {
    const funding = [0.003, -0.003, 0.001, 0.0029999].map((rate, i) => point('binanceusdm', 'X/USDT:USDT', T0 + i * 8 * H, rate));
    expect(seriesAnalytics(funding, undefined, () => 0.003)[0].atCapShare).toBe(0.75);
    expect(seriesAnalytics(funding)[0].atCapShare).toBeNull();
  });
});

describe('AR(1) half-life', () => {
  it('a spread that halves every 8-hour step has a half-life of 8 hours', () => {
    const series = Array.from({ length: 12 }, (_, i) => 0.001 * 0.5 ** i);
    const fit = ar1HalfLife(series, 8);
    expect(fit.phi).toBeCloseTo(0.5, 9);
    expect(fit.halfLifeHours).toBeCloseTo(8, 6);
  });

  it('φ = 0.9 gives −ln 2 / ln 0.9 ≈ 6.58 steps, around a non-zero mean', () => {
    const series = [0.002];
    for (let i = 1; i < 30; i++) series.push(0.0001 + 0.9 * series[i - 1]);
    expect(ar1HalfLife(series, 1).halfLifeHours).toBeCloseTo(-Math.LN2 / Math.log(0.9), 6);
  });

  it('φ outside (0, 1) has no half-life: a sign-flipping spread and a constant one', () => {
    expect(ar1HalfLife([1, -1, 1, -1, 1, -1], 8)).toMatchObject({ phi: -1, halfLifeHours: null });
    expect(ar1HalfLife([2, 2, 2, 2], 8)).toMatchObject({ phi: null, halfLifeHours: null });
  });

  it('the cross-venue spread of a base is the highest minus the lowest venue rate at each 8-hour boundary', () => {
    const funding: FundingPoint[] = [];
    for (let g = 0; g < 12; g++) {
      funding.push(point('bybit', 'ABC/USDT:USDT', T0 + g * 8 * H, 0.001 * 0.5 ** g));
      funding.push(point('binanceusdm', '1000ABC/USDT:USDT', T0 + g * 8 * H, 0));
      funding.push(point('okx', 'ZZZ/USDT:USDT', T0 + g * 8 * H, 0.5));
    }
    const result = spreadHalfLife('ABC', funding);
    expect(result.venues).toEqual(['binanceusdm', 'bybit']);
    expect(result.points).toBe(12);
    expect(result.halfLifeHours).toBeCloseTo(8, 6);
  });
});

describe('funding on the 8-hour grid', () => {
  it('takes the latest settled rate at or before each boundary and drops a series silent for longer than its interval plus 8 h', () => {
    const { grid, values } = onGrid([
      { times: [T0, T0 + 8 * H], per8h: [1, 2], hours: [8, 8] },
      { times: [T0 + 4 * H, T0 + 40 * H], per8h: [5, 6], hours: [4, 4] },
    ]);
    expect(grid).toEqual([T0, T0 + 8 * H, T0 + 16 * H, T0 + 24 * H, T0 + 32 * H, T0 + 40 * H]);
    expect([...values[0]]).toEqual([1, 2, 2, 2, NaN, NaN]);
    expect([...values[1]]).toEqual([NaN, 5, 5, NaN, NaN, 6]);
  });
});

describe('correlation across assets', () => {
  it('is pairwise complete: each pair uses the boundaries where both assets have a rate', () => {
    const funding: FundingPoint[] = [];
    const a = [1, 2, 3, 4, 5, 6];
    a.forEach((v, g) => {
      const t = T0 + g * 8 * H;
      funding.push(point('binanceusdm', 'AAA/USDT:USDT', t, v * 1e-4));
      funding.push(point('binanceusdm', 'BBB/USDT:USDT', t, (2 * v + 1) * 1e-4));
      if (g < 3) funding.push(point('binanceusdm', 'CCC/USDT:USDT', t, -v * 1e-4));
    });
    const { assets, matrix, pairs } = fundingCorrelation(funding);
    expect(assets).toEqual(['AAA', 'BBB', 'CCC']);
    expect(matrix[0][1]).toBeCloseTo(1, 12);
    // CCC's last settlement (g = 2) is carried one interval plus one step, to g = 4: over
    // AAA 1…5 and CCC −1, −2, −3, −3, −3, r = Σdxdy / √(ΣdxΣdy) = −5 / √(10 · 3.2).
    expect(pairs[0][2]).toBe(5);
    expect(matrix[0][2]).toBeCloseTo(-5 / Math.sqrt(32), 12);
    expect(pairs[0][1]).toBe(6);
  });

  it('a constant series has no correlation, and fewer common points than the minimum give null', () => {
    expect(pearson([1, 1, 1], [1, 2, 3]).r).toBeNull();
    expect(pearson([1, NaN, 3], [1, 2, NaN])).toEqual({ r: null, n: 1 });
  });

  it('averages an asset across venues before correlating (rates per 8 h)', () => {
    const funding = [0, 1, 2, 3].flatMap((g) => [
      point('binanceusdm', 'AAA/USDT:USDT', T0 + g * 8 * H, g * 1e-4),
      point('bybit', 'AAA/USDT:USDT', T0 + g * 8 * H, g * 0.5e-4, 4),
      point('okx', 'BBB/USDT:USDT', T0 + g * 8 * H, (3 - g) * 1e-4),
    ]);
    const { assets, matrix } = fundingCorrelation(funding);
    expect(assets).toEqual(['AAA', 'BBB']);
    expect(matrix[0][1]).toBeCloseTo(-1, 12);
  });
});
