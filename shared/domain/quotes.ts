import { z } from 'zod';
import { VENUE_IDS } from './venues.ts';

export const VenueIdSchema = z.enum(VENUE_IDS);

/**
 * One venue's funding state for one linear perpetual, as observed at `observedAt`.
 * Rates are decimals per the symbol's own interval (0.0001 = 0.01 %); normalise before comparing.
 */
export const FundingQuoteSchema = z.object({
  venue: VenueIdSchema,
  /** ccxt unified symbol, e.g. `BTC/USDT:USDT`. */
  symbol: z.string().min(1),
  /** Base asset with multiplier prefix removed (`PEPE` for `1000PEPE`). */
  base: z.string().min(1),
  multiplier: z.number().positive(),
  /**
   * Rate for the running period, to be paid at `nextFundingTime`: the venue's current or
   * predicted figure. Null when the venue publishes none (then `lastSettledRate` is used).
   */
  rate: z.number().nullable(),
  /** What `rate` is: `predicted` (estimate for the running period) or `settled` (last paid). */
  rateKind: z.enum(['predicted', 'settled']),
  lastSettledRate: z.number().nullable(),
  intervalHours: z.number().positive(),
  nextFundingTime: z.number().int().nullable(),
  markPrice: z.number().nullable(),
  indexPrice: z.number().nullable(),
  /** 24 h quote volume in USD (USDT/USDC counted at par). */
  volume24hUsd: z.number().nullable(),
  openInterestUsd: z.number().nullable(),
  /** Epoch ms at which the terminal received this quote. */
  observedAt: z.number().int(),
});
export type FundingQuote = z.infer<typeof FundingQuoteSchema>;

export const VenueHealthSchema = z.object({
  venue: VenueIdSchema,
  status: z.enum(['starting', 'ok', 'degraded', 'down']),
  lastSuccessAt: z.number().int().nullable(),
  lastAttemptAt: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  consecutiveErrors: z.number().int().nonnegative(),
  errorCount: z.number().int().nonnegative(),
  /** Human text of the last failure, naming what happened and what the terminal does next. */
  lastError: z.string().nullable(),
  symbols: z.number().int().nonnegative(),
  /** True when the newest data is older than the venue's staleness bound. */
  stale: z.boolean(),
  /** The venue's websocket stream, where one runs (absent for venues that are only polled). */
  stream: z.object({
    status: z.enum(['connecting', 'live', 'down']),
    /** Messages received since start (repeats and out-of-order ones included). */
    messages: z.number().int().nonnegative(),
    lastMessageAt: z.number().int().nullable(),
    reconnects: z.number().int().nonnegative(),
    lastError: z.string().nullable(),
    /** Symbols subscribed one by one (0 where one subscription covers every symbol). */
    symbols: z.number().int().nonnegative(),
    /** The REST poll period in force: slower while the stream is live. */
    pollMs: z.number().positive(),
  }).optional(),
});
export type VenueHealth = z.infer<typeof VenueHealthSchema>;

/**
 * Any ccxt exchange id. History may come from venues the terminal does not poll live
 * (imported CSV from dYdX, KuCoin, …), so history records are not limited to `VenueId`.
 */
export const HistoryVenueSchema = z.string().regex(/^[a-z][a-z0-9]*$/, 'a ccxt exchange id in lower case, e.g. binanceusdm');

/** One settled funding payment of the past, per the symbol's interval. */
export const FundingPointSchema = z.object({
  venue: HistoryVenueSchema,
  symbol: z.string(),
  time: z.number().int(),
  rate: z.number(),
  intervalHours: z.number().positive(),
  markPrice: z.number().nullable(),
});
export type FundingPoint = z.infer<typeof FundingPointSchema>;

export const PricePointSchema = z.object({
  venue: HistoryVenueSchema,
  symbol: z.string(),
  time: z.number().int(),
  close: z.number(),
});
export type PricePoint = z.infer<typeof PricePointSchema>;
