import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import { fundingColumnsOf, priceColumnsOf } from '../../../shared/history/historyColumns.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createPatternService, type PatternService } from '../../../electron/backend/patterns/patternService.ts';
import { patternStudy } from '../../../electron/engine/studyJob.ts';
import { seededRandom, syntheticStudyData } from '../../fixtures/studySynthetic.ts';

/**
 * patterns.study through the product (store read, columns in shared memory, one-shot worker)
 * against the same study and model run in-thread on the points themselves, in the order they were
 * generated: two venues per asset, rows missing at random, stored in shuffled order. The whole
 * answer must be the same, model included, to the last bit.
 */
const NOW = Date.UTC(2026, 0, 1);
const data = syntheticStudyData({ symbols: 48, days: 45, seed: 21, venues: ['bybit', 'okx'], gapShare: 0.02 });
const input = { threshold: 0.00005, horizonHours: 24, k: 0.01 };

let store: Store;
let service: PatternService;
/** Store reads of the study's columns (funding and prices are read together). */
let reads = 0;

function shuffled<T>(rows: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...rows];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function inMemory(funding: readonly FundingPoint[], prices: readonly PricePoint[], parameters = input) {
  return patternStudy(parameters, fundingColumnsOf(funding), priceColumnsOf(prices), data.map, NOW);
}

beforeAll(async () => {
  store = await openStore(':memory:');
  await store.history.insertFunding(shuffled(data.funding, 1));
  await store.history.insertPrices(shuffled(data.prices, 2));
  const history = { ...store.history, fundingColumns: (...args: Parameters<Store['history']['fundingColumns']>) => { reads++; return store.history.fundingColumns(...args); } };
  service = createPatternService({ history, sectorMap: () => data.map, now: () => NOW });
});

afterAll(async () => {
  await service?.stop();
  await store?.close();
});

describe('patterns.study through the store and the worker', () => {
  it('returns exactly what the in-memory study returns on the same rows, model included', async () => {
    const { parameterSetsTried, ...study } = await service.study(input);
    expect(parameterSetsTried).toBe(1);
    expect(study.all.n).toBeGreaterThan(5);
    expect(study.model.n).toBeGreaterThan(100);
    expect(study.coverage.fundingRows).toBe(data.funding.length);
    expect(study.coverage.priceRows).toBe(data.prices.length);
    expect(study).toEqual(inMemory(data.funding, data.prices));
  });

  it('another parameter set over the same data (columns kept from the first read) matches too', async () => {
    const other = { ...input, k: 0.02, horizonHours: 48 };
    const { parameterSetsTried, ...study } = await service.study(other);
    expect(parameterSetsTried).toBe(2);
    expect(reads).toBe(1);
    expect(study).toEqual(inMemory(data.funding, data.prices, other));
  });

  it('new rows are a new data version: the columns are read again and the answer follows them', async () => {
    const before = await service.study(input);
    const last = data.prices[data.prices.length - 1];
    const moved: PricePoint = { ...last, close: last.close * 0.5 };
    await store.history.insertPrices([moved]);
    const { parameterSetsTried, ...after } = await service.study(input);
    expect(parameterSetsTried).toBe(1);
    expect(reads).toBe(2);
    expect(after).not.toEqual({ ...before, parameterSetsTried });
    expect(after).toEqual(inMemory(data.funding, [...data.prices.slice(0, -1), moved]));
  });
});
