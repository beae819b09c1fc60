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
  /** Coins of the base per unit of the symbol (1000 for `1000PEPE`): marks per coin are `markPrice / multiplier`. */
  multiplier: z.number().positive().optional(),
  /** The quote's best bid and ask, in the symbol's price unit like `markPrice` (null: the venue stated none; see `FundingQuote`). */
  bid: z.number().positive().nullable().optional(),
  ask: z.number().positive().nullable().optional(),
});
export type Leg = z.infer<typeof LegSchema>;

/** How a pair's spread is expected to decay to the exit (docs/domain.md §1), oriented as the position receives it. */
export const SpreadDecaySchema = z.object({
  /** AR(1) coefficient per 8-h step. */
  phi: z.number(),
  /** Decimal per 8 h. */
  levelPer8h: z.number(),
  halfLifeHours: z.number().nullable(),
  /** Consecutive 8-h pairs of history behind the fit. */
  n: z.number().int().nonnegative(),
  source: z.enum(['fit', 'default', 'constant']),
  reason: z.string(),
  /** Trailing mean spread over 1, 3 and 7 days, decimal per 8 h. */
  realisedPer8h: z.object({ d1: z.number().nullable(), d3: z.number().nullable(), d7: z.number().nullable() }),
});
export type SpreadDecay = z.infer<typeof SpreadDecaySchema>;

/**
 * The monitor's expected edge of a row's pair to the planned exit (the default holding period),
 * fractions of one leg's notional: funding expected under the decay, minus the pair's costs both
 * ways at the quotes' touch (shared/risk/roundTrip.ts `touchPairCosts`, docs/domain.md §4): the
 * fees of opening and closing both legs, half the bid–ask spread crossed in and out on each, the
 * entry basis. The slippage beyond the touch at a size is the ticket's, which walks the books.
 */
export const CarryEstimateSchema = z.object({
  holdingHours: z.number().positive(),
  expectedFunding: z.number(),
  fees: z.number(),
  /** Half the bid–ask spread of each leg, crossed at the entry and again at the exit. */
  crossing: z.number().nonnegative(),
  /** The legs whose quote stated no bid and ask: their crossing is the stated default (docs/domain.md §4). */
  defaultSpreadLegs: z.array(z.enum(['long', 'short'])),
  /** Long mid above short mid per coin at entry (the marks where a touch is missing), as a fraction (a gap in the trade's favour is not credited). */
  entryBasis: z.number().nonnegative(),
  net: z.number(),
  decay: SpreadDecaySchema,
});
export type CarryEstimate = z.infer<typeof CarryEstimateSchema>;

/** Change of the per-8 h rate per hour over a look-back, null until enough history exists. */
export const VelocitySchema = z.object({
  h1: z.number().nullable(),
  h4: z.number().nullable(),
  h24: z.number().nullable(),
});

/**
 * One venue pair of a row at the marks and rates in force (docs/screens.md, "Monitor"): long the
 * long venue's lowest-rate leg, short the short venue's highest.
 */
export const VenuePairSchema = z.object({
  longVenue: VenueIdSchema,
  shortVenue: VenueIdSchema,
  spreadPer8h: z.number(),
  spreadApr: z.number(),
  roundTripFees: z.number(),
  netCarryPerDay: z.number(),
  /** Short leg's mark per coin over the long leg's, minus 1 (positive: the short sells above where the long buys); null without both marks. */
  basis: z.number().nullable(),
  longNextFundingTime: z.number().int().nullable(),
  shortNextFundingTime: z.number().int().nullable(),
});
export type VenuePair = z.infer<typeof VenuePairSchema>;

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
  /** Instantaneous: today's spread held, per day, after fees amortised over the default holding period, fraction of notional. */
  netCarryPerDay: z.number().nullable(),
  /** Hours until the funding expected under decay has paid the fees and the entry basis (shared/risk/carry.ts `breakEvenTime`); null when not within 30 days. */
  breakEvenHours: z.number().nullable(),
  /** The ranking key: expected net edge per day to the planned exit, fraction of notional (see `carry`). */
  expectedNetPerDay: z.number().nullable().optional(),
  carry: CarryEstimateSchema.nullable().optional(),
  /** Mean per-8 h rate across fresh legs, and its regime. */
  meanPer8h: z.number().nullable(),
  regime: RegimeSchema.nullable(),
  velocity: VelocitySchema,
  /** Hours the mean rate has stayed in its current extreme regime (0 when not extreme). */
  persistenceHours: z.number().nonnegative(),
  triggered: z.boolean(),
  /** Earliest next settlement over the legs. */
  nextFundingTime: z.number().int().nullable(),
  /** Next settlement of the best pair's long and short leg. */
  longNextFundingTime: z.number().int().nullable().optional(),
  shortNextFundingTime: z.number().int().nullable().optional(),
  /** The best pair's smaller leg's, USD (the leg a trader runs into first); null when either leg does not report it. */
  openInterestUsd: z.number().nonnegative().nullable().optional(),
  volume24hUsd: z.number().nonnegative().nullable().optional(),
  /** The best pair's basis (as `VenuePair.basis`). */
  basis: z.number().nullable().optional(),
  /** That basis against the same pair's last 6 h of one-minute samples, in standard deviations; null until 30 are kept. */
  basisZ: z.number().nullable().optional(),
  /** The 2nd and 3rd best venue pairs by gross spread (positive spreads only). */
  otherPairs: z.array(VenuePairSchema).max(2).optional(),
  /** Confirmed, contradicted (a likely trap) or neutral against the asset's sector signal. */
  alignment: AlignmentSchema.nullable(),
  rank: z.number().int().nonnegative(),
});
export type Opportunity = z.infer<typeof OpportunitySchema>;

/**
 * trading: kill switch reports, reconcile differences, UNHEDGED pairs, unwinds, the journal;
 * position: a held pair's exits met, stops near, funding paid at a settlement.
 */
export const AlertKindSchema = z.enum(['trigger', 'extreme-rate', 'interval-change', 'window', 'divergence', 'venue', 'trading', 'position']);
export type AlertKind = z.infer<typeof AlertKindSchema>;

/** One alert folded into a burst group: what it said and about which asset and venue. */
export const AlertMemberSchema = z.object({
  base: z.string().nullable(),
  venue: VenueIdSchema.nullable(),
  message: z.string(),
});
export type AlertMember = z.infer<typeof AlertMemberSchema>;

/**
 * An alert as main publishes it, after grouping (docs/screens.md, "Alerts"): the same `id`
 * published again is the same alert updated (its count and last time), never a new one.
 */
export const AlertSchema = z.object({
  id: z.string(),
  kind: AlertKindSchema,
  severity: z.enum(['info', 'warn', 'critical']),
  /** The last time the condition fired. */
  at: z.number().int(),
  base: z.string().nullable(),
  venue: VenueIdSchema.nullable(),
  message: z.string(),
  /** Names the condition (beside kind, venue and asset) so that its repeats fold into one alert. */
  condition: z.string().optional(),
  /** How many times the condition fired (or how many alerts a burst holds); 1 when absent. */
  count: z.number().int().positive().optional(),
  /** The first time the condition fired, when it fired more than once. */
  firstAt: z.number().int().optional(),
  /** A burst's alerts, newest last (capped: `count` says how many there were). */
  members: z.array(AlertMemberSchema).optional(),
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
