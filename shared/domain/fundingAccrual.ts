import { z } from 'zod';
import { VenueIdSchema } from './quotes.ts';

/**
 * Funding accumulated over the last 1, 7 and 30 days per venue symbol, and its per-8 h funding
 * over the last 7 days in 8-h buckets: what a trader reads as persistence
 * (docs/screens.md, "Heatmap"). Built from the stored settlements and, where none is stored, the
 * settlements the live quote samples saw (docs/domain.md, "Accumulated funding").
 */
export const ACCRUAL_WINDOWS_DAYS = [1, 7, 30] as const;
export const TIMELINE_BUCKET_HOURS = 8;
export const TIMELINE_DAYS = 7;

const PerWindow = <T extends z.ZodType>(item: T) => z.tuple([item, item, item]);

export const AccrualRowSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  base: z.string(),
  /** The symbol's funding interval at its newest settlement. */
  intervalHours: z.number().positive(),
  /** Sum of the settled rates in each window (decimal; + = longs paid shorts). */
  sums: PerWindow(z.number()),
  /** Settlements counted in each window. */
  settlements: PerWindow(z.number().int().nonnegative()),
  /** Settlements the interval implies for each window: fewer counted means part of it is missing. */
  expected: PerWindow(z.number().int().nonnegative()),
  /** Of the 30-day settlements, how many came from stored funding history (the rest from live samples). */
  fromHistory: z.number().int().nonnegative(),
  /** Funding per 8 h in each timeline bucket (its settlements' mean scaled to 8 h); null where none settled. */
  per8h: z.array(z.number().nullable()),
});
export type AccrualRow = z.infer<typeof AccrualRowSchema>;

export const FundingAccrualSchema = z.object({
  asOf: z.number().int(),
  rows: z.array(AccrualRowSchema),
  timeline: z.object({
    /** End of the first bucket; bucket k ends `k × TIMELINE_BUCKET_HOURS` later. */
    firstEnd: z.number().int(),
    buckets: z.number().int().positive(),
  }),
});
export type FundingAccrual = z.infer<typeof FundingAccrualSchema>;
