import { z } from 'zod';

/**
 * What the Patterns panel and the symbol view receive: the event study (docs/domain.md §2.6) with
 * its model, and the history analytics. Never a bare probability: every rate comes with its n,
 * its effective n, its base rate and the out-of-sample split.
 */

export const PatternStudyInputSchema = z.object({
  /** X: decimal per 8 h (0.0005 = 0.05 %). */
  threshold: z.number().min(-0.1).max(0.1).default(0.0005),
  /** Z: outcome horizon in hours. */
  horizonHours: z.number().positive().max(24 * 30).default(24),
  /** k: a hit when R_S − R_M ≤ −k. */
  k: z.number().positive().max(1).default(0.02),
});
export type PatternStudyInput = z.output<typeof PatternStudyInputSchema>;

const Rate = z.number().min(0).max(1);

export const StudySummarySchema = z.object({
  /** Events with a computable outcome. */
  n: z.number().int().nonnegative(),
  /** Independent outcome windows among the n events (overlapping windows, in any sector, count once); the interval's n. */
  effectiveN: z.number().int().nonnegative(),
  hits: z.number().int().nonnegative(),
  hitRate: Rate.nullable(),
  /** Wilson's 95 % interval on the effective n. */
  ci95: z.tuple([Rate, Rate]).nullable(),
  /** Share of all grid points (S, t) with D_S(t) defined and a computable outcome that were hits. */
  baseRate: Rate.nullable(),
  /** Grid points behind the base rate. */
  basePoints: z.number().int().nonnegative(),
  lift: z.number().nonnegative().nullable(),
  /** Events without a computable outcome (no price at t + Z), left out of n. */
  excluded: z.number().int().nonnegative(),
});
export type StudySummaryView = z.infer<typeof StudySummarySchema>;

export const StudyEventSchema = z.object({
  sector: z.string(),
  time: z.number().int(),
  divergence: z.number(),
  sectorReturn: z.number().nullable(),
  marketReturn: z.number().nullable(),
  hit: z.boolean().nullable(),
});
export type StudyEvent = z.infer<typeof StudyEventSchema>;

export const CalibrationBinSchema = z.object({
  from: z.number(),
  to: z.number(),
  n: z.number().int().nonnegative(),
  meanPredicted: z.number().nullable(),
  observedRate: z.number().nullable(),
});
export type CalibrationBin = z.infer<typeof CalibrationBinSchema>;

export const PatternModelSchema = z.object({
  /** Out-of-sample Brier score of the walk-forward model, and of the base-rate forecast. */
  brier: z.number().nullable(),
  baseBrier: z.number().nullable(),
  beatsBase: z.boolean(),
  /** Plain words: whether the model beat the base rate out of sample, and on how many points. */
  verdict: z.string(),
  calibration: z.array(CalibrationBinSchema),
  /** Out-of-sample predictions scored. */
  n: z.number().int().nonnegative(),
  features: z.array(z.string()),
});

export const PatternCoverageSchema = z.object({
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  /** Mapped assets with funding or prices, and the sectors they fall in. */
  assets: z.number().int().nonnegative(),
  sectors: z.array(z.object({ name: z.string(), assets: z.number().int().nonnegative() })),
  fundingRows: z.number().int().nonnegative(),
  priceRows: z.number().int().nonnegative(),
  /** Start of the out-of-sample part (the last 30 % of the period). */
  splitTime: z.number().nullable(),
});

export const PatternStudySchema = z.object({
  params: z.object({ threshold: z.number(), horizonHours: z.number(), k: z.number(), minAssetsPerSector: z.number().int(), inSampleShare: z.number() }),
  inSample: StudySummarySchema,
  outOfSample: StudySummarySchema,
  all: StudySummarySchema,
  events: z.array(StudyEventSchema),
  model: PatternModelSchema,
  coverage: PatternCoverageSchema,
  /** Epoch ms of the computation; a cached result keeps its original time. */
  computedAt: z.number().int(),
  /** Distinct parameter sets studied on this same data so far: the more tried, the likelier one looks good by chance. */
  parameterSetsTried: z.number().int().positive(),
});
export type PatternStudy = z.infer<typeof PatternStudySchema>;

const RollingPointSchema = z.object({ time: z.number().int(), mean: z.number(), volatility: z.number().nullable(), n: z.number().int().positive() });

export const SeriesAnalyticsSchema = z.object({
  venue: z.string(),
  symbol: z.string(),
  settlements: z.number().int().positive(),
  from: z.number().int(),
  to: z.number().int(),
  /** Mean and volatility over the window ending at each settlement. */
  rolling: z.array(RollingPointSchema),
  latest: RollingPointSchema,
  persistence: z.array(z.object({
    thresholdPer8h: z.number(),
    /** Maximal runs of consecutive settlements with the per-8 h rate ≥ the threshold. */
    runs: z.number().int().nonnegative(),
    longestRunHours: z.number().nonnegative(),
    meanRunHours: z.number().nonnegative().nullable(),
    /** Share of the covered hours spent at or above the threshold. */
    shareOfTime: Rate,
  })),
  /** Share of settled hours at the venue's cap; null when the cap is not known. */
  atCapShare: Rate.nullable(),
});
export type SeriesAnalytics = z.infer<typeof SeriesAnalyticsSchema>;
export type RollingPoint = SeriesAnalytics['latest'];
export type PersistenceAtThreshold = SeriesAnalytics['persistence'][number];

export const HistoryAnalyticsSchema = z.object({
  base: z.string(),
  windowDays: z.number().positive(),
  series: z.array(SeriesAnalyticsSchema),
  spread: z.object({
    venues: z.array(z.string()),
    points: z.number().int().nonnegative(),
    meanSpreadPer8h: z.number().nullable(),
    phi: z.number().nullable(),
    halfLifeHours: z.number().positive().nullable(),
    n: z.number().int().nonnegative(),
  }),
  /** Per-8 h funding correlation of the base with its peers (pairwise complete, 8-hour grid). */
  correlation: z.object({
    assets: z.array(z.string()),
    /** Pearson correlation of per-8 h funding; null with too few common points. */
    matrix: z.array(z.array(z.number().min(-1).max(1).nullable())),
    /** Common grid points of each pair (pairwise complete). */
    pairs: z.array(z.array(z.number().int().nonnegative())),
  }),
});
export type HistoryAnalytics = z.infer<typeof HistoryAnalyticsSchema>;
