/**
 * `backtest.run` over what the store holds, through the contract: the slice imported as the
 * trader imports CSV files, the request's input and answer checked by their schemas.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBacktestHandlers } from '../../../electron/backend/backtest/backtestHandlers.ts';
import { importFundingCsv, importPriceCsv } from '../../../electron/backend/store/history.ts';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import { requests, type Handlers } from '../../../shared/ipc/contract.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import { flatPrices, fundingSlice, FROM } from '../../fixtures/backtestSlice.ts';

const store = await openStore(':memory:');
afterAll(() => store.close());

describe('backtest.run', () => {
  it('runs on the stored history with the given parameters and answers the report the CLI prints', async () => {
    await importFundingCsv(store, fundingSlice(), 'funding.csv');
    await importPriceCsv(store, flatPrices(), 'prices.csv');
    const result = await dispatch(createBacktestHandlers(store) as Handlers, 'backtest.run', { from: Date.parse(FROM) });
    expect(result.ok).toBe(true);
    const report = requests['backtest.run'].output.parse((result as { value: unknown }).value);
    expect(report.params.from).toBe(Date.parse(FROM));
    expect(report.params.holdHours).toBe(72);
    // The same three trades as `backtest --from 2021-04-10` over the same files (test/integration/cli/backtest.test.ts).
    expect(report.trades.map((t) => new Date(t.openedAt).toISOString())).toEqual(['2021-04-11T08:00:00.000Z', '2021-04-13T08:00:00.000Z', '2021-04-16T08:00:00.000Z']);
  }, 120_000);

  it('refuses parameters out of range before running', async () => {
    const result = await dispatch(createBacktestHandlers(store) as Handlers, 'backtest.run', { holdHours: -1 });
    expect(result.ok).toBe(false);
  });
});
