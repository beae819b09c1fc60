import type { Handlers } from '../../../shared/ipc/contract.ts';
import { DEFAULT_BACKTEST_PARAMS } from '../../../shared/domain/backtest.ts';
import { fundingPointsOf, pricePointsOf } from '../../../shared/history/historyColumns.ts';
import type { HistoryRepo } from '../store/history.ts';
import { runBacktest } from './backtest.ts';

/**
 * `backtest.run`: the backtest over everything the store holds (imported and backfilled funding
 * and closes), with the parameters given and the defaults for the rest. The run opens its own
 * simulator and in-memory journal: the trader's journal and accounts are never touched.
 */
export function createBacktestHandlers(store: { history: HistoryRepo }): Pick<Handlers, 'backtest.run'> {
  return {
    'backtest.run': async (params) => {
      const [funding, prices] = await Promise.all([store.history.fundingColumns(), store.history.priceColumns()]);
      return runBacktest({ funding: fundingPointsOf(funding), prices: pricePointsOf(prices), params: { ...DEFAULT_BACKTEST_PARAMS, ...params } });
    },
  };
}
