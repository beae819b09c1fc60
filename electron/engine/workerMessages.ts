import type { EngineSettings } from '../../shared/domain/settings.ts';
import type { Alert, SignalsBatch } from '../../shared/domain/signals.ts';
import type { QuoteColumns } from './quoteColumns.ts';

/**
 * What the main process sends the engine worker. Every message carries `now` (the main
 * process's clock), so the worker computes with the same time the rest of the backend uses.
 * `settings` must come first; quotes before it are refused.
 */
export type ToEngine =
  | { type: 'settings'; settings: EngineSettings; now: number }
  | { type: 'quotes'; columns: QuoteColumns; now: number }
  /** Re-evaluates staleness and windows when no quote arrived for a while. */
  | { type: 'tick'; now: number }
  /** The full current state, recomputed at `now`. */
  | { type: 'snapshot'; now: number };

/**
 * What the worker sends back: exactly one `signals` per `settings`, `quotes`, `tick` or
 * `snapshot` message (the client counts on it to know the worker is idle again), `alerts`
 * when there are any, and `error` instead of dying.
 */
export type FromEngine =
  | { type: 'signals'; batch: SignalsBatch }
  | { type: 'alerts'; alerts: Alert[] }
  | { type: 'error'; message: string };
