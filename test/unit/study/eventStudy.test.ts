import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_PARAMS, type StudyParams } from '../../../electron/engine/study.ts';
import { eventStudy } from '../../fixtures/eventStudy.ts';
import { buildStudyPanel } from '../../../electron/engine/studyPanel.ts';
import { wilsonInterval } from '../../../electron/engine/proportions.ts';
import { funding, prices, flat, U, T0, H } from './fixture.ts';

const MAP = new Map([
  ['AAA', 'L1'], ['AAB', 'L1'], ['AAC', 'L1'], ['AAD', 'L1'],
  ['DDA', 'DeFi'], ['DDB', 'DeFi'], ['DDC', 'DeFi'],
  ['MMA', 'Meme'], ['MMB', 'Meme'], ['MMC', 'Meme'],
  ['XXA', 'Thin'], ['XXB', 'Thin'],
]);
const PANEL_OPTIONS = { minAssetsPerSector: 3, horizonsHours: [24], trailingHours: 24, maxPriceAgeHours: 8, fundingStaleIntervals: 1 };
const params = (over: Partial<StudyParams> = {}): StudyParams => ({ ...DEFAULT_STUDY_PARAMS, thresholdPer8h: 8 * U, horizonsHours: [24], k: 0.02, ...over });
const N = 10;

/** L1 flat at 1,2,3,10 U (median 2.5 U); Meme flat at 1 U; DeFi rises from 2 U to 12 U at grid 4. */
function baseFunding() {
  return [
    ...funding('AAAUSDT', flat(1, N)), ...funding('AABUSDT', flat(2, N)), ...funding('AACUSDT', flat(3, N)), ...funding('AADUSDT', flat(10, N)),
    ...['DDA', 'DDB', 'DDC'].flatMap((b) => funding(`${b}USDT`, [2, 2, 2, 2, 12, 12, 12, 12, 12, 12])),
    ...['MMA', 'MMB', 'MMC'].flatMap((b) => funding(`${b}USDT`, flat(1, N))),
    ...['XXA', 'XXB'].flatMap((b) => funding(`${b}USDT`, flat(50, N))),
  ];
}
function flatPrices(count = N + 3) {
  return [...MAP.keys()].flatMap((b) => prices(`${b}USDT`, flat(100, count)));
}

describe('sector funding medians', () => {
  it('the median of an even count is the mean of the two middle values (L1: 1,2,3,10 U → 2.5 U)', () => {
    const panel = buildStudyPanel(baseFunding(), flatPrices(), MAP, PANEL_OPTIONS);
    const G = panel.grid.length;
    expect(panel.sectorFunding[panel.sectors.indexOf('L1') * G]).toBe(2.5 * U);
  });

  it('a sector with fewer than 3 assets carrying a value has no F_S and no divergence', () => {
    const panel = buildStudyPanel(baseFunding(), flatPrices(), MAP, PANEL_OPTIONS);
    const thin = panel.sectors.indexOf('Thin');
    expect(Number.isNaN(panel.sectorFunding[thin * panel.grid.length])).toBe(true);
    expect(Number.isNaN(panel.divergence[thin * panel.grid.length])).toBe(true);
  });

  it('D_S is F_S minus the median over sectors (DeFi 12 U, L1 2.5 U, Meme 1 U → D_DeFi = 9.5 U)', () => {
    const panel = buildStudyPanel(baseFunding(), flatPrices(), MAP, PANEL_OPTIONS);
    const G = panel.grid.length;
    expect(panel.divergence[panel.sectors.indexOf('DeFi') * G + 4]).toBe(9.5 * U);
    expect(panel.divergence[panel.sectors.indexOf('L1') * G + 4]).toBe(0);
  });

  it('a 4-hour rate counts per 8 h and a rate older than its interval is stale', () => {
    const fourHourly = funding('DDAUSDT', flat(3, 2 * N), 'bybit', 4); // 3 U per 8 h
    const rows = [...baseFunding().filter((p) => p.symbol !== 'DDAUSDT'), ...fourHourly];
    const panel = buildStudyPanel(rows, flatPrices(), MAP, PANEL_OPTIONS);
    const G = panel.grid.length;
    expect(panel.sectorFunding[panel.sectors.indexOf('DeFi') * G]).toBe(2 * U); // median of 3, 2, 2
    const stale = buildStudyPanel([...baseFunding().filter((p) => p.symbol !== 'DDAUSDT' || p.time === T0)], flatPrices(), MAP, PANEL_OPTIONS);
    expect(Number.isNaN(stale.sectorFunding[stale.sectors.indexOf('DeFi') * G + 2])).toBe(true);
  });
});

describe('events', () => {
  it('an event needs D_S(t) ≥ X and D_S(t − 8 h) < X: DeFi crossing at grid 4 is one event', () => {
    const result = eventStudy(baseFunding(), flatPrices(), MAP, params());
    expect(result.horizons[0].events.map((e) => [e.sector, e.time])).toEqual([['DeFi', T0 + 4 * 8 * H]]);
  });

  it('D_S exactly equal to X counts as crossing; staying at or above X is no new event', () => {
    const atX = eventStudy(baseFunding(), flatPrices(), MAP, params({ thresholdPer8h: 9.5 * U }));
    expect(atX.horizons[0].events).toHaveLength(1);
    const above = eventStudy(baseFunding(), flatPrices(), MAP, params({ thresholdPer8h: 9.5 * U + U / 8 }));
    expect(above.horizons[0].events).toHaveLength(0);
  });

  it('no event when D_S(t − 8 h) is undefined, even if D_S(t) ≥ X', () => {
    // Two DeFi assets miss the settlements at grid 2 and 3: at grid 3 their last rate is 16 h old,
    // older than their 8-h interval, so DeFi has one fresh asset and no F_S at grid 3.
    const gap = [T0 + 2 * 8 * H, T0 + 3 * 8 * H];
    const rows = baseFunding().filter((p) => !(['DDBUSDT', 'DDCUSDT'].includes(p.symbol) && gap.includes(p.time)));
    const result = eventStudy(rows, flatPrices(), MAP, params());
    expect(result.horizons[0].events).toHaveLength(0);
  });
});

describe('outcomes, hit rate and base rate', () => {
  /** DeFi falls 10 % between grid 4 and grid 7 (24 h later), the others stay flat. */
  const fallingDefi = () => [
    ...[...MAP.keys()].filter((b) => !b.startsWith('DD')).flatMap((b) => prices(`${b}USDT`, flat(100, N + 3))),
    ...['DDA', 'DDB', 'DDC'].flatMap((b) => prices(`${b}USDT`, [100, 100, 100, 100, 100, 100, 100, 90, 90, 90, 90, 90, 90])),
  ];

  it('a hit is R_S − R_M ≤ −k: DeFi −10 % against a market median of 0 % is a hit', () => {
    const [h] = eventStudy(baseFunding(), fallingDefi(), MAP, params()).horizons;
    expect(h.events[0]).toMatchObject({ sector: 'DeFi', sectorReturn: 0.9 - 1, marketReturn: 0, hit: true });
    expect(h.all).toMatchObject({ n: 1, hits: 1, hitRate: 1, excluded: 0 });
  });

  it('the base rate counts every (S, t) with D defined and an outcome: 3 hits of 3 sectors × 10 points', () => {
    // Prices run to index 12, so every grid point 0..9 has its t + 24 h close. DeFi's 24-h return
    // is −10 % at grid 4, 5 and 6 (t + 24 h reaches the fall at index 7, t does not).
    const [h] = eventStudy(baseFunding(), fallingDefi(), MAP, params()).horizons;
    expect(h.all.basePoints).toBe(3 * N);
    expect(h.all.baseRate).toBe(3 / (3 * N));
    expect(h.all.lift).toBe(1 / (3 / (3 * N)));
  });

  it('an event without a price at t + Z is left out of n and counted apart', () => {
    const cut = fallingDefi().filter((p) => !(p.symbol.startsWith('DD') && p.time >= T0 + 6 * 8 * H));
    const [h] = eventStudy(baseFunding(), cut, MAP, params()).horizons;
    expect(h.events[0]).toMatchObject({ sector: 'DeFi', hit: null, sectorReturn: null });
    expect(h.all).toMatchObject({ n: 0, excluded: 1, hitRate: null, ci95: null, lift: null });
  });

  it('the first 70 % of the grid period is in-sample, the rest out-of-sample', () => {
    const result = eventStudy(baseFunding(), fallingDefi(), MAP, params());
    // grid 0..9 spans 72 h; the split is at 0.7 × 72 h = 50.4 h: grid 0..6 in, 7..9 out.
    expect(result.period.splitTime).toBe(T0 + 50.4 * H);
    const [h] = result.horizons;
    expect(h.inSample.basePoints).toBe(3 * 7);
    expect(h.outOfSample.basePoints).toBe(3 * 3);
    expect(h.inSample.n + h.outOfSample.n).toBe(h.all.n);
  });
});

describe('Wilson 95 % interval', () => {
  it('5 of 10 gives 23.66 %–76.34 %', () => {
    const [lo, hi] = wilsonInterval(5, 10)!;
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
  });
  it('0 of 10 gives 0 %–27.75 %, never a negative bound', () => {
    const [lo, hi] = wilsonInterval(0, 10)!;
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.2775, 4);
  });
  it('no interval without events', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
