import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import { parseFundingCsv } from '../../../shared/history/fundingCsv.ts';
import { parsePriceCsv } from '../../../shared/history/priceCsv.ts';
import { requests, type Handlers } from '../../../shared/ipc/contract.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import { DEFAULT_SECTOR_MAP } from '../../../shared/sectors/taxonomy.ts';
import { DEFAULT_STUDY_PARAMS } from '../../../electron/engine/study.ts';
import { eventStudy } from '../../fixtures/eventStudy.ts';
import { runStudyJob, type StudyJob } from '../../../electron/engine/studyJob.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { importFundingCsv } from '../../../electron/backend/store/history.ts';
import { FUNDING_CSV_OPTIONS } from '../../../electron/backend/markets/knownVenues.ts';
import { createPatternHandlers } from '../../../electron/backend/patterns/patternHandlers.ts';
import { createPatternService, effectiveSectorMap, runInWorker, type PatternService } from '../../../electron/backend/patterns/patternService.ts';
import { binanceQ1Csv } from '../../unit/history/realFundingData.ts';
import { binancePriceCsv, hasBinanceQ1, mappedMarkets } from './binanceSlice.ts';

/**
 * The pattern study as a service over a real DuckDB store holding 60 recorded Binance markets
 * (funding + 4-hour closes, spread across the default sectors), through the contract's dispatch.
 */
const MARKETS = hasBinanceQ1 ? mappedMarkets(60) : [];
/** 0.01 % per 8 h: on this quarter's 60 markets the 0.05 % gives no event at all. */
const LOW_THRESHOLD = 0.0001;

let dir: string;
let store: Store;
let service: PatternService;
let handlers: Handlers;
let funding: FundingPoint[];
let prices: PricePoint[];

/** Counts event-loop turns (setImmediate) until stopped: zero while the thread is blocked. */
function tickCounter(): { stop(): number } {
  let ticks = 0;
  let running = true;
  const turn = () => {
    if (!running) return;
    ticks++;
    setImmediate(turn);
  };
  setImmediate(turn);
  return { stop: () => { running = false; return ticks; } };
}

async function call(name: keyof typeof requests, input: unknown): Promise<unknown> {
  const result = await dispatch(handlers, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return requests[name].output.parse(result.value);
}

describe.skipIf(!hasBinanceQ1)('patterns.study over history in a DuckDB store', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patterns-'));
    store = await openStore(dir);
    service = createPatternService({ history: store.history, now: () => Date.UTC(2026, 2, 21) });
    // Only the pattern requests are under test; dispatch calls no other handler.
    handlers = createPatternHandlers(service, store) as unknown as Handlers;
    const fundingCsv = binanceQ1Csv(MARKETS);
    const priceCsv = binancePriceCsv(MARKETS);
    funding = parseFundingCsv(fundingCsv, 'funding.csv').points;
    prices = parsePriceCsv(priceCsv, 'prices.csv').points;
    const imported = await importFundingCsv(store, fundingCsv, 'funding.csv', FUNDING_CSV_OPTIONS);
    expect(imported.rejected).toBe(0);
    const importedPrices = (await call('history.importPrices', { fileName: 'prices.csv', text: priceCsv })) as { imported: number; rejected: number };
    expect(importedPrices).toMatchObject({ imported: prices.length, rejected: 0 });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the study read back from the store equals the study run directly on the same data', async () => {
    const study = (await call('patterns.study', { threshold: LOW_THRESHOLD, horizonHours: 24 })) as Awaited<ReturnType<PatternService['study']>>;
    const direct = eventStudy(funding, prices, DEFAULT_SECTOR_MAP, { ...DEFAULT_STUDY_PARAMS, thresholdPer8h: LOW_THRESHOLD, horizonsHours: [24] });
    const [horizon] = direct.horizons;
    expect(study.all.n).toBeGreaterThan(20);
    expect(study.all.excluded).toBeGreaterThan(0);
    expect({ inSample: study.inSample, outOfSample: study.outOfSample, all: study.all, events: study.events })
      .toEqual({ inSample: horizon.inSample, outOfSample: horizon.outOfSample, all: horizon.all, events: horizon.events });
    expect(study.coverage).toMatchObject({ from: direct.period.from, to: direct.period.to, fundingRows: funding.length, priceRows: prices.length, sectors: direct.sectors });
  });

  it('defaults are the issue\'s X = 0.05 % per 8 h, Z = 24 h, k = 2 %, and the model always reports n, Brier against the base rate and a verdict', async () => {
    const study = (await call('patterns.study', {})) as Awaited<ReturnType<PatternService['study']>>;
    expect(study.params).toMatchObject({ threshold: 0.0005, horizonHours: 24, k: 0.02, inSampleShare: 0.7 });
    expect(study.all.baseRate).not.toBeNull();
    expect(study.model.verdict).toMatch(/base rate|base-rate/);
    expect(study.model.calibration).toHaveLength(10);
  });

  it('the same parameters over the same data are answered from the cache; new data or new parameters run the worker again', async () => {
    const input = { threshold: LOW_THRESHOLD, horizonHours: 48, k: 0.02 };
    const first = await service.study(input);
    const runs = service.runs();
    const [again, concurrent] = await Promise.all([service.study(input), service.study(input)]);
    expect(service.runs()).toBe(runs);
    expect(again).toEqual(first);
    expect(concurrent).toEqual(first);
    // Each distinct parameter set over the same data is counted, and shown beside the study.
    const other = await service.study({ ...input, k: 0.03 });
    expect(service.runs()).toBe(runs + 1);
    expect(other.parameterSetsTried).toBe(first.parameterSetsTried + 1);
    expect((await service.study(input)).parameterSetsTried).toBe(other.parameterSetsTried);
    const last = prices[prices.length - 1];
    await store.history.insertPrices([{ ...last, close: last.close * 1.01 }]);
    const afterChange = await service.study(input);
    expect(service.runs()).toBe(runs + 2);
    expect(afterChange).not.toEqual(first);
    expect(afterChange.parameterSetsTried).toBe(1);
  });

  it('the study runs in a worker: the main event loop keeps turning while it computes, and blocks when the same job runs in-thread', async () => {
    const job = async (): Promise<StudyJob> => ({
      kind: 'study', input: { threshold: LOW_THRESHOLD, horizonHours: 24, k: 0.02 },
      funding: await store.history.fundingColumns(), prices: await store.history.priceColumns(),
      sectorMap: [...DEFAULT_SECTOR_MAP], computedAt: 0,
    });
    const inThread = await job();
    const blocked = tickCounter();
    const expected = runStudyJob(inThread);
    expect(blocked.stop()).toBe(0);

    const forWorker = await job();
    const free = tickCounter();
    const result = await runInWorker(forWorker);
    expect(free.stop()).toBeGreaterThan(10);
    expect(result).toEqual(expected);
  }, 60_000);

  it('history.analytics gives each venue/symbol of a base its rolling figures and persistence, and its correlation with peers', async () => {
    const analytics = (await call('history.analytics', { base: 'ADA', peers: ['AAVE', 'ARB', 'BNB'] })) as Awaited<ReturnType<PatternService['analytics']>>;
    expect(analytics.base).toBe('ADA');
    expect(analytics.series.map((s) => `${s.venue} ${s.symbol}`)).toEqual(['binanceusdm ADA/USDT:USDT']);
    expect(analytics.series[0].settlements).toBe(funding.filter((p) => p.symbol === 'ADA/USDT:USDT').length);
    // One venue: no cross-venue spread to fit.
    expect(analytics.spread).toMatchObject({ venues: ['binanceusdm'], points: 0, halfLifeHours: null });
    expect(analytics.correlation.assets).toEqual(['AAVE', 'ADA', 'ARB', 'BNB']);
    expect(analytics.correlation.matrix[1][1]).toBeCloseTo(1, 12);
  });

  it('the study follows the user\'s sector map: an override moves the asset between sectors and is a new data version', async () => {
    const userMapService = createPatternService({ history: store.history, sectorMap: effectiveSectorMap(store.sectorMap) });
    const input = { threshold: LOW_THRESHOLD, horizonHours: 24, k: 0.02 };
    const sizes = (study: Awaited<ReturnType<PatternService['study']>>) => Object.fromEntries(study.coverage.sectors.map((s) => [s.name, s.assets]));
    const before = sizes(await userMapService.study(input));
    expect(DEFAULT_SECTOR_MAP.get('ADA')).toBe('Layer 1');
    await store.sectorMap.put(new Map([['ADA', 'Meme']]));
    try {
      const after = sizes(await userMapService.study(input));
      expect(userMapService.runs()).toBe(2);
      expect(after['Layer 1']).toBe(before['Layer 1'] - 1);
      expect(after.Meme).toBe(before.Meme + 1);
    } finally {
      await store.sectorMap.remove(['ADA']);
    }
  });
});
