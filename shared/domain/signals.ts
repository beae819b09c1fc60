import { z } from 'zod';
import { VenueIdSchema } from './quotes.ts';
import { AlignmentSchema } from './sectors.ts';

export const RegimeSchema = z.enum(['extreme-bull', 'mild-bull', 'neutral-bear', 'extreme-bear']);

/** One venue's leg in an asset row of the monitor, normalised. */
export const LegSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  rate: z.number(),
  rateKind: z.enum(['predicted', 'settled']),
  intervalHours: z.number().positive(),
  ratePer8h: z.number(),
  apr: z.number(),
  nextFundingTime: z.number().int().nullable(),
  markPrice: z.number().nullable(),
  stale: z.boolean(),
  observedAt: z.number().int(),
});
export type Leg = z.infer<typeof LegSchema>;

/** Change of the per-8 h rate per hour over a look-back, null until enough history exists. */
export const VelocitySchema = z.object({
  h1: z.number().nullable(),
  h4: z.number().nullable(),
  h24: z.number().nullable(),
});

/** The engine's view of one base asset across venues: the monitor's row. */
export const OpportunitySchema = z.object({
  base: z.string(),
  legs: z.array(LegSchema),
  longVenue: VenueIdSchema.nullable(),
  shortVenue: VenueIdSchema.nullable(),
  spreadPer8h: z.number().nullable(),
  spreadApr: z.number().nullable(),
  /** Round-trip taker fees of both legs (open + close), as a fraction of one leg's notional. */
  roundTripFees: z.number().nullable(),
  /** Expected carry per day after fees amortised over the default holding period, fraction of notional. */
  netCarryPerDay: z.number().nullable(),
  /** Hours of carry needed to pay the round-trip fees; null when the spread is not positive. */
  breakEvenHours: z.number().nullable(),
  /** Mean per-8 h rate across fresh legs, and its regime. */
  meanPer8h: z.number().nullable(),
  regime: RegimeSchema.nullable(),
  velocity: VelocitySchema,
  /** Hours the mean rate has stayed in its current extreme regime (0 when not extreme). */
  persistenceHours: z.number().nonnegative(),
  triggered: z.boolean(),
  /** Earliest next settlement over the legs. */
  nextFundingTime: z.number().int().nullable(),
  /** Confirmed, contradicted (a likely trap) or neutral against the asset's sector signal. */
  alignment: AlignmentSchema.nullable(),
  rank: z.number().int().nonnegative(),
});
export type Opportunity = z.infer<typeof OpportunitySchema>;

/** trading: kill switch reports, reconcile differences, UNHEDGED pairs, unwinds, met exits. */
export const AlertKindSchema = z.enum(['trigger', 'extreme-rate', 'interval-change', 'window', 'divergence', 'venue', 'trading']);
export type AlertKind = z.infer<typeof AlertKindSchema>;

export const AlertSchema = z.object({
  id: z.string(),
  kind: AlertKindSchema,
  severity: z.enum(['info', 'warn', 'critical']),
  at: z.number().int(),
  base: z.string().nullable(),
  venue: VenueIdSchema.nullable(),
  message: z.string(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const MarketSummarySchema = z.object({
  /** BTC minus ETH mean per-8 h funding; flagged above the divergence threshold. */
  btcEthDivergencePer8h: z.number().nullable(),
  btcEthDiverging: z.boolean(),
  assets: z.number().int().nonnegative(),
  triggered: z.number().int().nonnegative(),
  computedAt: z.number().int(),
  computeMs: z.number().nonnegative(),
});
export type MarketSummary = z.infer<typeof MarketSummarySchema>;

/** What the engine posts after each recompute: the rows that changed and the ones that left. */
export const SignalsBatchSchema = z.object({
  full: z.boolean(),
  upserts: z.array(OpportunitySchema),
  removed: z.array(z.string()),
  summary: MarketSummarySchema,
});
export type SignalsBatch = z.infer<typeof SignalsBatchSchema>;
