import type { EngineSeedRepo } from '../store/engineSeedStore.ts';
import type { SampleSeedColumns } from '../../../shared/history/sampleSeedColumns.ts';
import type { EngineHandle } from './engineClient.ts';
import type { Logger } from '../log/logger.ts';
import { HISTORY_MINUTES } from '../../engine/rateHistory.ts';

const DAY_MS = 24 * 3_600_000;
/** As far back as the price backfill reaches (the sector state's return look-backs). */
const CLOSE_DAYS = 3;

interface SeedDeps {
  store: { engineSeed: EngineSeedRepo };
  log: Pick<Logger, 'info' | 'warn'>;
  now(): number;
}

/**
 * The engine client's `loadSamples`: the last 25 h of stored quote samples (what the 24-h
 * velocity needs), read at start and at each worker restart, so the worker's rate histories
 * and sector series start where the previous run (or the dead worker) left them.
 */
export function storedSamplesLoader(deps: SeedDeps): () => Promise<SampleSeedColumns> {
  return async () => {
    const started = performance.now();
    const columns = await deps.store.engineSeed.samples(deps.now() - HISTORY_MINUTES * 60_000);
    deps.log.info('engine history read from the stored quote samples', { rows: columns.observedAt.length, ms: Math.round(performance.now() - started) });
    return columns;
  };
}

/**
 * Seeds the engine with the last 3 days of stored 4-h closes, so sector returns are known at
 * start instead of after the first price backfill (which then merges its newer closes in).
 * Resolves to the closes seeded; a failed read is logged and seeds nothing.
 */
export async function seedStoredCloses(deps: SeedDeps & { engine: Pick<EngineHandle, 'seedPrices'> }): Promise<number> {
  const at = deps.now();
  try {
    const closes = await deps.store.engineSeed.closes(at - CLOSE_DAYS * DAY_MS, at);
    if (closes.size > 0) deps.engine.seedPrices(closes);
    let rows = 0;
    for (const series of closes.values()) rows += series.times.length;
    return rows;
  } catch (error) {
    deps.log.warn('stored closes not seeded; sector returns wait for the price backfill', { error: error instanceof Error ? error.message : String(error) });
    return 0;
  }
}
