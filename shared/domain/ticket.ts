/**
 * The order ticket: what the trader enters, what the main process
 * computes from its own fresh data (the preview), and the checklist that gates submission.
 * The renderer sends only a `Ticket`; unknown keys (numbers it may have computed) are
 * stripped by the schema, and every figure is recomputed in main.
 */
import { z } from 'zod';
import { patchSchema } from './patch.ts';
import { VenueIdSchema } from './quotes.ts';
import { ExitActionSchema, SideSchema, PairExecutionResultSchema } from './orders.ts';
import { VENUE_IDS, type VenueId } from './venues.ts';
import { SpreadDecaySchema } from './signals.ts';
import { FeeSourceSchema } from './fees.ts';

const Fraction = z.number().finite();

/** The pair's loss limit: USD, or a fraction of the legs' equity (0.02 = 2 %). */
export const MaxLossSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('usd'), value: z.number().positive().finite() }),
  z.object({ unit: z.literal('equity'), value: z.number().positive().max(1) }),
]);

/** Close when the price gap between the legs moves against the pair by this fraction. */
const BasisStopPct = z.number().gt(0).max(0.5);
const MaxHoldingHours = z.number().gt(0).max(24 * 365);
/**
 * The most a market leg may fill beyond its best price, as a fraction (0.005 = 0.5 %): one bound
 * for both legs of a ticket (docs/orders.md, "Maximum slippage").
 */
export const MaxSlippagePctSchema = z.number().gt(0).max(0.1);

/**
 * What a new ticket's exits start at (docs/exits.md), set in Settings; the trader may change each
 * on the ticket. Null leaves that field empty for the trader to fill.
 */
export const ExitDefaultsSchema = z.object({
  basisStopPct: BasisStopPct.nullable().default(null),
  maxLossUsd: z.number().positive().finite().nullable().default(null),
  /** The take-profit as a share of the spread the legs earn when the ticket opens (0.25: when it has narrowed to a quarter). */
  takeProfitOfSpread: z.number().gt(0).lt(1).nullable().default(null),
  maxHoldingHours: MaxHoldingHours.nullable().default(null),
});
export type ExitDefaults = z.infer<typeof ExitDefaultsSchema>;
export const NO_EXIT_DEFAULTS: ExitDefaults = ExitDefaultsSchema.parse({});

/** Risk rules of docs/domain.md §4 with their defaults; the lead persists them beside EngineSettings. */
export const RiskSettingsSchema = z.object({
  /** Loss at the basis stop, as a fraction of equity (0.02 = 2 %). */
  maxRiskPct: z.number().gt(0).max(0.2).default(0.02),
  /** Total arbitrage notional as a fraction of equity (0.2 = 20 %). */
  maxExposurePct: z.number().gt(0).max(1).default(0.2),
  leverageCap: z.number().min(1).max(125).default(10),
  /** Warn (and require acknowledgement) when entering this close before a settlement the position pays. */
  settlementWarningMinutes: z.number().int().min(0).max(240).default(15),
  /** |rate per 8 h| at or above this counts as near the caps of majors (Binance BTC ±0.3 %). */
  chasingRatePer8h: z.number().gt(0).max(0.05).default(0.002),
  /** A rate this many times its recent mean |rate| is "far above its history". */
  chasingHistoryMultiple: z.number().gt(1).max(100).default(3),
  /** Liquidation distance must be at least this multiple of the basis stop. */
  liquidationBufferMultiple: z.number().min(1).max(20).default(2),
  /** Largest base-quantity mismatch between the legs, as a fraction. */
  hedgeTolerancePct: z.number().min(0).max(0.05).default(0.005),
  /** Annual rate of borrowing the coin a spot leg sells (0.1 = 10 % APR), accrued to the planned exit. */
  spotBorrowApr: z.number().min(0).max(2).default(0.1),
  /** Withdrawal fee (USD) of moving margin out of a venue; venues not listed use the defaults. */
  withdrawalFeesUsd: z.partialRecord(VenueIdSchema, z.number().min(0).max(1000)).default({}),
  exitDefaults: ExitDefaultsSchema.default(NO_EXIT_DEFAULTS),
  /** The maximum slippage a new ticket starts at (0.005 = 0.5 %). */
  maxSlippagePct: MaxSlippagePctSchema.default(0.005),
});
export type RiskSettings = z.infer<typeof RiskSettingsSchema>;
export const DEFAULT_RISK_SETTINGS: RiskSettings = RiskSettingsSchema.parse({});

export const TicketKindSchema = z.enum(['perp-perp', 'perp-spot']);
export type TicketKind = z.infer<typeof TicketKindSchema>;

export const TicketLegSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string().trim().min(1).max(64),
  side: SideSchema,
  instrument: z.enum(['perp', 'spot']),
});
export type TicketLeg = z.infer<typeof TicketLegSchema>;

export const AcknowledgementsSchema = z.object({
  /** Entering minutes before a settlement the position pays. */
  settlementTiming: z.boolean().default(false),
  /** Costs exceed the funding expected by the planned exit. */
  negativeCarry: z.boolean().default(false),
});

/**
 * What each exit does when met (docs/exits.md). The stops protect the account, so they close
 * the pair unless the trader opts out; take-profit and maximum holding are the trader's call.
 */
export const TicketExitActionsSchema = z.object({
  basisStop: ExitActionSchema.default('close'),
  maxLoss: ExitActionSchema.default('close'),
  takeProfit: ExitActionSchema.default('alert'),
  maxHolding: ExitActionSchema.default('alert'),
});
export type TicketExitActions = z.infer<typeof TicketExitActionsSchema>;

export const TicketSchema = z.object({
  ticketId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  kind: TicketKindSchema,
  base: z.string().trim().min(1).max(32),
  legs: z.tuple([TicketLegSchema, TicketLegSchema]),
  /** Base units for each leg; null asks the preview for the risk-sized quantity. */
  quantity: z.number().positive().finite().nullable(),
  leverage: z.number().min(1).max(125),
  marginMode: z.enum(['isolated', 'cross']).default('isolated'),
  basisStopPct: BasisStopPct.nullable(),
  /** Take-profit when the spread narrows to this (decimal per 8 h); null: no take-profit, the pair is held to its maximum holding or a stop. */
  takeProfitSpreadPer8h: Fraction.nullable(),
  maxHoldingHours: MaxHoldingHours.nullable(),
  /** Null: the most the 2 % rule allows (maxRiskPct of the equity the preview reads). */
  maxLoss: MaxLossSchema.nullable().default(null),
  exitActions: TicketExitActionsSchema.prefault({}),
  legOrder: z.enum(['sequential', 'together']).default('sequential'),
  legTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
  /** Each leg's maximum slippage beyond its best price; null: the Settings value. */
  maxSlippagePct: MaxSlippagePctSchema.nullable().default(null),
  acknowledgements: AcknowledgementsSchema.default({ settlementTiming: false, negativeCarry: false }),
  /** Why the trader overrides a contradicted sector signal; recorded in the journal. */
  override: z.string().trim().max(500).nullable().default(null),
});
export type Ticket = z.infer<typeof TicketSchema>;
export type TicketInput = z.input<typeof TicketSchema>;

export const ChecklistItemIdSchema = z.enum([
  'data-fresh', 'costs', 'basis-stop', 'margin', 'hedge', 'exits',
  'alignment', 'risk', 'exposure', 'leverage', 'settlement-timing', 'rate-chasing', 'lot-size', 'slippage',
]);
export type ChecklistItemId = z.infer<typeof ChecklistItemIdSchema>;

export const ChecklistItemSchema = z.object({
  id: ChecklistItemIdSchema,
  label: z.string(),
  /** auto: verified by main on its own data; manual: the trader's entry or acknowledgement. */
  kind: z.enum(['auto', 'manual']),
  /** warn does not block; fail blocks submission. */
  status: z.enum(['pass', 'warn', 'fail']),
  detail: z.string(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const LegPreviewSchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  side: SideSchema,
  instrument: z.enum(['perp', 'spot']),
  /** Coins of the ticket's asset (docs/units.md). */
  quantity: z.number(),
  /** What the venue is sent for `quantity`: its contracts (or `1000PEPE` units), and how many coins each holds. */
  venueAmount: z.number().nullable().default(null),
  coinsPerAmount: z.number().positive().default(1),
  /** Prices per coin. */
  markPrice: z.number(),
  averageFillPrice: z.number().nullable(),
  bookComplete: z.boolean(),
  /** Entry slippage beyond the best level, walking the live book at size. */
  slippageUsd: z.number(),
  /**
   * The same walk as fractions of the best price: the average fill's distance beyond it, and the
   * farthest level the walk reaches (what the maximum slippage bounds); null without a fill.
   */
  slippagePct: z.number().nullable().default(null),
  farthestFillPct: z.number().nullable().default(null),
  /** Taker fees of the open and the close (entry + exit). */
  feesUsd: z.number(),
  /** The taker rate charged, and where it came from: the account's tier read from the venue, Settings, or the venue's default (docs/domain.md §4 "Fees"). */
  takerFeeRate: z.number().default(0),
  feeSource: FeeSourceSchema.default('default'),
  feeReadAt: z.number().int().nullable().default(null),
  entryFeeUsd: z.number().default(0),
  exitFeeUsd: z.number().default(0),
  /** Half the bid–ask spread crossed on entry, and (estimate: today's book) on exit. */
  entryHalfSpreadUsd: z.number().default(0),
  exitHalfSpreadUsd: z.number().default(0),
  /** Estimate of the exit's slippage: the other side of today's book walked at size. */
  exitSlippageUsd: z.number().default(0),
  /** The leg's 99 % adverse price move over the holding period from realised volatility, and the 4-h returns behind it; null without price history. */
  adverseMovePct: z.number().nullable().default(null),
  volatilityReturns: z.number().int().nonnegative().default(0),
  /** The venue's lot step, minimum quantity (coins) and minimum notional; null where it gives none. */
  lotStep: z.number().nullable().default(null),
  minQuantity: z.number().nullable().default(null),
  minNotional: z.number().nullable().default(null),
  /** Interest on the borrowed coin of a spot sell, to the planned exit (0 for other legs). */
  borrowUsd: z.number().default(0),
  /**
   * A spot sell's borrow rate, per day (0.0001 = 0.01 %/day), and where it came from: the venue's
   * own rate for the coin (read at `borrowRateReadAt`), or the Settings APR / 365 where the venue
   * gave none (docs/domain.md §4 "Cost of a spot borrow"); null for other legs.
   */
  borrowDailyRate: z.number().nullable().default(null),
  borrowRateSource: z.enum(['venue', 'settings']).nullable().default(null),
  borrowRateReadAt: z.number().int().nullable().default(null),
  leverage: z.number(),
  maintenanceMarginRate: z.number().nullable(),
  /** True when the rate came from the venue's tiers, false for the conservative default. */
  tiersFromVenue: z.boolean(),
  liquidationPrice: z.number().nullable(),
  liquidationDistancePct: z.number().nullable(),
  /**
   * The perp leg's margin mode (null for spot). Cross: the venue's whole equity backs the leg,
   * so its liquidation price is account-wide, computed from that equity as if the leg were the
   * account's only position, and moves with every other position there.
   */
  marginMode: z.enum(['isolated', 'cross']).nullable().default(null),
  marginNeeded: z.number(),
  rate: z.number().nullable(),
  rateKind: z.enum(['predicted', 'settled']).nullable(),
  ratePer8h: z.number().nullable(),
  intervalHours: z.number().nullable(),
  nextFundingTime: z.number().int().nullable(),
  quoteAgeMs: z.number().nullable(),
  settlementsToExit: z.number().int(),
  expectedFundingUsd: z.number(),
  paysNextSettlement: z.boolean(),
});
export type LegPreview = z.infer<typeof LegPreviewSchema>;

export const VenueMarginSchema = z.object({
  venue: VenueIdSchema,
  equity: z.number(),
  free: z.number(),
  needed: z.number(),
});

export const TicketPreviewSchema = z.object({
  ticketId: z.string(),
  computedAt: z.number().int(),
  quantity: z.number(),
  quantitySource: z.enum(['ticket', 'risk-rule']),
  /** The quantity asked (or sized) before rounding down to the coarser lot step of the legs. */
  requestedQuantity: z.number().optional(),
  /** Largest quantity the risk rule and the exposure cap allow. */
  suggestedQuantity: z.number(),
  notionalUsd: z.number(),
  equityUsd: z.number(),
  legs: z.array(LegPreviewSchema),
  margin: z.array(VenueMarginSchema),
  costs: z.object({
    feesUsd: z.number(),
    /** Entry slippage of both legs at size. */
    slippageUsd: z.number(),
    exitSlippageUsd: z.number().default(0),
    /** Half-spreads crossed on entry and exit, both legs. */
    crossingUsd: z.number().default(0),
    /** The mids' gap against the pair at entry (counted), and the executable gap at size buying the long's fills against selling the short's (shown). */
    basisUsd: z.number().default(0),
    executableBasisUsd: z.number().default(0),
    transferUsd: z.number(),
    borrowUsd: z.number().default(0),
    totalUsd: z.number(),
    transfers: z.array(z.object({ from: VenueIdSchema, to: VenueIdSchema, amount: z.number(), feeUsd: z.number() })),
  }),
  plannedExitAt: z.number().int(),
  /** Funding to the planned exit expected under `decay` along each leg's schedule. */
  expectedFundingUsd: z.number(),
  decay: SpreadDecaySchema.optional(),
  netUsd: z.number(),
  breakEvenAt: z.number().int().nullable(),
  breakEvenHours: z.number().nullable(),
  risk: z.object({
    lossAtStopUsd: z.number().nullable(), riskPct: z.number().nullable(), maxRiskPct: z.number(),
    /** The maximum-loss stop in USD: the ticket's, or the 2 % rule's budget on this equity. */
    maxLossUsd: z.number(),
    maxLossSource: z.enum(['ticket', 'risk-rule']),
  }),
  exposure: z.object({ currentUsd: z.number(), afterUsd: z.number(), afterPct: z.number(), capPct: z.number() }),
  alignment: z.object({ tag: z.enum(['confirmed', 'contradicted', 'neutral']), reason: z.string() }),
  /** The maximum slippage each market leg is held to (the ticket's, else Settings'); absent in snapshots from before it existed. */
  maxSlippagePct: z.number().optional(),
  checklist: z.array(ChecklistItemSchema),
  /** Every item passes or only warns: submit would be accepted on this data. */
  passed: z.boolean(),
});
export type TicketPreview = z.infer<typeof TicketPreviewSchema>;

/** Why main refused a submission: the failing checklist items, by name. */
export const SubmitRefusalSchema = z.object({
  ticketId: z.string(),
  failing: z.array(ChecklistItemSchema),
  message: z.string(),
});
export type SubmitRefusal = z.infer<typeof SubmitRefusalSchema>;

/** The checklist as evaluated at submit time: journalled with the intent. */
export const ChecklistSnapshotSchema = z.object({
  evaluatedAt: z.number().int(),
  items: z.array(ChecklistItemSchema),
  alignment: z.object({ tag: z.enum(['confirmed', 'contradicted', 'neutral']), reason: z.string() }),
  override: z.string().nullable(),
  preview: TicketPreviewSchema.omit({ checklist: true, passed: true }),
});
export type ChecklistSnapshot = z.infer<typeof ChecklistSnapshotSchema>;

export const TicketReceiptSchema = z.object({
  ticketId: z.string(),
  submittedAt: z.number().int(),
  checklist: ChecklistSnapshotSchema,
  execution: PairExecutionResultSchema,
});
export type TicketReceipt = z.infer<typeof TicketReceiptSchema>;

export function withdrawalFeesFor(settings: RiskSettings, defaults: Readonly<Record<VenueId, number>>): Record<VenueId, number> {
  const out = {} as Record<VenueId, number>;
  for (const venue of VENUE_IDS) out[venue] = settings.withdrawalFeesUsd[venue] ?? defaults[venue];
  return out;
}

/** A change to the risk settings: only the fields sent (see `patchSchema`). */
export const RiskSettingsPatchSchema = patchSchema(RiskSettingsSchema);
export type RiskSettingsPatch = z.infer<typeof RiskSettingsPatchSchema>;
