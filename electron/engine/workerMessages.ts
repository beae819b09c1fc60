import type { EngineSettings } from '../../shared/domain/settings.ts';
import type { Alert, SignalsBatch } from '../../shared/domain/signals.ts';
import type { QuoteColumns } from './quoteColumns.ts';
import type { RowColumns } from './rowColumns.ts';
import type { SectorSnapshot } from './sectors.ts';
import type { SpreadDecay } from '../../shared/funding/decay.ts';
import type { SampleSeedColumns } from '../../shared/history/sampleSeedColumns.ts';

/**
 * Seeded 4-h closes as columns (transferable): base i's rows are `offsets[i]..offsets[i + 1]`
 * of `times` (ascending, epoch ms of each close) and `closes` (per unit of the base).
 */
export interface PriceSeedColumns {
  bases: string[];
  offsets: Int32Array;
  times: Float64Array;
  closes: Float64Array;
}

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
  | { type: 'snapshot'; now: number }
  /** The effective sector map as [base, sector] pairs; every row is re-aligned. */
  | { type: 'sectorMap'; entries: Array<[string, string]>; now: number }
  | { type: 'prices'; columns: PriceSeedColumns; now: number }
  /** Stored quote samples of the last 25 h: rebuilds rate histories and sector series (history only). */
  | { type: 'samples'; columns: SampleSeedColumns; now: number }
  /** Spread decay fits per base and venue pair (see `DecayTable`), refitted from the store. */
  | { type: 'decays'; entries: Array<[string, SpreadDecay]>; now: number };

/** A `SignalsBatch` with its rows as transferred columns (`RowEncoder` / `RowDecoder`). */
export type EncodedBatch = Omit<SignalsBatch, 'upserts'> & { rows: RowColumns };

/**
 * What the worker sends back: exactly one `signals` per message it receives (the client counts
 * on it to know the worker is idle again), carrying the alerts of that message and the sector
 * snapshot when it changed (null otherwise), so a batch costs one message each way; `error`
 * (before the `signals`) instead of dying.
 */
export type FromEngine =
  | { type: 'signals'; batch: EncodedBatch; alerts: Alert[]; sectors: SectorSnapshot | null }
  | { type: 'error'; message: string };
