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
  /**
   * Best bid and ask in the symbol's own price unit (as `markPrice`), read with the quote
   * (docs/venues.md "Bid and ask"; Hyperliquid: its impact prices). Null, or absent from
   * producers that never had them (stored samples, history replays), where the venue's poll
   * states none or a side is empty: the costs then take a stated default (docs/domain.md §4).
   */
  bid: z.number().positive().nullable().optional(),
  ask: z.number().positive().nullable().optional(),
  /** 24 h quote volume in USD (USDT/USDC counted at par). */
  volume24hUsd: z.number().nullable(),
  openInterestUsd: z.number().nullable(),
  /** Epoch ms at which the terminal received this quote. */
  observedAt: z.number().int(),
});
export type FundingQuote = z.infer<typeof FundingQuoteSchema>;

/**
 * How a venue's health is judged, derived from its cadence (docs/health.md): sent with every
 * health report so that the status bar prints the bounds in force instead of guessing them.
 */
export const HealthBoundsSchema = z.object({
  /** The REST cadence when no stream carries the fast fields. */
  pollMs: z.number().positive(),
  /** An answer slower than this is a late poll; a poll unanswered this long counts as late at once. */
  lateAfterMs: z.number().positive(),
  /** Pause before the next poll after a failed or late one (until down; then the cadence again). */
  retryMs: z.number().positive(),
  /** Failed or late polls in a row that make the venue down. */
  downAfterPolls: z.number().int().positive(),
  /** About how long after its first bad poll a venue that stops answering is down. */
  downAfterMs: z.number().positive(),
  /** A live stream silent for longer than this degrades the venue; null where no stream runs. */
  streamSilentAfterMs: z.number().positive().nullable(),
});
export type HealthBounds = z.infer<typeof HealthBoundsSchema>;

export const VenueHealthSchema = z.object({
  venue: VenueIdSchema,
  status: z.enum(['starting', 'ok', 'degraded', 'down']),
  /** When the last answer with data arrived (on time or late). */
  lastSuccessAt: z.number().int().nullable(),
  lastAttemptAt: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  /** Failed or late polls in a row (a slow answer counts, its data is kept). */
  consecutiveErrors: z.number().int().nonnegative(),
  /** Failed or late polls since start. */
  errorCount: z.number().int().nonnegative(),
  /** Human text of the last failure, naming what happened and what the terminal does next. */
  lastError: z.string().nullable(),
  symbols: z.number().int().nonnegative(),
  /** True when the newest data is older than the venue's staleness bound. */
  stale: z.boolean(),
  /** The venue's websocket stream, where one runs (absent for venues that are only polled). */
  bounds: HealthBoundsSchema,
  stream: z.object({
    /** `silent`: connected, but no message for longer than `bounds.streamSilentAfterMs`. */
    status: z.enum(['connecting', 'live', 'silent', 'down']),
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

/** A history CSV row refused on import: its 1-based physical line and what is wrong with it. */
export const CsvLineErrorSchema = z.object({ line: z.number().int().positive(), message: z.string() });
export type CsvLineError = z.infer<typeof CsvLineErrorSchema>;
