import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runBacktest } from '../../electron/backend/backtest/backtest.ts';
import { DEFAULT_STUDY_PARAMS } from '../../electron/engine/study.ts';
import { eventStudy } from '../fixtures/eventStudy.ts';
import { DEFAULT_BACKTEST_PARAMS } from '../../shared/domain/backtest.ts';
import { parseFundingCsv } from '../../shared/history/fundingCsv.ts';
import { parsePriceCsv } from '../../shared/history/priceCsv.ts';
import { DEFAULT_SECTOR_MAP } from '../../shared/sectors/taxonomy.ts';
import { BINANCE_Q1, binancePriceCsv } from '../integration/patterns/binanceSlice.ts';
import { binanceQ1Csv } from '../unit/history/realFundingData.ts';
import type { BenchResult } from './types.ts';

/**
 * The backtest over the whole recorded Binance USDⓈ-M quarter (../shared/data: every symbol's
 * funding and 4-h closes), beside the event study over the same rows in the same run. One venue
 * gives no cross-venue pair, so this times the replay itself (feed, engine, desk passes at every
 * step); the trades are the CLI test's business.
 */
export async function run(): Promise<BenchResult[]> {
  const funding = parseFundingCsv(binanceQ1Csv(), 'funding').points;
  const markets = readdirSync(join(BINANCE_Q1, 'klines_4h')).filter((f) => f.endsWith('USDT.csv')).map((f) => f.replace(/\.csv$/, ''));
  const prices = parsePriceCsv(binancePriceCsv(markets), 'prices').points;

  const studyStart = performance.now();
  eventStudy(funding, prices, DEFAULT_SECTOR_MAP, DEFAULT_STUDY_PARAMS);
  const studyMs = performance.now() - studyStart;

  const start = performance.now();
  const report = await runBacktest({ funding, prices, params: DEFAULT_BACKTEST_PARAMS });
  const backtestMs = performance.now() - start;
  if (report.period.steps === 0 || report.series.used === 0) throw new Error('backtest bench: nothing was replayed');
  return [
    {
      name: `backtest, Binance USDⓈ-M 2026 Q1: ${funding.length} funding + ${prices.length} price rows, ${report.series.used} series, ${report.period.steps} steps, ${report.trades.length} trades (baseline: event study, same rows)`,
      value: backtestMs, unit: 'ms', baseline: studyMs,
    },
    { name: 'backtest, same run, per step', value: backtestMs / report.period.steps, unit: 'ms' },
  ];
}
