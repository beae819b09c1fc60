/**
 * Orders, fills, positions, pairs and journal entries: the shapes the order gateway, the
 * brokers and the journal exchange, and that cross IPC (all JSON-safe: numbers, strings, null).
 * Quantities are in base units (coins) everywhere; a broker converts to contracts at the venue.
 */
import { z } from 'zod';
import { VenueIdSchema } from './quotes.ts';

export const SideSchema = z.enum(['buy', 'sell']);
export type Side = z.infer<typeof SideSchema>;

export const MarginModeSchema = z.enum(['cross', 'isolated']);

export const LegIntentSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string().min(1),
  side: SideSchema,
  /** Base units. */
  quantity: z.number().positive(),
  reduceOnly: z.boolean(),
  leverage: z.number().positive().optional(),
  marginMode: MarginModeSchema.optional(),
  /** The ticket's maximum slippage beyond the best price (fraction); a leg without one (a close, an unwind) is sent as the venue takes a market order (docs/orders.md, "Maximum slippage"). */
  maxSlippagePct: z.number().positive().max(0.1).optional(),
});
export type LegIntent = z.infer<typeof LegIntentSchema>;

/** The conditions watched while a pair is open (docs/exits.md). */
export const ExitRuleSchema = z.enum(['basis-stop', 'max-loss', 'take-profit', 'max-holding', 'sector-reversed']);
export type ExitRule = z.infer<typeof ExitRuleSchema>;

/** What a met condition does: close the pair reduce-only through the gateway, or only alert. */
export const ExitActionSchema = z.enum(['close', 'alert']);
export type ExitAction = z.infer<typeof ExitActionSchema>;

export const ExitRulesSchema = z.object({
  /** Close when the spread (per 8 h, decimal) narrows to this level or below. */
  takeProfitSpreadPer8h: z.number().optional(),
  /** Close when the price gap between the legs moves against the pair by this fraction. */
  basisStopPct: z.number().positive().optional(),
  maxHoldingHours: z.number().positive().optional(),
  /** Close when the pair's net (price PnL + funding − fees) has lost this many USD. */
  maxLossUsd: z.number().positive().optional(),
  /** Per condition; a condition without one only alerts (pairs entered before exits could close). */
  actions: z.partialRecord(ExitRuleSchema, ExitActionSchema).optional(),
});
export type ExitRules = z.infer<typeof ExitRulesSchema>;

export const PairIntentSchema = z.object({
  ticketId: z.string().min(1),
  /** Set when the intent acts on an existing pair (closing it); a new pair gets the ticket id. */
  pairId: z.string().min(1).optional(),
  legs: z.array(LegIntentSchema).min(1).max(2),
  legOrder: z.enum(['sequential', 'together']),
  legTimeoutMs: z.number().int().positive(),
  /** The checklist as the ticket service evaluated it, journalled as is. */
  checklist: z.unknown(),
  override: z.string().nullable(),
  exits: ExitRulesSchema.optional(),
});
export type PairIntent = z.infer<typeof PairIntentSchema>;

/** A single reduce-only order: closing a leg, an unwind, or the kill switch flattening a venue. */
export const OrderIntentSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string().min(1),
  side: SideSchema,
  quantity: z.number().positive(),
  reduceOnly: z.literal(true),
  /** Why it is sent; `kill-switch` and `unwind` pass even when trading is HALTED. */
  purpose: z.enum(['close', 'unwind', 'kill-switch', 'restore']),
  pairId: z.string().nullable(),
  clientOrderId: z.string().min(1),
});
export type OrderIntent = z.infer<typeof OrderIntentSchema>;

export const OrderStatusSchema = z.enum(['open', 'partially-filled', 'filled', 'cancelled', 'rejected']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const OrderSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  clientOrderId: z.string(),
  venueOrderId: z.string().nullable(),
  side: SideSchema,
  type: z.enum(['market', 'limit']),
  price: z.number().nullable(),
  /** Base units requested and filled. */
  quantity: z.number(),
  filled: z.number(),
  averagePrice: z.number().nullable(),
  status: OrderStatusSchema,
  reduceOnly: z.boolean(),
  /** Fees paid, in the settle currency. */
  fee: z.number(),
  time: z.number().int(),
});
export type Order = z.infer<typeof OrderSchema>;

export const FillSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  clientOrderId: z.string(),
  side: SideSchema,
  quantity: z.number(),
  price: z.number(),
  fee: z.number(),
  time: z.number().int(),
  /** Whether the fill took liquidity (market, crossing limit) or rested on the book. */
  liquidity: z.enum(['maker', 'taker']).optional(),
});
export type Fill = z.infer<typeof FillSchema>;

export const FundingPaymentSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  time: z.number().int(),
  /** Received (> 0) or paid (< 0), settle currency. */
  amount: z.number(),
  rate: z.number().nullable(),
  /** The venue's id of the payment (or venue/symbol/time where it gives none): the journal keeps each once. */
  id: z.string().optional(),
});
export type FundingPayment = z.infer<typeof FundingPaymentSchema>;

export const PositionLegSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  /** Signed coins of the asset: > 0 long, < 0 short (docs/units.md); prices per coin. */
  size: z.number(),
  entryPrice: z.number(),
  markPrice: z.number(),
  pricePnl: z.number(),
  fundingPnl: z.number(),
  fees: z.number(),
  net: z.number(),
  liquidationPrice: z.number().nullable(),
  /** |mark − liquidation| / mark, or null when the venue gives no liquidation price. */
  liquidationDistancePct: z.number().nullable(),
  nextFundingTime: z.number().int().nullable(),
  /** What the next settlement pays this leg at the current rate (> 0 received). */
  nextPayment: z.number().nullable(),
  /** |size| × mark (USD), and the leverage the ticket set for the leg (null for spot, or pairs journalled without one). */
  notionalUsd: z.number().default(0),
  leverage: z.number().nullable().default(null),
  /** Set, to why, when the leg's venue could not be read: its size is then the journal's, unverified. */
  unreachable: z.string().optional(),
});
export type PositionLeg = z.infer<typeof PositionLegSchema>;

export const PairStatusSchema = z.enum(['opening', 'open', 'unhedged', 'closing', 'closed', 'failed']);
export type PairStatus = z.infer<typeof PairStatusSchema>;

/**
 * One armed exit of an open pair and how far it is from firing: `value` is the figure now,
 * met once it reaches `threshold` in the direction `metWhen` says. Basis stop: adverse move
 * (fraction of notional); max loss: net USD; take-profit: spread per 8 h; max holding: hours.
 */
export const ExitWatchSchema = z.object({
  rule: ExitRuleSchema,
  action: ExitActionSchema,
  value: z.number().nullable(),
  threshold: z.number(),
  metWhen: z.enum(['at-or-above', 'at-or-below']),
  /** When the exit fired (it fires once per pair), null while armed. */
  firedAt: z.number().int().nullable(),
});
export type ExitWatch = z.infer<typeof ExitWatchSchema>;

/**
 * A venue holding something other than the journal approved on one venue/symbol, beyond one
 * lot, in coins or in the venue's own USD value (docs/units.md, "Checked at run time").
 * Journalled when found (kind `mismatch`), cleared by a `mismatch-resolved` entry.
 */
export const HoldingMismatchSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  /** When it was first found (the `mismatch` entry's time). */
  since: z.number().int(),
  /** Signed coins the journal approved, and what the venue shows by the terminal's conversion. */
  approvedCoins: z.number(),
  venueCoins: z.number(),
  /** The approved coins at the venue's mark, and the venue's own USD value (null: the venue gives none). */
  approvedUsd: z.number().nullable(),
  venueUsd: z.number().nullable(),
  /** One lot of the venue, in coins: the tolerance. */
  lotCoins: z.number().nullable(),
  /** What differs, in words. */
  reason: z.string(),
  /** The reduce-only order that restores the approved size, when one can be offered. */
  restore: z.object({ side: SideSchema, quantity: z.number().positive() }).nullable(),
  /** What the restore does, or why none is offered. */
  restoreNote: z.string(),
  /**
   * Set when the holding agrees with the journal on its own but its venue value differs from
   * the pair's other leg's (docs/units.md, "Across the two legs"): that leg, and its venue value.
   */
  across: z.object({ pairId: z.string(), venue: VenueIdSchema, symbol: z.string(), venueUsd: z.number() }).optional(),
});
export type HoldingMismatch = z.infer<typeof HoldingMismatchSchema>;

/** Which leg's venue the restore order is for: main recomputes the order from a fresh read. */
export const RestoreRequestSchema = z.object({
  pairId: z.string().min(1).max(128),
  venue: VenueIdSchema,
  symbol: z.string().min(1).max(64),
});
export type RestoreRequest = z.infer<typeof RestoreRequestSchema>;

export const RestoreResultSchema = z.object({
  /** Whether a reduce-only order was sent. */
  sent: z.boolean(),
  /** Whether the venue is back within one lot of approval (the MISMATCH cleared). */
  resolved: z.boolean(),
  message: z.string(),
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

export const PairSchema = z.object({
  pairId: z.string(),
  ticketId: z.string(),
  status: PairStatusSchema,
  openedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  alignment: z.enum(['confirmed', 'contradicted', 'neutral']).nullable(),
  exits: ExitRulesSchema,
  legs: z.array(PositionLegSchema),
  /** Long coins minus short coins across the legs (0 when perfectly hedged). */
  deltaDrift: z.number(),
  net: z.number(),
  /** Why the pair is unhedged, while it is. */
  unhedgedReason: z.string().nullable(),
  /** The exits set at entry, with their distance from firing. */
  exitWatch: z.array(ExitWatchSchema).default([]),
  /** Legs whose venue holds something other than approved, until a later check finds it back within one lot. */
  mismatches: z.array(HoldingMismatchSchema).default([]),
});
export type Pair = z.infer<typeof PairSchema>;

export const JournalKindSchema = z.enum([
  'intent', 'order-sent', 'order', 'fill', 'order-error', 'cancel', 'funding', 'unwind', 'unhedged', 'unhedged-resolved', 'pair-closed', 'alert', 'exit',
  /** A trading-state transition (kill switch, reduce, re-arm), journalled before it takes effect. */
  'trading-state',
  /** A venue found holding other than approved (a HoldingMismatch), and its resolution. */
  'mismatch', 'mismatch-resolved',
]);
export type JournalKind = z.infer<typeof JournalKindSchema>;

export const JournalEntrySchema = z.object({
  seq: z.number().int().positive(),
  time: z.number().int(),
  kind: JournalKindSchema,
  pairId: z.string().nullable(),
  venue: VenueIdSchema.nullable(),
  symbol: z.string().nullable(),
  clientOrderId: z.string().nullable(),
  /** Kind-specific payload (the intent, the venue's answer, the error text …). */
  data: z.unknown(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const PairExecutionResultSchema = z.object({
  pairId: z.string(),
  /** hedged: every leg filled equally; unwound: a leg failed and the other was taken back; unhedged: the unwind failed too. */
  status: z.enum(['hedged', 'unwound', 'unhedged', 'failed', 'refused']),
  orders: z.array(OrderSchema),
  alerts: z.array(z.string()),
  message: z.string(),
});
export type PairExecutionResult = z.infer<typeof PairExecutionResultSchema>;

const WinRateBucketSchema = z.object({ wins: z.number().int().nonnegative(), closed: z.number().int().nonnegative(), rate: z.number().nullable() });

/** Win rate over closed pairs (net > 0 wins), split by the sector alignment at entry. */
export const WinRateSchema = z.object({
  confirmed: WinRateBucketSchema,
  contradicted: WinRateBucketSchema,
  /** Set when confirmed setups win less than 55 % of the time: the entry criteria need review. */
  warning: z.string().nullable(),
});
export type WinRateStats = z.infer<typeof WinRateSchema>;

export const JournalFilterSchema = z.object({
  /** First sequence number to include. */
  from: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().max(100_000).optional(),
  pairId: z.string().min(1).max(128).optional(),
});
export type JournalFilter = z.infer<typeof JournalFilterSchema>;

/** The journal against the venues: every difference as a sentence naming venue, symbol and pair. */
export const ReconcileReportSchema = z.object({
  checkedAt: z.number().int(),
  differences: z.array(z.string()),
});
export type ReconcileReport = z.infer<typeof ReconcileReportSchema>;
