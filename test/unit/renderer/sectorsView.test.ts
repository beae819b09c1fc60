import { describe, expect, it } from 'vitest';
import type { SectorSnapshotView, SectorStateView } from '../../../shared/domain/sectors.ts';
import type { PatternStudy, StudySummaryView } from '../../../shared/domain/patterns.ts';
import { appendSnapshot, buildHeatmap, divergenceColour } from '../../../renderer/store/divergenceHistory.ts';
import { baseRateText, hitRateText, modelVerdict, sectorLeadAsset } from '../../../renderer/features/patterns/studyText.ts';
import { searchEntries } from '../../../renderer/features/sectorMap/mapSearch.ts';
import { studyInput, DEFAULT_DRAFT } from '../../../renderer/store/patternsStore.ts';
import { leg, row } from './opportunityFixture.ts';

function state(sector: string, divergence: number | null, z: number | null = null): SectorStateView {
  return {
    sector, assets: 3, medianPer8h: null, oiWeightedPer8h: null, change1h: null, change8h: null, change24h: null, dispersion: null,
    return4h: null, return24h: null, return48h: null, oiChange24h: null, relativeStrength24h: null, divergence, divergenceZ: z, signal: null,
  };
}

function snap(at: number, sectors: SectorStateView[]): SectorSnapshotView {
  return { at, crossSectorMedianPer8h: 0.0001, sectors, rotation: { outOf: [], into: [], label: null }, btcEth: { divergencePer8h: null, flagged: false } };
}

describe('sector snapshot history kept by the renderer', () => {
  it('a snapshot with a time already held replaces it instead of adding a column', () => {
    const h = appendSnapshot(appendSnapshot([], snap(1, [state('DeFi', 0.001)])), snap(1, [state('DeFi', 0.002)]));
    expect(h).toHaveLength(1);
    expect(h[0].sectors[0].divergence).toBe(0.002);
  });

  it('an out-of-order snapshot is slotted in by time', () => {
    let h = appendSnapshot([], snap(10, []));
    h = appendSnapshot(h, snap(30, []));
    h = appendSnapshot(h, snap(20, []));
    expect(h.map((s) => s.at)).toEqual([10, 20, 30]);
  });

  it('beyond the cap the oldest snapshots go', () => {
    let h: SectorSnapshotView[] = [];
    for (let t = 1; t <= 5; t++) h = appendSnapshot(h, snap(t, []), 3);
    expect(h.map((s) => s.at)).toEqual([3, 4, 5]);
  });
});

describe('the divergence heatmap', () => {
  const history = [
    snap(1, [state('DeFi', 0.0004), state('Meme', -0.0002)]),
    snap(2, [state('DeFi', 0.0012, 2.1), state('Meme', -0.0003), state('AI', null)]),
  ];

  it('rows are the latest snapshot sectors, most overheated first, sectors without a value last', () => {
    expect(buildHeatmap(history, 10).rows.map((r) => r.sector)).toEqual(['DeFi', 'Meme', 'AI']);
  });

  it('a sector missing from an older snapshot gets an empty cell there, and the scale is the largest |divergence| shown', () => {
    const map = buildHeatmap(history, 10);
    const ai = map.rows.find((r) => r.sector === 'AI')!;
    expect(ai.cells.map((c) => c.divergence)).toEqual([null, null]);
    expect(map.scale).toBe(0.0012);
    expect(map.rows[0].cells[1]).toEqual({ at: 2, divergence: 0.0012, z: 2.1 });
  });

  it('only the last `columns` snapshots are drawn', () => {
    expect(buildHeatmap(history, 1).times).toEqual([2]);
  });

  it('a sector paying more is green and one paying less red, as positive and negative everywhere; empty cells transparent, full intensity at the scale', () => {
    expect(divergenceColour(0.001, 0.001)).toBe('rgba(63, 185, 80, 0.95)');
    expect(divergenceColour(-0.001, 0.001)).toMatch(/^rgba\(248, 81, 73/);
    expect(divergenceColour(null, 0.001)).toBe('transparent');
  });
});

function summary(patch: Partial<StudySummaryView>): StudySummaryView {
  return { n: 0, effectiveN: 0, hits: 0, hitRate: null, ci95: null, baseRate: null, basePoints: 0, lift: null, excluded: 0, ...patch };
}

describe('the Patterns panel never shows a bare probability', () => {
  it('a hit rate comes with its 95 % interval, the independent windows it stands on, and n', () => {
    expect(hitRateText(summary({ n: 17, effectiveN: 9, hits: 7, hitRate: 7 / 17, ci95: [0.2159, 0.6398] }))).toBe('41.2 % (95 % CI 21.6 %–64.0 % on 9 independent), n = 17');
  });

  it('a base rate names how many grid points it stands on', () => {
    expect(baseRateText(summary({ baseRate: 0.25, basePoints: 1200 }))).toBe('25.0 % of 1200 grid points');
    expect(hitRateText(summary({}))).toBe('– (n = 0)');
  });

  it('a model that loses to the base rate out of sample is called so in words', () => {
    const model: PatternStudy['model'] = { brier: 0.21, baseBrier: 0.19, beatsBase: false, verdict: 'worse', calibration: [], n: 40, features: [] };
    const v = modelVerdict(model);
    expect(v.beats).toBe(false);
    expect(v.headline).toBe('The model does not beat the base rate out of sample.');
    expect(v.detail).toContain('Brier 0.2100 (model) vs 0.1900 (base rate), 40 out-of-sample predictions');
  });

  it('the study input converts percent to decimals and names a bad field', () => {
    expect(studyInput(DEFAULT_DRAFT)).toEqual({ threshold: 0.0005, horizonHours: 24, k: 0.02 });
    expect(studyInput({ ...DEFAULT_DRAFT, horizonHours: '0' })).toMatch(/^Horizon/);
    expect(studyInput({ ...DEFAULT_DRAFT, kPct: 'x' })).toMatch(/^k must/);
  });
});

describe('event links and the sector map search', () => {
  it("an event links to the sector's asset listed on the most venues, ties by name", () => {
    const sectors = new Map([['UNI', 'DeFi'], ['AAVE', 'DeFi'], ['CRV', 'DeFi'], ['BTC', 'Layer 1']]);
    const rows = [
      row('UNI', { legs: [leg('okx', 0), leg('bybit', 0)] }),
      row('AAVE', { legs: [leg('okx', 0), leg('bybit', 0)] }),
      row('CRV', { legs: [leg('okx', 0)] }),
      row('BTC', { legs: [leg('okx', 0), leg('bybit', 0), leg('binanceusdm', 0)] }),
    ];
    expect(sectorLeadAsset('DeFi', sectors, rows)).toBe('AAVE');
    expect(sectorLeadAsset('Gaming', sectors, rows)).toBeNull();
  });

  it('search puts bases starting with the text before bases or sectors containing it, and caps the rows', () => {
    const entries = [
      { base: 'ARB', sector: 'Layer 2', source: 'default' as const },
      { base: 'BAR', sector: 'Other', source: 'default' as const },
      { base: 'OP', sector: 'Layer 2', source: 'user' as const },
    ];
    expect(searchEntries(entries, 'ar', 10).shown.map((e) => e.base)).toEqual(['ARB', 'BAR']);
    expect(searchEntries(entries, 'layer', 1)).toEqual({ shown: [entries[0]], matched: 2 });
    expect(searchEntries(entries, '', 2).matched).toBe(3);
  });
});
