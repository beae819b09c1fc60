/**
 * `backtest.run` over what the store holds, through the contract: the slice imported as the
 * trader imports CSV files, the request's input and answer checked by their schemas.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBacktestHandlers } from '../../../electron/backend/backtest/backtestHandlers.ts';
import { importFundingCsv, importPriceCsv } from '../../../electron/backend/store/history.ts';
import { FUNDING_CSV_OPTIONS } from '../../../electron/backend/markets/knownVenues.ts';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import { requests, type Handlers } from '../../../shared/ipc/contract.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import type { BacktestProgress } from '../../../shared/domain/backtest.ts';
import { flatPrices, fundingSlice, FROM, HISTORY_FROM, TO } from '../../fixtures/backtestSlice.ts';

const store = await openStore(':memory:');
afterAll(() => store.close());

const progress: BacktestProgress[] = [];
const handlers = createBacktestHandlers(store, (name, payload) => {
  if (name === 'backtestProgress') progress.push(payload as BacktestProgress);
}) as Handlers;

describe('backtest.history', () => {
  it('says nothing is stored before an import, then the rows and span of each kind', async () => {
    const empty = await dispatch(handlers, 'backtest.history', undefined);
    expect(empty).toEqual({ ok: true, value: { funding: { rows: 0, from: null, to: null }, prices: { rows: 0, from: null, to: null } } });
    await importFundingCsv(store, fundingSlice(), 'funding.csv', FUNDING_CSV_OPTIONS);
    await importPriceCsv(store, flatPrices(), 'prices.csv');
    const stored = requests['backtest.history'].output.parse((await dispatch(handlers, 'backtest.history', undefined) as { value: unknown }).value);
    // Three venues' 8-hourly settlements and 4-hourly closes from 10 March to 20 April 2021.
    expect(stored.prices).toEqual({ rows: 3 * 41 * 6, from: Date.parse(HISTORY_FROM), to: Date.parse(TO) - 4 * 3_600_000 });
    expect(stored.funding.rows).toBe(fundingSlice().trim().split('\n').length - 1);
    expect(stored.funding.from).toBe(Date.parse(HISTORY_FROM));
  });
});

describe('backtest.run', () => {
  it('runs on the stored history with the given parameters and answers the report the CLI prints, its progress published as it goes', async () => {
    const [result, second] = await Promise.all([
      dispatch(handlers, 'backtest.run', { from: Date.parse(FROM) }),
      dispatch(handlers, 'backtest.run', {}),
    ]);
    expect(second).toEqual({ ok: false, error: { code: 'failed', message: 'backtest.run: A backtest is already running: wait for its report, then run again.' } });
    expect(result.ok).toBe(true);
    const report = requests['backtest.run'].output.parse((result as { value: unknown }).value);
    expect(report.params.from).toBe(Date.parse(FROM));
    expect(report.params.holdHours).toBe(72);
    // The same three trades as `backtest --from 2021-04-10` over the same files (test/integration/cli/backtest.test.ts).
    expect(report.trades.map((t) => new Date(t.openedAt).toISOString())).toEqual(['2021-04-11T08:00:00.000Z', '2021-04-13T08:00:00.000Z', '2021-04-16T08:00:00.000Z']);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ done: report.period.steps, total: report.period.steps, at: report.period.to });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  }, 120_000);

  it('refuses parameters out of range before running', async () => {
    const result = await dispatch(handlers, 'backtest.run', { holdHours: -1 });
    expect(result.ok).toBe(false);
  });
});
