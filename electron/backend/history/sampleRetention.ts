/**
 * Keeps the stored quote samples within SAMPLE_RETENTION: a pass a minute after start (a
 * terminal that was closed for a week catches up at once) and every hour after.
 */
import type { QuoteSampleRepo } from '../store/quoteSamples.ts';
import type { Logger } from '../log/logger.ts';
import { startPeriodicJob, type PeriodicJob, type PeriodicSchedule } from '../jobs/periodicJob.ts';

export interface SampleRetentionDeps {
  samples: Pick<QuoteSampleRepo, 'prune'>;
  log: Pick<Logger, 'info' | 'warn'>;
  now(): number;
}

export function startSampleRetention(deps: SampleRetentionDeps, schedule: PeriodicSchedule = { firstAfterMs: 60_000, everyMs: 3_600_000 }): PeriodicJob<number> {
  return startPeriodicJob(
    async () => {
      const started = performance.now();
      const deleted = await deps.samples.prune(deps.now());
      if (deleted > 0) deps.log.info('old quote samples thinned and expired', { deleted, ms: Math.round(performance.now() - started) });
      return deleted;
    },
    (error) => deps.log.warn('quote sample retention failed', { error: error instanceof Error ? error.message : String(error) }),
    schedule,
  );
}
