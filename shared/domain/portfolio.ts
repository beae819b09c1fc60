/**
 * The portfolio across venues (docs/screens.md, "Portfolio bar"): equity and margin in use per
 * venue, funding journalled today and over 7 days, and the pairs' PnL, realised and open.
 */
import { z } from 'zod';
import { VenueIdSchema } from './quotes.ts';

export const VenueMarginUseSchema = z.object({
  venue: VenueIdSchema,
  /** Margin-currency equity and free margin (USD); null with `error` when the venue could not be read. */
  equityUsd: z.number().nullable(),
  freeUsd: z.number().nullable(),
  /** (equity − free) / equity. */
  usedPct: z.number().nullable(),
  error: z.string().nullable(),
});
export type VenueMarginUse = z.infer<typeof VenueMarginUseSchema>;

export const PortfolioSchema = z.object({
  computedAt: z.number().int(),
  /** Summed over the venues read. */
  equityUsd: z.number(),
  venues: z.array(VenueMarginUseSchema),
  /** Funding received (> 0) or paid, by settlement time: since 00:00 UTC, and over the last 7 × 24 h. */
  fundingTodayUsd: z.number(),
  funding7dUsd: z.number(),
  /** The net (price PnL + funding − fees) of closed pairs, and of the pairs still held. */
  realisedPnlUsd: z.number(),
  unrealisedPnlUsd: z.number(),
  livePairs: z.number().int().nonnegative(),
});
export type Portfolio = z.infer<typeof PortfolioSchema>;
