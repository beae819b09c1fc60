import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_PARAMS } from '../../../electron/engine/study.ts';
import { eventStudy } from '../../fixtures/eventStudy.ts';
import { syntheticStudyData } from '../../fixtures/studySynthetic.ts';
import { naiveEventStudy } from './naiveStudy.ts';

describe('the fast event study agrees with the naive definition', () => {
  it('on a synthetic market with two venues, 4-h and 8-h symbols, gaps and jitter: identical events, counts and base rate', () => {
    const { funding, prices, map } = syntheticStudyData({ symbols: 40, days: 20, seed: 7, venues: ['binanceusdm', 'bybit'], gapShare: 0.03 });
    const X = 0.00004;
    for (const Z of [24, 48]) {
      const fast = eventStudy(funding, prices, map, { ...DEFAULT_STUDY_PARAMS, thresholdPer8h: X, horizonsHours: [Z] }).horizons[0];
      const naive = naiveEventStudy(funding, prices, map, X, Z, DEFAULT_STUDY_PARAMS.k);
      expect(naive.events.length).toBeGreaterThan(3);
      expect(fast.events).toEqual(naive.events);
      expect({ n: fast.all.n, hits: fast.all.hits, excluded: fast.all.excluded, basePoints: fast.all.basePoints })
        .toEqual({ n: naive.totals.n, hits: naive.totals.hits, excluded: naive.totals.excluded, basePoints: naive.totals.basePoints });
      expect(fast.all.baseRate).toBe(naive.totals.baseHits / naive.totals.basePoints);
    }
  });
});
