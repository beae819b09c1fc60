import { z } from 'zod';
import { BacktestHistorySchema, BacktestParamsSchema, BacktestProgressSchema, BacktestReportSchema } from '../domain/backtest.ts';
import { AlertSchema, SignalsBatchSchema } from '../domain/signals.ts';
import { CsvLineErrorSchema, FundingPointSchema, FundingQuoteSchema, PricePointSchema, VenueHealthSchema, VenueIdSchema } from '../domain/quotes.ts';
import { EngineSettingsPatchSchema, EngineSettingsSchema } from '../domain/settings.ts';
import { VenueFeesSchema } from '../domain/fees.ts';
import { SectorMapViewSchema, SectorSnapshotSchema } from '../domain/sectors.ts';
import { FundingAccrualSchema } from '../domain/fundingAccrual.ts';
import { HistoryAnalyticsSchema, PatternStudyInputSchema, PatternStudySchema } from '../domain/patterns.ts';
import { RiskSettingsPatchSchema, RiskSettingsSchema, TicketPreviewSchema, TicketReceiptSchema, TicketSchema } from '../domain/ticket.ts';
import { TradingStateSchema } from '../domain/tradingState.ts';
import { DemoClockPatchSchema, DemoClockSchema } from '../domain/demoClock.ts';
import { CapacitySnapshotSchema } from '../domain/capacity.ts';
import { PortfolioSchema } from '../domain/portfolio.ts';
import { KillSwitchReportSchema } from '../domain/killSwitch.ts';
import {
  JournalEntrySchema, JournalFilterSchema, PairExecutionResultSchema, PairSchema, ReconcileReportSchema, RestoreRequestSchema, RestoreResultSchema,
  WinRateSchema,
} from '../domain/orders.ts';

/**
 * The one contract between the renderer and the main process. Every request and stream is
 * declared here with its zod schema; the preload bridge, the main-side binding, the headless
 * host's WebSocket transport and the renderer client are all derived from these two maps.
 */

const NoInput = z.undefined();

export const ModeSchema = z.enum(['paper', 'demo', 'live']);
export type Mode = z.infer<typeof ModeSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: ModeSchema,
  dataDir: z.string(),
  venues: z.array(VenueIdSchema),
  startedAt: z.number().int(),
});

export { restoredStateText, type TradingState } from '../domain/tradingState.ts';
export type { JournalHold, KillSwitchReport, KillSwitchVenue } from '../domain/killSwitch.ts';

export const ImportResultSchema = z.object({
  fileName: z.string(),
  imported: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  errors: z.array(CsvLineErrorSchema),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** A sector name a sector CSV gives that no sector has yet (letter case aside): the assets it would hold, the existing names one slip away. */
export const NewSectorSchema = z.object({ name: z.string(), bases: z.array(z.string()), near: z.array(z.string()) });
export type NewSector = z.infer<typeof NewSectorSchema>;
export const SectorImportResultSchema = ImportResultSchema.extend({
  /** New names not confirmed by the request's `newSectors`: when any, nothing was written (imported 0). */
  unconfirmed: z.array(NewSectorSchema),
});
export type SectorImportResult = z.infer<typeof SectorImportResultSchema>;

export const BackfillResultSchema = z.array(z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  inserted: z.number().int().nonnegative(),
  error: z.string().nullable(),
}));

/** The key vault as the renderer sees it: never a secret, only what identifies a key. */
export const VaultStatusSchema = z.object({
  locked: z.boolean(),
  cipher: z.enum(['safeStorage', 'passphrase']),
  backend: z.string(),
  /** False until the first unlock creates the vault (the UI then asks for a new passphrase). */
  hasVault: z.boolean(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;
export const VaultKeySchema = z.object({
  venue: VenueIdSchema,
  label: z.string(),
  /** Last 4 characters of the API key: enough to tell keys apart, useless to an attacker. */
  fingerprint: z.string().max(4),
  /** What a harmless signed call found, or null when the key was never tested. */
  permissions: z.array(z.string()).nullable(),
  createdAt: z.number().int(),
});
export type VaultKey = z.infer<typeof VaultKeySchema>;
export const VaultKeyTestSchema = z.object({
  ok: z.boolean(),
  permissions: z.array(z.string()),
  /** What the key works for but the terminal cannot use as it stands (a hedge-mode account). */
  warnings: z.array(z.string()).default([]),
  /** What the venue said when the test failed, with every credential value removed. */
  error: z.string().nullable(),
});
const KeyLabel = z.string().trim().min(1).max(64);
const KeyRef = z.object({ venue: VenueIdSchema, label: KeyLabel });

const BaseAsset = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9]+$/, 'a base asset is letters and digits, e.g. BTC');

export const requests = {
  'app.info': { input: NoInput, output: AppInfoSchema },
  'markets.snapshot': {
    input: NoInput,
    output: z.object({ quotes: z.array(FundingQuoteSchema), health: z.array(VenueHealthSchema), signals: SignalsBatchSchema }),
  },
  /** The last pass over the top rows' order books (docs/domain.md §4 "Capacity"); null before the first. */
  'markets.capacity': { input: NoInput, output: CapacitySnapshotSchema.nullable() },
  'history.funding': {
    input: z.object({ base: BaseAsset, from: z.number().int().optional(), to: z.number().int().optional() }),
    output: z.object({ funding: z.array(FundingPointSchema), prices: z.array(PricePointSchema) }),
  },
  'history.backfill': {
    input: z.object({ base: BaseAsset, days: z.number().int().min(1).max(365).default(30) }),
    output: BackfillResultSchema,
  },
  'history.importCsv': {
    input: z.object({ fileName: z.string().min(1).max(260), text: z.string().max(64 * 1024 * 1024) }),
    output: ImportResultSchema,
  },
  /** Price CSV `venue,symbol,time,close`: good lines stored, bad ones listed by line. */
  'history.importPrices': {
    input: z.object({ fileName: z.string().min(1).max(260), text: z.string().max(64 * 1024 * 1024) }),
    output: ImportResultSchema,
  },
  /** Funding accumulated per venue symbol over 1/7/30 days and each asset's 7-day per-8-h timeline, from the store. */
  'history.accrual': { input: NoInput, output: FundingAccrualSchema },
  /** Per venue/symbol analytics of a base, its cross-venue spread half-life, and its funding correlation with peers. */
  'history.analytics': {
    input: z.object({ base: BaseAsset, peers: z.array(BaseAsset).max(40).optional() }),
    output: HistoryAnalyticsSchema,
  },
  /** The sector-divergence event study over the stored history, with the walk-forward model; run off the main thread. */
  'patterns.study': { input: PatternStudyInputSchema, output: PatternStudySchema },
  /** The backtest over the stored funding and price history, through the trading code on paper (docs/domain.md §7). */
  'backtest.run': { input: BacktestParamsSchema.partial().default({}), output: BacktestReportSchema },
  /** The funding and price history the backtest would run on: rows stored and the span of each. */
  'backtest.history': { input: NoInput, output: BacktestHistorySchema },
  'settings.get': { input: NoInput, output: EngineSettingsSchema },
  'settings.set': { input: EngineSettingsPatchSchema, output: EngineSettingsSchema },
  'killSwitch.engage': { input: z.object({ reason: z.string().max(500).optional() }), output: KillSwitchReportSchema },
  /** The last kill switch's report as its background retries left it; null before the first press. */
  'killSwitch.status': { input: NoInput, output: KillSwitchReportSchema.nullable() },
  'trading.rearm': { input: z.object({ confirm: z.literal(true) }), output: TradingStateSchema },
  /** Puts trading in REDUCING by hand: only reduce-only orders (closes) pass the gateway until re-armed. */
  'trading.reduce': { input: z.object({ reason: z.string().max(500).optional() }), output: TradingStateSchema },
  'vault.status': { input: NoInput, output: VaultStatusSchema },
  'vault.unlock': { input: z.object({ passphrase: z.string().max(1024).optional() }), output: VaultStatusSchema },
  'vault.setKey': {
    input: KeyRef.extend({
      apiKey: z.string().trim().min(8).max(512),
      secret: z.string().trim().min(8).max(1024),
      password: z.string().min(4).max(256).optional(),
    }),
    output: VaultKeySchema,
  },
  'vault.deleteKey': { input: KeyRef, output: z.object({ deleted: z.boolean() }) },
  'vault.list': { input: NoInput, output: z.array(VaultKeySchema) },
  'vault.testKey': { input: KeyRef, output: VaultKeyTestSchema },
  /** Recomputed by main on its own fresh quotes, books and balances; renderer numbers are ignored. */
  'ticket.preview': { input: TicketSchema, output: TicketPreviewSchema },
  /** Refused (with the failing checklist items named) unless the checklist passes on fresh data. */
  'ticket.submit': { input: TicketSchema, output: TicketReceiptSchema },
  /** Every pair the journal knows (open, unhedged, closed …) with legs, PnL split price/funding/fees, drift, liquidation distance, next settlement. */
  'positions.list': { input: NoInput, output: z.array(PairSchema) },
  /** Closes a pair's open legs reduce-only through the order gateway (refused while HALTED). */
  'positions.close': { input: z.object({ pairId: z.string().min(1).max(128) }), output: PairExecutionResultSchema },
  /**
   * Sends the reduce-only order that brings a MISMATCHed leg's venue back to the approved size,
   * recomputed by main from a fresh read of the venue; refused in words when none can be offered.
   */
  'positions.restore': { input: RestoreRequestSchema, output: RestoreResultSchema },
  /** Equity and margin in use per venue, funding today (UTC) and over 7 d, the pairs' realised and open PnL; a venue not read says why. */
  'portfolio.summary': { input: NoInput, output: PortfolioSchema },
  'journal.list': { input: JournalFilterSchema.default({}), output: z.array(JournalEntrySchema) },
  'journal.exportCsv': { input: JournalFilterSchema.default({}), output: z.object({ text: z.string() }) },
  /** Win rate over closed pairs split confirmed/contradicted, with the below-55 % review warning. */
  'journal.stats': { input: NoInput, output: WinRateSchema },
  'trading.state': { input: NoInput, output: TradingStateSchema },
  /** The journal against every connected venue now; differences also go out as critical alerts. */
  'trading.reconcile': { input: NoInput, output: ReconcileReportSchema },
  /** The fees in force per venue, each with its source: the account's tier read from the venue, Settings, or the venue's default. */
  'fees.schedule': { input: NoInput, output: z.array(VenueFeesSchema) },
  'risk.get': { input: NoInput, output: RiskSettingsSchema },
  /** Only the fields sent change; the result is the full, persisted settings. */
  'risk.set': { input: RiskSettingsPatchSchema, output: RiskSettingsSchema },
  /** The live sector overlay; null until the engine has a sector map and quotes. */
  'sectors.snapshot': { input: NoInput, output: SectorSnapshotSchema.nullable() },
  /** The effective map (default taxonomy plus user overrides) and the live bases it does not place. */
  'sectors.map': { input: NoInput, output: SectorMapViewSchema },
  /**
   * Places a base (canonicalised: `1000PEPE` → `PEPE`); its default sector removes the override.
   * A sector name no sector has yet (letter case aside) is refused unless `newSector` says the
   * trader confirmed creating it (shared/sectors/sectorName.ts).
   */
  'sectors.set': { input: z.object({ base: z.string().trim().min(1).max(40), sector: z.string().trim().min(1).max(60), newSector: z.boolean().optional() }), output: SectorMapViewSchema },
  /**
   * `base,sector` CSV: good lines become overrides, bad ones are listed by line. A sector name in
   * another letter case is that sector; a name no sector has yet creates one only when listed in
   * `newSectors` (the trader confirmed it): otherwise nothing is written and the result lists the
   * new names as `unconfirmed`, as `sectors.set` refuses one without `newSector`.
   */
  'sectors.importCsv': {
    input: z.object({ fileName: z.string().min(1).max(260), text: z.string().max(8 * 1024 * 1024), newSectors: z.array(z.string().trim().min(1).max(60)).max(1000).optional() }),
    output: SectorImportResultSchema,
  },
  /** The effective map as `base,sector` CSV. */
  'sectors.exportCsv': { input: NoInput, output: z.object({ text: z.string() }) },
  /** Demo's simulated clock; null outside Demo, where the wall clock is the clock. */
  'demo.clock': { input: NoInput, output: DemoClockSchema.nullable() },
  /** Sets Demo's clock speed or pauses it; refused in words outside Demo. */
  'demo.setClock': { input: DemoClockPatchSchema, output: DemoClockSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const streams = {
  /** Quotes that changed since the last batch (at most one batch per animation frame). */
  quotes: z.array(FundingQuoteSchema),
  signals: SignalsBatchSchema,
  health: z.array(VenueHealthSchema),
  alerts: z.array(AlertSchema),
  tradingState: TradingStateSchema,
  /** Demo's clock, whenever its speed or pause changes. */
  demoClock: DemoClockSchema,
  /** The sector snapshot, whenever the engine's changed. */
  sectors: SectorSnapshotSchema,
  /** Every pair, on any change and after each settlement/exit check. */
  positions: z.array(PairSchema),
  /** The kill switch's report, at the press and after every background retry. */
  killSwitch: KillSwitchReportSchema,
  /** The running backtest's steps done, every few percent of the run. */
  backtestProgress: BacktestProgressSchema,
  /** What the top rows' pairs take at the trader's impact, after each pass over their books. */
  capacity: CapacitySnapshotSchema,
} as const satisfies Record<string, z.ZodType>;

export type Requests = typeof requests;
export type Streams = typeof streams;
export type RequestName = keyof Requests;
export type StreamName = keyof Streams;
/** What a caller passes (defaults not yet applied). */
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
/** What a handler receives (validated, defaults applied). */
export type HandlerInput<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestOutput<N extends RequestName> = z.output<Requests[N]['output']>;
export type StreamPayload<S extends StreamName> = z.output<Streams[S]>;

/** The main side implements one handler per request; the binding validates before calling. */
export type Handlers = { [N in RequestName]: (input: HandlerInput<N>) => Promise<RequestOutput<N>> };

/** Pushes a stream payload to every connected renderer. */
export type Publish = <S extends StreamName>(name: S, payload: StreamPayload<S>) => void;

/**
 * What the renderer sees as `window.terminal`: the contract, nothing else. The same shape
 * is implemented by the preload (Electron) and by the WebSocket client (headless host).
 */
export interface TerminalBridge {
  invoke<N extends RequestName>(name: N, ...input: RequestInput<N> extends undefined ? [] : [RequestInput<N>]): Promise<RequestOutput<N>>;
  on<S extends StreamName>(name: S, listener: (payload: StreamPayload<S>) => void): () => void;
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}
