import { describe, expect, it } from 'vitest';
import type { FundingPoint } from '../../../shared/domain/quotes.ts';
import { fundingLines, pointInForce, priceLine, spreadLine } from '../../../renderer/features/symbol/buildSeries.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const point = (venue: string, hours: number, rate: number, intervalHours: number): FundingPoint => ({ venue, symbol: 'BTC/USDT:USDT', time: T0 + hours * H, rate, intervalHours, markPrice: null });

describe('symbol chart series', () => {
  it('plots each settlement in percent per 8 h by its own interval (a 1 h 0.00125 % is 0.01 % /8h)', () => {
    const [line] = fundingLines([point('hyperliquid', 1, 0.0000125, 1)]);
    expect(line.points[0].value).toBeCloseTo(0.01, 10);
    expect(line.points[0].time).toBe((T0 + H) / 1000);
  });

  it('orders points by time and keeps one point per timestamp (the chart requires it)', () => {
    const [line] = fundingLines([point('okx', 16, 0.0002, 8), point('okx', 8, 0.0001, 8), point('okx', 8, 0.0003, 8)]);
    expect(line.points.map((p) => p.time)).toEqual([(T0 + 8 * H) / 1000, (T0 + 16 * H) / 1000]);
  });

  it('the spread is the highest minus the lowest rate in force across venues', () => {
    const s = spreadLine([point('binanceusdm', 8, 0.0001, 8), point('hyperliquid', 8, 0.00005, 1), point('okx', 8, -0.0002, 8)]);
    // hyperliquid 0.005 %/h = 0.04 %/8h; max 0.04 %, min −0.02 % → 0.06 %
    expect(s).toHaveLength(1);
    expect(s[0].value).toBeCloseTo(0.06, 10);
  });

  it('carries a rate forward between settlements of a slower venue', () => {
    const s = spreadLine([point('binanceusdm', 8, 0.0001, 8), point('hyperliquid', 9, 0, 1), point('hyperliquid', 10, 0.0000125, 1)]);
    expect(s.map((p) => +p.value.toFixed(6))).toEqual([0.01, 0]);
  });

  it('drops a venue whose last rate is older than the age bound, and needs two venues', () => {
    const s = spreadLine([point('binanceusdm', 0, 0.0001, 8), point('hyperliquid', 9, 0, 1)], 8);
    expect(s).toEqual([]);
  });

  it('the price pane uses the venue with the most price points', () => {
    const p = priceLine([
      { venue: 'okx', symbol: 'BTC/USDT:USDT', time: T0, close: 1 },
      { venue: 'bybit', symbol: 'BTC/USDT:USDT', time: T0, close: 2 },
      { venue: 'bybit', symbol: 'BTC/USDT:USDT', time: T0 + H, close: 3 },
    ]);
    expect(p?.venue).toBe('bybit');
    expect(p?.points.map((x) => x.value)).toEqual([2, 3]);
    expect(priceLine([])).toBeNull();
  });

  it('under the crosshair each line shows the rate in force: its latest point at or before that time', () => {
    const points = [{ time: 100, value: 1 }, { time: 200, value: 2 }, { time: 300, value: 3 }];
    expect(pointInForce(points, 250)?.value).toBe(2);
    expect(pointInForce(points, 300)?.value).toBe(3);
    expect(pointInForce(points, 1000)?.value).toBe(3);
    expect(pointInForce(points, 99)).toBeNull();
    expect(pointInForce([], 5)).toBeNull();
  });
});
