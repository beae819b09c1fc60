import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FundingPoint, PricePoint } from '../../shared/domain/quotes.ts';
import { openStore } from '../../electron/backend/store/duckdb.ts';
import { createPatternService } from '../../electron/backend/patterns/patternService.ts';
import { patternStudy } from '../../electron/engine/studyJob.ts';
import { syntheticStudyData } from '../fixtures/studySynthetic.ts';
import type { BenchResult } from './types.ts';

/**
 * patterns.study end to end over a DuckDB store holding 500 symbols × 1 year (≈ 630,000
 * settlements, ≈ 1.1 M closes): read the columns, move them to the one-shot worker, run the
 * study and the walk-forward model. Baseline: the same study and model in-thread on the same
 * columns (no store read, no worker), so the ratio is the price of staying off the main thread.
 * Also printed: main event-loop turns during the run (0 would mean the UI froze) and a cached answer.
 */
export async function run(): Promise<BenchResult[]> {
  const { funding, prices, map } = syntheticStudyData({ symbols: 500, days: 365, seed: 11 });
  const dir = mkdtempSync(join(tmpdir(), 'pattern-bench-'));
  const store = await openStore(dir);
  try {
    await store.history.insertFunding(funding.map(unified));
    await store.history.insertPrices(prices.map(unified));
    const service = createPatternService({ history: store.history, sectorMap: () => map });
    const input = { threshold: 0.00005, horizonHours: 24, k: 0.02 };

    let ticks = 0;
    let counting = true;
    const turn = () => { if (counting) { ticks++; setImmediate(turn); } };
    setImmediate(turn);
    const start = performance.now();
    const study = await service.study(input);
    const serviceMs = performance.now() - start;
    counting = false;

    const cachedStart = performance.now();
    await service.study(input);
    const cachedMs = performance.now() - cachedStart;

    const columns = { funding: await store.history.fundingColumns(), prices: await store.history.priceColumns() };
    const inThreadStart = performance.now();
    patternStudy(input, columns.funding, columns.prices, map, 0);
    const inThreadMs = performance.now() - inThreadStart;
    return [
      { name: `patterns.study via store + worker, ${study.coverage.fundingRows} funding + ${study.coverage.priceRows} price rows (${study.all.n} events, model n ${study.model.n})`, value: serviceMs, unit: 'ms', baseline: inThreadMs },
      { name: 'main event-loop turns while that study ran', value: ticks, unit: 'turns' },
      { name: 'patterns.study again, same parameters and data (cache)', value: cachedMs, unit: 'ms' },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The store keys history by base: the fixture's Binance ids (`A1USDT`) become unified symbols. */
function unified<P extends FundingPoint | PricePoint>(point: P): P {
  return point.symbol.includes('/') ? point : { ...point, symbol: `${point.symbol.slice(0, -4)}/USDT:USDT` };
}
