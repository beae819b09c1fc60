/**
 * Refits every venue pair's spread decay from the stored settlements (docs/domain.md §1
 * "Expected carry under decay"): a pass soon after start and every hour after (a settlement
 * adds at most one point per pair per hour), sent to the engine for the monitor's ranking and
 * kept for the ticket's preview, so both use the same fit.
 */
import type { HistoryRepo } from '../store/history.ts';
import type { Logger } from '../log/logger.ts';
import { fundingPointsOf } from '../../../shared/history/historyColumns.ts';
import { DECAY_WINDOW_DAYS, pairDecays, type DecayTable } from '../../engine/pairDecay.ts';
import { startPeriodicJob, type PeriodicJob, type PeriodicSchedule } from '../jobs/periodicJob.ts';

const DAY_MS = 86_400_000;

export interface DecayRefreshDeps {
  history: Pick<HistoryRepo, 'fundingColumns'>;
  engine: { setDecays(table: DecayTable): void };
  log: Pick<Logger, 'info' | 'warn'>;
  now(): number;
}

export interface DecayRefresh extends PeriodicJob<number> {
  /** The latest fits; empty until the first pass (the default decay applies to every pair then). */
  table(): DecayTable;
}

export function startDecayRefresh(deps: DecayRefreshDeps, schedule: PeriodicSchedule = { firstAfterMs: 2_000, everyMs: 3_600_000 }): DecayRefresh {
  let table: DecayTable = new Map();
  const job = startPeriodicJob(
    async () => {
      const asOf = deps.now();
      const columns = await deps.history.fundingColumns({ from: asOf - DECAY_WINDOW_DAYS * DAY_MS, to: asOf });
      table = pairDecays(fundingPointsOf(columns), asOf);
      deps.engine.setDecays(table);
      const fitted = [...table.values()].filter((d) => d.source === 'fit').length;
      deps.log.info('spread decays refitted', { pairs: table.size, fitted, settlements: columns.time.length });
      return table.size;
    },
    (error) => deps.log.warn('spread decays not refitted; the last fits (or the default) stay in force', { error: error instanceof Error ? error.message : String(error) }),
    schedule,
  );
  return { ...job, table: () => table };
}
