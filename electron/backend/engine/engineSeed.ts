import type { EngineSeedRepo } from '../store/engineSeed.ts';
import type { EngineHandle } from './engineClient.ts';
import type { Logger } from '../log/logger.ts';
import { HISTORY_MINUTES } from '../../engine/rateHistory.ts';

const DAY_MS = 24 * 3_600_000;
/** As far back as the price backfill reaches (the sector state's return look-backs). */
const CLOSE_DAYS = 3;

export interface EngineSeedReport {
  samples: number;
  closes: number;
  ms: number;
}

/**
 * Seeds the engine worker from the store at start: the last 25 h of quote samples (its rate
 * histories and sector series) and the last 3 days of stored 4-h closes (sector returns), so
 * the first snapshot after a restart already knows what the last run learnt. Call before the
 * first quotes reach the engine. A failed read is logged and the engine starts empty.
 */
export async function seedEngineFromStore(deps: { store: { engineSeed: EngineSeedRepo }; engine: Pick<EngineHandle, 'seedSamples' | 'seedPrices'>; log: Pick<Logger, 'info' | 'warn'>; now(): number }): Promise<EngineSeedReport> {
  const started = performance.now();
  const at = deps.now();
  try {
    const samples = await deps.store.engineSeed.samples(at - HISTORY_MINUTES * 60_000);
    const closes = await deps.store.engineSeed.closes(at - CLOSE_DAYS * DAY_MS, at);
    if (samples.observedAt.length > 0) deps.engine.seedSamples(samples);
    if (closes.size > 0) deps.engine.seedPrices(closes);
    let closeRows = 0;
    for (const series of closes.values()) closeRows += series.times.length;
    const report = { samples: samples.observedAt.length, closes: closeRows, ms: performance.now() - started };
    deps.log.info('engine seeded from the store', { ...report });
    return report;
  } catch (error) {
    deps.log.warn('engine not seeded from the store; velocity and sector changes start empty', { error: error instanceof Error ? error.message : String(error) });
    return { samples: 0, closes: 0, ms: performance.now() - started };
  }
}
