/**
 * A backtest's parameters and report (docs/domain.md §7): the CLI's `--json` output and the
 * Backtest panel's answer share this one schema. Money in USD, rates as decimals per 8 h,
 * times in epoch ms.
 */
import { z } from 'zod';
import { ChecklistItemIdSchema } from './ticket.ts';
import { VenueIdSchema } from './quotes.ts';

export const BacktestParamsSchema = z.object({
  /** Spread per 8 h at which the engine marks a row triggered (Settings' trigger). */
  triggerPer8h: z.number().min(0).max(0.05),
  /** Maximum holding: the exit that closes a pair held this long, and the ticket's planned exit. */
  holdHours: z.number().gt(0).max(24 * 365),
  /** Notional of each pair's legs, USD at the mark. */
  notionalUsd: z.number().positive(),
  /** Basis stop (fraction of notional), closing. */
  basisStopPct: z.number().gt(0).max(0.5),
  /** Take-profit: close when the pair's spread per 8 h falls to this or below. */
  takeProfitSpreadPer8h: z.number(),
  /** Maximum-loss stop in USD; null: the 2 % rule's budget. */
  maxLossUsd: z.number().positive().nullable(),
  leverage: z.number().min(1).max(125),
  /** Rows previewed per step, best ranked first. */
  top: z.number().int().positive().max(50),
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
});
export type BacktestParams = z.infer<typeof BacktestParamsSchema>;

export const DEFAULT_BACKTEST_PARAMS: BacktestParams = {
  triggerPer8h: 0.0006, holdHours: 72, notionalUsd: 10_000, basisStopPct: 0.01, takeProfitSpreadPer8h: 0, maxLossUsd: null, leverage: 3, top: 3, from: null, to: null,
};

/** What a trade, or all of them, earned and paid (USD), and the funding its tickets expected. */
const CarryFiguresSchema = z.object({
  fundingUsd: z.number(),
  /** Both legs' price PnL, fills included (slippage is part of it). */
  pricePnlUsd: z.number(),
  feesUsd: z.number(),
  /** Of the price PnL: what the fills paid against the mark (buys above it, sells below it). */
  slippageUsd: z.number(),
  netUsd: z.number(),
  /** The ticket preview's expected funding to the planned exit, at entry. */
  expectedFundingUsd: z.number(),
  /** Realised funding ÷ expected; null when nothing was expected. */
  realisedOverExpected: z.number().nullable(),
});

export const BacktestTradeSchema = CarryFiguresSchema.extend({
  pairId: z.string(),
  base: z.string(),
  long: z.object({ venue: VenueIdSchema, symbol: z.string() }),
  short: z.object({ venue: VenueIdSchema, symbol: z.string() }),
  openedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  /** The exit that closed it (`max-holding`, `take-profit`, …) or `end-of-history`. */
  exit: z.string(),
  /** Coins of the asset per leg. */
  quantity: z.number(),
  notionalUsd: z.number(),
  spreadAtEntryPer8h: z.number().nullable(),
  settlements: z.number().int().nonnegative(),
});
export type BacktestTrade = z.infer<typeof BacktestTradeSchema>;

export const BacktestTotalsSchema = CarryFiguresSchema.extend({
  trades: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  /** Share of trades with a positive net; null without trades. */
  hitRate: z.number().nullable(),
  /** Largest fall of the summed net PnL (closed and open pairs, at each step) from its running peak. */
  maxDrawdownUsd: z.number().nonnegative(),
});

export const BacktestReportSchema = z.object({
  params: BacktestParamsSchema,
  period: z.object({ from: z.number().int().nullable(), to: z.number().int().nullable(), steps: z.number().int().nonnegative() }),
  series: z.object({
    used: z.number().int().nonnegative(),
    /** Left out, as `venue symbol`, and why. */
    notTraded: z.array(z.object({ series: z.string(), reason: z.string() })),
  }),
  /** Where the expected carry comes from, and where fills' books come from, in words. */
  model: z.object({ expectedCarry: z.string(), books: z.string(), equityUsd: z.string() }),
  previews: z.number().int().nonnegative(),
  /** How often each checklist item failed a previewed ticket. */
  refusals: z.partialRecord(ChecklistItemIdSchema, z.number().int().positive()),
  trades: z.array(BacktestTradeSchema),
  totals: BacktestTotalsSchema,
});
export type BacktestReport = z.infer<typeof BacktestReportSchema>;

const HistorySpanSchema = z.object({ rows: z.number().int().nonnegative(), from: z.number().int().nullable(), to: z.number().int().nullable() });

/** What the store holds for a backtest: settlements and closes, each with the time it spans. */
export const BacktestHistorySchema = z.object({ funding: HistorySpanSchema, prices: HistorySpanSchema });
export type BacktestHistory = z.infer<typeof BacktestHistorySchema>;

/** A running backtest's progress: steps of the simulated clock done of all, and the simulated time reached. */
export const BacktestProgressSchema = z.object({ done: z.number().int().nonnegative(), total: z.number().int().positive(), at: z.number().int() });
export type BacktestProgress = z.infer<typeof BacktestProgressSchema>;
