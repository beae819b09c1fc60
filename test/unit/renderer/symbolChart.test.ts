import { describe, expect, it } from 'vitest';
import type { FundingPoint, FundingQuote } from '../../../shared/domain/quotes.ts';
import { percentLabel, percentPer8h, visibleWindow } from '../../../renderer/features/symbol/chartRange.ts';
import { chartPoints, liveFunding, liveSpread, seriesChange, withLive } from '../../../renderer/features/symbol/livePoints.ts';
import { fundingLines } from '../../../renderer/features/symbol/buildSeries.ts';
import { backfillDue, newestStored } from '../../../renderer/features/symbol/backfillDue.ts';
import { chartPlots, storedSeries } from '../../../renderer/features/symbol/chartPlots.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const DAY_S = 86_400;

const settled = (venue: string, hours: number, rate: number, intervalHours = 8): FundingPoint =>
  ({ venue, symbol: 'BTC/USDT:USDT', time: T0 + hours * H, rate, intervalHours, markPrice: null });

function quote(venue: FundingQuote['venue'], over: Partial<FundingQuote> = {}): FundingQuote {
  return {
    venue, symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate: -0.000472, rateKind: 'predicted', lastSettledRate: -0.000977,
    intervalHours: 8, nextFundingTime: T0 + 24 * H, markPrice: 91_250.5, indexPrice: 91_240, volume24hUsd: 1e9, openInterestUsd: 5e8,
    observedAt: T0 + 20 * H + 12_345, ...over,
  };
}

describe('percent axis labels', () => {
  it('print a float a hair off zero as a clean 0.0000% (was −1.0000e-17)', () => {
    expect(percentLabel(-1e-17)).toBe('0.0000%');
    expect(percentLabel(1e-9)).toBe('0.0000%');
    expect(percentLabel(0)).toBe('0.0000%');
  });
  it('keep the sign and four decimals, the legend adds the unit', () => {
    expect(percentLabel(0.01)).toBe('+0.0100%');
    expect(percentLabel(-0.0472)).toBe('−0.0472%');
    expect(percentPer8h(-0.0472)).toBe('−0.0472% /8h');
  });
});

describe('range buttons', () => {
  const first = T0 / 1000;
  const last = first + 120 * DAY_S;
  it('7 d / 30 d / 90 d show that many days back from the newest point', () => {
    expect(visibleWindow('7d', first, last)).toEqual({ from: last - 7 * DAY_S, to: last });
    expect(visibleWindow('30d', first, last)).toEqual({ from: last - 30 * DAY_S, to: last });
    expect(visibleWindow('90d', first, last)).toEqual({ from: last - 90 * DAY_S, to: last });
  });
  it('a window longer than the history starts at its oldest point; All fits everything', () => {
    expect(visibleWindow('90d', last - 10 * DAY_S, last)).toEqual({ from: last - 10 * DAY_S, to: last });
    expect(visibleWindow('all', first, last)).toBeNull();
  });
});

describe('live points', () => {
  const stored = fundingLines([settled('binanceusdm', 8, 0.0001), settled('binanceusdm', 16, -0.000977)]);

  it('end each stored line at the live rate, % /8h, at the settlement it will be paid at', () => {
    const [line] = withLive(stored, liveFunding([quote('binanceusdm')]));
    expect(line.live).toEqual({ time: (T0 + 24 * H) / 1000, value: expect.closeTo(-0.0472, 10), kind: 'predicted' });
    expect(chartPoints(line).map((p) => p.time)).toEqual([(T0 + 8 * H) / 1000, (T0 + 16 * H) / 1000, (T0 + 24 * H) / 1000]);
  });

  it('a 1 h venue is normalised to 8 h; a venue without a predicted rate shows its last settled one', () => {
    const live = liveFunding([quote('hyperliquid', { rate: 0.0000125, intervalHours: 1 }), quote('okx', { rate: null, rateKind: 'settled', lastSettledRate: 0.0002 })]);
    expect(live.get('hyperliquid BTC/USDT:USDT')!.value).toBeCloseTo(0.01, 10);
    expect(live.get('okx BTC/USDT:USDT')).toMatchObject({ value: expect.closeTo(0.02, 10), kind: 'settled' });
  });

  it('a stored settlement at the live point\'s time replaces it; a venue only quoted live gets its own line', () => {
    const after = fundingLines([settled('binanceusdm', 24, -0.0005)]);
    const lines = withLive(after, liveFunding([quote('binanceusdm'), quote('bybit')]));
    expect(lines.map((l) => [l.key, l.points.length, l.live !== null])).toEqual([['binanceusdm BTC/USDT:USDT', 1, false], ['bybit BTC/USDT:USDT', 0, true]]);
  });

  it('the live spread is the highest minus the lowest live rate, after the stored spread', () => {
    const lines = withLive(stored, liveFunding([quote('binanceusdm'), quote('bybit', { rate: 0.0001 })]));
    expect(liveSpread(lines, [{ time: (T0 + 16 * H) / 1000, value: 0.05 }])).toEqual({ time: (T0 + 24 * H) / 1000, value: expect.closeTo(0.0572, 10) });
    expect(liveSpread(lines.slice(0, 1), [])).toBeNull();
  });

  it('the legend reads the live value (−0.0472 % /8h predicted), not the last settlement (−0.0977)', () => {
    const plots = chartPlots(storedSeries([settled('binanceusdm', 16, -0.000977)], []), [quote('binanceusdm')]);
    const venue = plots.find((p) => p.style === 'venue')!;
    expect(venue.format(venue.points[venue.points.length - 1].value)).toBe('−0.0472% /8h');
    expect(venue.live?.kind).toBe('predicted');
  });
});

describe('series changes', () => {
  const a = { time: 100, value: 1 };
  const b = { time: 200, value: 2 };
  it('a live tick on the last point or one later point is a single update', () => {
    expect(seriesChange([a, b], [a, { time: 200, value: 2.5 }])).toEqual({ kind: 'update', point: { time: 200, value: 2.5 } });
    expect(seriesChange([a], [a, b])).toEqual({ kind: 'update', point: b });
    expect(seriesChange([], [a])).toEqual({ kind: 'update', point: a });
    expect(seriesChange([a, b], [a, b])).toEqual({ kind: 'none' });
  });
  it('an earlier change, a moved live point or a reload sets the data', () => {
    expect(seriesChange([a, b], [{ time: 100, value: 9 }, b])).toEqual({ kind: 'set' });
    expect(seriesChange([a, b], [a, { time: 300, value: 2 }])).toEqual({ kind: 'set' });
    expect(seriesChange([a, b], [a])).toEqual({ kind: 'set' });
    expect(seriesChange([a], [a, b, { time: 300, value: 3 }])).toEqual({ kind: 'set' });
  });
});

describe('background backfill', () => {
  it('is due for a live leg with no stored history', () => {
    expect(backfillDue(new Map(), [quote('binanceusdm')])).toEqual([`binanceusdm BTC/USDT:USDT@${T0 + 16 * H}`]);
  });
  it('is due when the newest stored settlement is older than the latest settlement period, not before', () => {
    const q = quote('binanceusdm'); // next 24 h → latest settlement 16 h
    expect(backfillDue(newestStored([settled('binanceusdm', 8, 0.0001)]), [q])).toEqual([`binanceusdm BTC/USDT:USDT@${T0 + 16 * H}`]);
    expect(backfillDue(newestStored([settled('binanceusdm', 16, 0.0001)]), [q])).toEqual([]);
    // A venue stamping its settlement a second late is up to date.
    expect(backfillDue(newestStored([{ ...settled('binanceusdm', 16, 0.0001), time: T0 + 16 * H - 1000 }]), [q])).toEqual([]);
  });
  it('names the period, so the next settlement asks again', () => {
    const newest = newestStored([settled('binanceusdm', 16, 0.0001)]);
    expect(backfillDue(newest, [quote('binanceusdm', { nextFundingTime: T0 + 32 * H })])).toEqual([`binanceusdm BTC/USDT:USDT@${T0 + 24 * H}`]);
  });
});
