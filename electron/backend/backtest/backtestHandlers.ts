import type { Handlers, Publish } from '../../../shared/ipc/contract.ts';
import { DEFAULT_BACKTEST_PARAMS } from '../../../shared/domain/backtest.ts';
import { fundingPointsOf, pricePointsOf } from '../../../shared/history/historyColumns.ts';
import type { HistoryRepo } from '../store/history.ts';
import { BacktestInputError, runBacktest } from './backtest.ts';

/**
 * `backtest.run`: the backtest over everything the store holds (imported and backfilled funding
 * and closes), with the parameters given and the defaults for the rest. The run opens its own
 * simulator and in-memory journal: the trader's journal and accounts are never touched. Its
 * progress goes out on `backtestProgress`; one run at a time, so that stream is that run's.
 * `backtest.history`: what the store holds for it, so the panel can say what is missing first.
 */
export function createBacktestHandlers(store: { history: HistoryRepo }, publish: Publish = () => {}): Pick<Handlers, 'backtest.run' | 'backtest.history'> {
  let running = false;
  return {
    'backtest.run': async (params) => {
      if (running) throw new BacktestInputError('A backtest is already running: wait for its report, then run again.');
      running = true;
      try {
        const [funding, prices] = await Promise.all([store.history.fundingColumns(), store.history.priceColumns()]);
        return await runBacktest({
          funding: fundingPointsOf(funding), prices: pricePointsOf(prices), params: { ...DEFAULT_BACKTEST_PARAMS, ...params },
          progress: (done, total, at) => publish('backtestProgress', { done, total, at }),
        });
      } finally {
        running = false;
      }
    },
    'backtest.history': () => store.history.spans(),
  };
}
