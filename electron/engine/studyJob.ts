import type { HistoryAnalytics, PatternStudy, PatternStudyInput } from '../../shared/domain/patterns.ts';
import { canonicalBase } from '../../shared/sectors/sectorOf.ts';
import { fundingPointsOf, type FundingColumns, type PriceColumns } from '../../shared/history/historyColumns.ts';
import { DEFAULT_ANALYTICS_PARAMS, fundingCorrelation, seriesAnalytics, spreadHalfLife, type AnalyticsParams } from './analytics.ts';
import { DEFAULT_MODEL_OPTIONS, walkForwardModel } from './model.ts';
import { DEFAULT_STUDY_PARAMS, studyPanelOfColumns, summarisePanel, type StudyParams } from './study.ts';

/**
 * The jobs the one-shot study worker runs (studyWorker.ts), as pure functions so the worker,
 * the tests and anything headless compute the same thing. Inputs are columns, as read from the
 * store and sent across the thread boundary; time is an argument.
 */
export type StudyJob =
  | { kind: 'study'; input: PatternStudyInput; funding: FundingColumns; prices: PriceColumns; sectorMap: [string, string][]; computedAt: number }
  | { kind: 'analytics'; base: string; funding: FundingColumns; caps: [string, number][]; computedAt: number };

/** A study as one run computes it; how many parameter sets were tried is the service's to add. */
export type StudyOutcome = Omit<PatternStudy, 'parameterSetsTried'>;

export type StudyJobResult = { kind: 'study'; study: StudyOutcome } | { kind: 'analytics'; analytics: HistoryAnalytics };

/** What the worker posts back: exactly one message, then it exits. */
export type FromStudyWorker = { type: 'result'; result: StudyJobResult } | { type: 'error'; message: string };

export function runStudyJob(job: StudyJob): StudyJobResult {
  return job.kind === 'study'
    ? { kind: 'study', study: patternStudy(job.input, job.funding, job.prices, new Map(job.sectorMap), job.computedAt) }
    : { kind: 'analytics', analytics: historyAnalytics(job.base, job.funding, new Map(job.caps)) };
}

/** The study's parameters for one request: the defaults with X, Z and k from the caller. */
export function studyParamsFor(input: PatternStudyInput): StudyParams {
  return { ...DEFAULT_STUDY_PARAMS, thresholdPer8h: input.threshold, horizonsHours: [input.horizonHours], k: input.k };
}

/** The event study and the walk-forward model over one panel, shaped for the contract. */
export function patternStudy(input: PatternStudyInput, funding: FundingColumns, prices: PriceColumns, map: ReadonlyMap<string, string>, computedAt: number): StudyOutcome {
  const params = studyParamsFor(input);
  const panel = studyPanelOfColumns(funding, prices, map, params);
  const result = summarisePanel(panel, params);
  const [horizon] = result.horizons;
  const model = walkForwardModel(panel, params, { ...DEFAULT_MODEL_OPTIONS, horizon: 0 });
  const oos = model.outOfSample;
  return {
    params: { threshold: params.thresholdPer8h, horizonHours: horizon.horizonHours, k: params.k, minAssetsPerSector: params.minAssetsPerSector, inSampleShare: params.inSampleShare },
    inSample: horizon.inSample,
    outOfSample: horizon.outOfSample,
    all: horizon.all,
    events: horizon.events,
    model: {
      brier: oos.brierModel, baseBrier: oos.brierBaseRate, beatsBase: oos.beatsBaseRate, verdict: model.verdict,
      calibration: model.calibration, n: oos.n, features: [...model.features],
    },
    coverage: {
      from: result.period.from, to: result.period.to, splitTime: result.period.splitTime,
      assets: result.sectors.reduce((sum, s) => sum + s.assets, 0), sectors: result.sectors,
      fundingRows: funding.time.length, priceRows: prices.time.length,
    },
    computedAt,
  };
}

/**
 * History analytics for one base (the table in README.md, `analytics.ts`): `funding` holds the base's settlements and its peers'; the series and the
 * spread are the base's, the correlation matrix spans every asset present.
 */
export function historyAnalytics(base: string, funding: FundingColumns, caps: ReadonlyMap<string, number>, params: AnalyticsParams = DEFAULT_ANALYTICS_PARAMS): HistoryAnalytics {
  const points = fundingPointsOf(funding);
  const spread = spreadHalfLife(base, points);
  const own = points.filter((p) => canonicalBase(p.symbol) === spread.base);
  return {
    base: spread.base,
    windowDays: params.windowDays,
    series: seriesAnalytics(own, params, (venue, symbol) => caps.get(`${venue}|${symbol}`) ?? null),
    spread: { venues: spread.venues, points: spread.points, meanSpreadPer8h: spread.meanSpreadPer8h, phi: spread.phi, halfLifeHours: spread.halfLifeHours, n: spread.n },
    correlation: fundingCorrelation(points),
  };
}
