import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic } from '../../../electron/engine/logistic.ts';
import { walkForwardModel, DEFAULT_MODEL_OPTIONS } from '../../../electron/engine/model.ts';
import { DEFAULT_STUDY_PARAMS } from '../../../electron/engine/study.ts';
import { buildStudyPanel } from '../../../electron/engine/studyPanel.ts';
import { seededRandom, syntheticStudyData } from '../../fixtures/studySynthetic.ts';

describe('L2 logistic regression', () => {
  it('with only an intercept it predicts the observed frequency (3 of 10 → 0.3)', () => {
    const rows = new Float64Array(10).fill(1);
    const labels = Uint8Array.of(1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
    const { weights } = fitLogistic(rows, 1, labels, 1);
    expect(predictLogistic(weights, Float64Array.of(1))).toBeCloseTo(0.3, 9);
  });

  it('a stronger penalty shrinks the slope towards the base rate', () => {
    const random = seededRandom(3);
    const xs = Array.from({ length: 400 }, () => random() * 2 - 1);
    const rows = Float64Array.from(xs.flatMap((x) => [1, x]));
    const labels = Uint8Array.from(xs, (x) => (random() < 1 / (1 + Math.exp(-3 * x)) ? 1 : 0));
    const loose = fitLogistic(rows, 2, labels, 0.01).weights[1];
    const tight = fitLogistic(rows, 2, labels, 1000).weights[1];
    expect(loose).toBeGreaterThan(2);
    expect(Math.abs(tight)).toBeLessThan(loose / 3);
  });
});

describe('walk-forward model', () => {
  const params = { ...DEFAULT_STUDY_PARAMS, horizonsHours: [24], thresholdPer8h: 0.00004, k: 0.01 };
  const panelOf = (data: ReturnType<typeof syntheticStudyData>) =>
    buildStudyPanel(data.funding, data.prices, data.map, { minAssetsPerSector: 3, horizonsHours: [24], trailingHours: 24, maxPriceAgeHours: 8, fundingStaleIntervals: 1 });
  const options = { ...DEFAULT_MODEL_OPTIONS, minTrainSamples: 60 };

  it('has no look-ahead: changing every funding rate and price after T leaves all predictions up to T unchanged', () => {
    const data = syntheticStudyData({ symbols: 36, days: 40, seed: 5 });
    const before = walkForwardModel(panelOf(data), params, options);
    const T = Date.UTC(2025, 0, 26);
    const random = seededRandom(9);
    const perturbed = {
      ...data,
      // Settlement stamps carry up to 20 ms of jitter and count at their minute: change only those after T's minute.
      funding: data.funding.map((p) => (p.time > T + 60_000 ? { ...p, rate: p.rate * (random() * 4 - 2) } : p)),
      prices: data.prices.map((p) => (p.time > T ? { ...p, close: p.close * (0.5 + random()) } : p)),
    };
    const after = walkForwardModel(panelOf(perturbed), params, options);
    // What was forecast at or before T (the realised `hit` is scored later and may change).
    const upTo = (r: typeof before) => r.predictions.filter((p) => p.time <= T).map(({ sector, time, probability, baseRateForecast }) => ({ sector, time, probability, baseRateForecast }));
    expect(upTo(before).length).toBeGreaterThan(50);
    expect(upTo(after)).toEqual(upTo(before));
    // …and the perturbation did reach the later predictions, so the comparison can fail.
    expect(after.predictions.filter((p) => p.time > T)).not.toEqual(before.predictions.filter((p) => p.time > T));
  });

  it('reports Brier scores against the base-rate forecast and calibration bins that account for every prediction', () => {
    const report = walkForwardModel(panelOf(syntheticStudyData({ symbols: 36, days: 40, seed: 5 })), params, options);
    expect(report.walkForward.n).toBe(report.predictions.length);
    expect(report.calibration.reduce((sum, b) => sum + b.n, 0)).toBe(report.predictions.length);
    const brier = report.predictions.reduce((s, p) => s + (p.probability - (p.hit ? 1 : 0)) ** 2, 0) / report.predictions.length;
    expect(report.walkForward.brierModel).toBeCloseTo(brier, 12);
    expect(report.verdict).toMatch(report.outOfSample.beatsBaseRate ? /(beats|slightly better than) the base-rate forecast/ : /does NOT beat the base-rate forecast/);
    expect(report.verdict).toContain(`n = ${report.outOfSample.n}`);
  });
});
