import { describe, expect, it } from 'vitest';
import { SectorSeries } from '../../../electron/engine/sectorSeries.ts';
import { computeSectorState, SampleCursors } from '../../../electron/engine/sectors.ts';
import { ENGINE_SECTOR_OPTIONS } from '../../../electron/engine/sectorTracker.ts';
import { seededRandom } from '../../fixtures/engine/quoteSet.ts';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 2, 1);
const rows = (series: SectorSeries) => {
  const h = series.history();
  return [...h.times].map((t, i) => [t, h.fundingPer8h[i], h.price[i]]);
};

describe('sector series', () => {
  it('keeps one live sample per 15-min bucket, the latest in it', () => {
    const series = new SectorSeries('BTC');
    series.record(T0, 15 * MIN, 0.001, 100, 5);
    series.record(T0 + 5 * MIN, 15 * MIN, 0.002, 101, 5);
    series.record(T0 + 15 * MIN, 15 * MIN, 0.003, 102, 5);
    series.record(T0 + 10 * MIN, 15 * MIN, 0.009, 109, 5); // older than the newest: ignored
    expect(rows(series)).toEqual([[T0 + 5 * MIN, 0.002, 101], [T0 + 15 * MIN, 0.003, 102]]);
  });

  it('seeded closes fill only the time before live sampling began, and a new seed replaces the old one', () => {
    const series = new SectorSeries('BTC');
    series.seed([T0 - 8 * H, T0 - 4 * H], [90, 95]);
    series.record(T0, 15 * MIN, 0.001, 100, 5);
    series.seed([T0 - 12 * H, T0 - 8 * H, T0 - 4 * H, T0], [80, 91, 96, 99]);
    expect(rows(series)).toEqual([[T0 - 12 * H, NaN, 80], [T0 - 8 * H, NaN, 91], [T0 - 4 * H, NaN, 96], [T0, 0.001, 100]]);
  });

  it('pruning keeps the newest row before the cut (the value in force there)', () => {
    const series = new SectorSeries('BTC');
    for (let k = 0; k < 10; k++) series.record(T0 + k * H, 15 * MIN, k, 100 + k, 5);
    series.prune(T0 + 4.5 * H);
    expect(rows(series).map(([t]) => (t - T0) / H)).toEqual([4, 5, 6, 7, 8, 9]);
  });
});

describe('sample cursors', () => {
  it('a snapshot computed with cursors kept across ticks (through pruning and growth) equals one computed afresh', () => {
    const random = seededRandom(3);
    const bases = Array.from({ length: 30 }, (_, i) => `B${i}`);
    const map = new Map(bases.map((b, i) => [b, `S${i % 4}`]));
    const series = bases.map((b) => new SectorSeries(b));
    const cursors = new SampleCursors();
    for (let tick = 0; tick < 400; tick++) {
      const now = T0 + tick * 15 * MIN;
      series.forEach((s) => s.record(now - Math.floor(random() * 60_000), 15 * MIN, (random() - 0.4) * 0.002, 100 + random() * 10, 1e6 * (1 + random())));
      if (tick % 50 === 0) series.forEach((s) => s.prune(now - 60 * H));
      const histories = series.map((s) => s.history());
      expect(computeSectorState(now, histories, map, ENGINE_SECTOR_OPTIONS, cursors)).toEqual(computeSectorState(now, histories, map, ENGINE_SECTOR_OPTIONS));
    }
  });
});
