import type { CalibrationBin } from '../../shared/domain/patterns.ts';
import { fitLogistic, predictLogistic } from './logistic.ts';
import { outcomeAt, isEvent, studySplitTime, type StudyParams } from './study.ts';
import { HOUR_MS, type StudyPanel } from './studyPanel.ts';

/**
 * The learned layer over the event study (docs/domain.md §2.6): an L2 logistic regression predicting
 * the hit (R_S − R_M ≤ −k over Z) from sector-state features at time t, trained walk-forward.
 * At each refit time T it sees only samples whose outcome was known by T (t + Z ≤ T), so every
 * probability it reports is out of sample; it is always compared with the base-rate forecast
 * (the hit frequency of the same training window) and says so when it does not beat it.
 */
export const MODEL_FEATURES = ['divergence', 'divergence change 8 h', 'divergence change 24 h', 'divergence z-score', 'trailing 24 h return vs market', 'funding dispersion'] as const;

export interface ModelOptions {
  /** Which of the study's horizons to predict (index into params.horizonsHours). */
  horizon: number;
  lambda: number;
  /** Rolling window of the divergence z-score, in grid points (21 = 7 days). */
  zWindow: number;
  minTrainSamples: number;
  /** Refit every this many grid points (3 = daily); predictions in between use the last fit. */
  refitEvery: number;
  bins: number;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = { horizon: 0, lambda: 1, zWindow: 21, minTrainSamples: 200, refitEvery: 3, bins: 10 };

export interface Prediction { sector: string; time: number; probability: number; baseRateForecast: number; hit: boolean; event: boolean }
export interface ForecastScore { n: number; hits: number; observedRate: number | null; brierModel: number | null; brierBaseRate: number | null; skill: number | null; beatsBaseRate: boolean }

export interface ModelReport {
  horizonHours: number;
  features: readonly string[];
  /** Every walk-forward prediction (all out of sample), and the part after the study's 70 % split. */
  walkForward: ForecastScore;
  outOfSample: ForecastScore;
  events: ForecastScore;
  calibration: CalibrationBin[];
  predictions: Prediction[];
  verdict: string;
}

interface Sample { s: number; g: number; y: number; labelTime: number; event: boolean }

/** The samples, their features as one row-major matrix (`FEATURES_WITH_INTERCEPT` per sample), and by grid point. */
interface SampleSet { list: Sample[]; x: Float64Array; atGrid: number[][] }

const FEATURES_WITH_INTERCEPT = MODEL_FEATURES.length + 1;

/**
 * Allocation-free per refit: the training window is standardised into one buffer reused across
 * refits, and each grid point's samples are listed once, so a year's walk-forward is O(refits ×
 * window) arithmetic rather than millions of small arrays (see docs/domain.md §2.6 for the model).
 */
export function walkForwardModel(panel: StudyPanel, params: StudyParams, options: ModelOptions = DEFAULT_MODEL_OPTIONS): ModelReport {
  const horizonHours = params.horizonsHours[options.horizon];
  const samples = buildSamples(panel, params, options);
  const predictions: Prediction[] = [];
  let weights: Float64Array | null = null;
  let scaling: Scaling | null = null;
  let baseRate = 0;
  const buffer = new Float64Array(samples.x.length);
  const scaled = new Float64Array(FEATURES_WITH_INTERCEPT);
  const G = panel.grid.length;
  const labelTimes = Float64Array.from(samples.list, (sample) => sample.labelTime);
  const labels = Uint8Array.from(samples.list, (sample) => sample.y);
  const window = new Int32Array(samples.list.length);
  for (let g = 0; g < G; g++) {
    const now = panel.grid[g];
    if (g % options.refitEvery === 0) {
      let size = 0;
      for (let k = 0; k < labelTimes.length; k++) if (labelTimes[k] <= now) window[size++] = k;
      const fitted = fitWindow(samples.x, labels, window.subarray(0, size), buffer, options, weights);
      if (fitted) ({ weights, scaling, baseRate } = fitted);
    }
    if (!weights || !scaling) continue;
    for (const k of samples.atGrid[g]) {
      const sample = samples.list[k];
      scaling.apply(samples.x, k, scaled, 0);
      predictions.push({
        sector: panel.sectors[sample.s], time: now, probability: predictLogistic(weights, scaled),
        baseRateForecast: baseRate, hit: sample.y === 1, event: sample.event,
      });
    }
  }
  const split = studySplitTime(panel.grid, params.inSampleShare) ?? Infinity;
  const walkForward = score(predictions);
  const outOfSample = score(predictions.filter((p) => p.time >= split));
  return {
    horizonHours, features: MODEL_FEATURES, walkForward, outOfSample, events: score(predictions.filter((p) => p.event)),
    calibration: calibrate(predictions, options.bins), predictions, verdict: verdictOf(outOfSample, horizonHours),
  };
}

/** One row per (sector, grid point) with all features defined and a computable outcome. */
function buildSamples(panel: StudyPanel, params: StudyParams, options: ModelOptions): SampleSet {
  const G = panel.grid.length;
  const D = panel.divergence;
  const list: Sample[] = [];
  const features: number[] = [];
  const atGrid: number[][] = Array.from({ length: G }, () => []);
  const horizonMs = params.horizonsHours[options.horizon] * HOUR_MS;
  for (let s = 0; s < panel.sectors.length; s++) {
    for (let g = 3; g < G; g++) {
      const hit = outcomeAt(panel, options.horizon, s, g, params.k);
      const i = s * G + g;
      const z = rollingZ(D, s * G, g, options.zWindow);
      const x = [1, D[i], D[i] - D[i - 1], D[i] - D[i - 3], z, panel.trailingRelativeReturn[i], panel.sectorDispersion[i]];
      if (hit === null || x.some(Number.isNaN)) continue;
      atGrid[g].push(list.length);
      list.push({ s, g, y: hit ? 1 : 0, labelTime: panel.grid[g] + horizonMs, event: isEvent(D, s, g, G, params.thresholdPer8h) });
      features.push(...x);
    }
  }
  return { list, x: Float64Array.from(features), atGrid };
}

/** z-score of the value at g against the window of defined values ending at g (past and present only). */
function rollingZ(values: Float64Array, offset: number, g: number, window: number): number {
  let n = 0, sum = 0, squares = 0;
  for (let j = Math.max(0, g - window + 1); j <= g; j++) {
    const v = values[offset + j];
    if (Number.isNaN(v)) continue;
    n++; sum += v; squares += v * v;
  }
  if (n < 5) return Number.NaN;
  const mean = sum / n;
  const sd = Math.sqrt(Math.max(0, squares / n - mean * mean));
  return sd > 0 ? (values[offset + g] - mean) / sd : 0;
}

/** Writes sample `k`'s standardised features (row k of `x`) into row `row` of `out`. */
interface Scaling { apply(x: Float64Array, k: number, out: Float64Array, row: number): void }

function fitWindow(x: Float64Array, labels: Uint8Array, training: Int32Array, buffer: Float64Array, options: ModelOptions, start: Float64Array | null) {
  let hits = 0;
  for (let row = 0; row < training.length; row++) hits += labels[training[row]];
  if (training.length < options.minTrainSamples || hits === 0 || hits === training.length) return null;
  const scaling = standardiser(x, training);
  const windowLabels = new Uint8Array(training.length);
  for (let row = 0; row < training.length; row++) {
    scaling.apply(x, training[row], buffer, row);
    windowLabels[row] = labels[training[row]];
  }
  const { weights } = fitLogistic(buffer, FEATURES_WITH_INTERCEPT, windowLabels, options.lambda, start ?? undefined);
  return { weights, scaling, baseRate: hits / training.length };
}

/** Feature standardisation with the training window's own mean and deviation (no look-ahead). */
function standardiser(x: Float64Array, training: Int32Array): Scaling {
  const d = FEATURES_WITH_INTERCEPT;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d).fill(1);
  for (let a = 1; a < d; a++) {
    let sum = 0, squares = 0;
    for (let row = 0; row < training.length; row++) { const v = x[training[row] * d + a]; sum += v; squares += v ** 2; }
    mean[a] = sum / training.length;
    sd[a] = Math.sqrt(Math.max(0, squares / training.length - mean[a] ** 2)) || 1;
  }
  return {
    apply(source, k, out, row) {
      out[row * d] = 1;
      for (let a = 1; a < d; a++) out[row * d + a] = (source[k * d + a] - mean[a]) / sd[a];
    },
  };
}

function score(predictions: Prediction[]): ForecastScore {
  const n = predictions.length;
  if (n === 0) return { n, hits: 0, observedRate: null, brierModel: null, brierBaseRate: null, skill: null, beatsBaseRate: false };
  let hits = 0, model = 0, base = 0;
  for (const p of predictions) {
    const y = p.hit ? 1 : 0;
    hits += y;
    model += (p.probability - y) ** 2;
    base += (p.baseRateForecast - y) ** 2;
  }
  const skill = base > 0 ? 1 - model / base : null;
  return { n, hits, observedRate: hits / n, brierModel: model / n, brierBaseRate: base / n, skill, beatsBaseRate: skill !== null && skill > 0 };
}

/** Reliability: equal-width bins of the predicted probability, mean prediction against observed frequency. */
function calibrate(predictions: Prediction[], bins: number): CalibrationBin[] {
  return Array.from({ length: bins }, (_, b) => {
    const from = b / bins, to = (b + 1) / bins;
    const inBin = predictions.filter((p) => p.probability >= from && (p.probability < to || (b === bins - 1 && p.probability <= 1)));
    const n = inBin.length;
    return {
      from, to, n,
      meanPredicted: n ? inBin.reduce((s, p) => s + p.probability, 0) / n : null,
      observedRate: n ? inBin.filter((p) => p.hit).length / n : null,
    };
  });
}

/** Below this many out-of-sample hits a better Brier score is reported as not evidence. */
const MIN_HITS_FOR_EVIDENCE = 30;

function verdictOf(s: ForecastScore, horizonHours: number): string {
  if (s.n === 0 || s.brierModel === null || s.brierBaseRate === null) return `No out-of-sample predictions for ${horizonHours} h: not enough history to train the model.`;
  const figures = `Brier ${s.brierModel.toFixed(5)} vs base rate ${s.brierBaseRate.toFixed(5)}, skill ${(100 * (s.skill ?? 0)).toFixed(1)} %, n = ${s.n} out-of-sample predictions, ${s.hits} hits, observed hit rate ${(100 * (s.observedRate ?? 0)).toFixed(1)} %`;
  if (s.beatsBaseRate && s.hits < MIN_HITS_FOR_EVIDENCE) {
    return `The model scores slightly better than the base-rate forecast out of sample over ${horizonHours} h (${figures}), but ${s.hits} hits are too few for that margin to be evidence of skill.`;
  }
  return s.beatsBaseRate
    ? `The model beats the base-rate forecast out of sample over ${horizonHours} h (${figures}).`
    : `The model does NOT beat the base-rate forecast out of sample over ${horizonHours} h (${figures}): use the base rate, not the model.`;
}
