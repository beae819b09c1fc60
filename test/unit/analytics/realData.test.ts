import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FundingPoint } from '../../../shared/domain/quotes.ts';
import { parseFundingCsv } from '../../../shared/history/fundingCsv.ts';
import { fundingCorrelation, seriesAnalytics, spreadHalfLife } from '../../../electron/engine/analytics.ts';
import { DATA_DIR, binanceQ1Csv, sevenVenuesCsv } from '../history/realFundingData.ts';

/**
 * What the analytics find on recorded data (converted at run time, see /work/shared/data/README.md):
 * the Binance USDⓈ-M quarter ending 2026-03-20 (539 perps, last 200 settlements each) and BTC on
 * seven venues, 2020–2023. These are findings, written down so a change in the formulas shows.
 */
const hasData = existsSync(join(DATA_DIR, 'binance-usdm-2026q1')) && existsSync(join(DATA_DIR, 'btc-eth-7venues'));

function parsed(text: string): FundingPoint[] {
  const { points, errors } = parseFundingCsv(text, 'recorded');
  expect(errors).toEqual([]);
  return points;
}

describe.skipIf(!hasData)('history analytics on recorded funding', () => {
  const quarter = hasData ? parsed(binanceQ1Csv()) : [];

  it('Binance Q1 2026: fewer than half the perps (257 of 539) had a positive 30-day mean at the end of the quarter', () => {
    const all = seriesAnalytics(quarter);
    expect(all).toHaveLength(539);
    expect(all.filter((s) => s.latest.mean > 0)).toHaveLength(257);
  });

  it('BTC paid slightly negative funding over the last 30 days (−0.0006 % per 8 h, volatility 0.0038 %) and never reached 0.05 % per 8 h', () => {
    const [btc] = seriesAnalytics(quarter.filter((p) => p.symbol === 'BTC/USDT:USDT'));
    expect(btc.latest.n).toBe(90);
    expect(btc.latest.mean).toBeCloseTo(-0.00000606, 8);
    expect(btc.latest.volatility).toBeCloseTo(0.0000384, 7);
    expect(btc.persistence.find((p) => p.thresholdPer8h === 0.0005)).toMatchObject({ runs: 0, shareOfTime: 0 });
  });

  it('the median perp spends about half its time (54.5 %) at or above 0.01 % per 8 h, Binance\'s default rate', () => {
    const shares = seriesAnalytics(quarter).map((s) => s.persistence[0].shareOfTime).sort((a, b) => a - b);
    expect(shares[Math.floor(shares.length / 2)]).toBeCloseTo(0.545, 3);
  });

  it('funding of the majors co-moves: every pairwise correlation on the 8-hour grid is positive (0.19 to 0.58)', () => {
    const majors = new Set(['BTC', 'ETH', 'SOL', 'XRP', 'BNB', 'DOGE'].map((b) => `${b}/USDT:USDT`));
    const { assets, matrix } = fundingCorrelation(quarter.filter((p) => majors.has(p.symbol)));
    expect(assets).toEqual(['BNB', 'BTC', 'DOGE', 'ETH', 'SOL', 'XRP']);
    const offDiagonal = matrix.flatMap((row, a) => row.filter((_, b) => b !== a)) as number[];
    expect(Math.min(...offDiagonal)).toBeCloseTo(0.19, 2);
    expect(Math.max(...offDiagonal)).toBeCloseTo(0.58, 2);
  });

  it('BTC 2020–2023: the Binance–Bybit spread reverts with a half-life of about 9.6 h; the widest of seven venues in about 14 h', () => {
    const btc = parsed(sevenVenuesCsv('BTC-USDT'));
    const pair = spreadHalfLife('BTC', btc.filter((p) => p.venue === 'binanceusdm' || p.venue === 'bybit'));
    expect(pair.points).toBe(3285);
    expect(pair.phi).toBeCloseTo(0.561, 3);
    expect(pair.halfLifeHours).toBeCloseTo(9.59, 2);
    const seven = spreadHalfLife('BTC', btc);
    expect(seven.venues).toHaveLength(7);
    expect(seven.halfLifeHours).toBeCloseTo(14.15, 2);
  });
});
