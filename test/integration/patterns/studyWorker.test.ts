import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { encodeStrings, fundingColumnsOf, type PriceColumns } from '../../../shared/history/historyColumns.ts';
import type { StudyJob } from '../../../electron/engine/studyJob.ts';
import { PatternStudyError, runInWorker } from '../../../electron/backend/patterns/patternService.ts';
import { syntheticStudyData } from '../../fixtures/studySynthetic.ts';

function syntheticJob(): StudyJob {
  const { funding, prices, map } = syntheticStudyData({ symbols: 60, days: 60, seed: 3 });
  const venue = encodeStrings(prices.map((p) => p.venue));
  const symbol = encodeStrings(prices.map((p) => p.symbol));
  const priceColumns: PriceColumns = {
    venues: venue.dictionary, symbols: symbol.dictionary, venue: venue.codes, symbol: symbol.codes,
    time: Float64Array.from(prices, (p) => p.time), close: Float64Array.from(prices, (p) => p.close),
  };
  return { kind: 'study', input: { threshold: 0.00005, horizonHours: 24, k: 0.02 }, funding: fundingColumnsOf(funding), prices: priceColumns, sectorMap: [...map], computedAt: 0 };
}

describe('the one-shot study worker', () => {
  it('a job that fails inside the worker rejects with a PatternStudyError naming the job and the cause', async () => {
    const one = fundingColumnsOf([{ venue: 'bybit', symbol: 'BTC/USDT:USDT', time: 0, rate: 1e-4, intervalHours: 8, markPrice: null }]);
    // Codes that point into no dictionary: the worker cannot rebuild the settlements.
    const broken = { kind: 'analytics', base: 'BTC', funding: { ...one, venues: null }, caps: [], computedAt: 0 } as unknown as StudyJob;
    const failure = runInWorker(broken);
    await expect(failure).rejects.toBeInstanceOf(PatternStudyError);
    await expect(failure).rejects.toThrow(/study worker, "analytics" job: /);
  });

  it('a worker terminated before it reports rejects its caller instead of leaving it waiting', async () => {
    const running = new Set<Worker>();
    const study = runInWorker(syntheticJob(), undefined, running);
    expect(running.size).toBe(1);
    await Promise.all([...running].map((worker) => worker.terminate()));
    await expect(study).rejects.toThrow(/study worker \(study\) exited with code \d+ before it reported a result/);
    expect(running.size).toBe(0);
  });

  it('a study job runs to a result with the issue\'s summary fields', async () => {
    const result = await runInWorker(syntheticJob());
    if (result.kind !== 'study') throw new Error('expected a study');
    expect(result.study.coverage.fundingRows).toBeGreaterThan(0);
    expect(result.study.all.basePoints).toBeGreaterThan(0);
  }, 30_000);
});
