import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FundingPoint, FundingQuote } from '../../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { StoreError } from '../../../electron/backend/store/connection.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { importFundingCsv } from '../../../electron/backend/store/history.ts';
import { FUNDING_CSV_OPTIONS } from '../../../electron/backend/markets/knownVenues.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function point(venue: string, symbol: string, time: number, rate: number, intervalHours = 8): FundingPoint {
  return { venue, symbol, time, rate, intervalHours, markPrice: null };
}

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ft-store-'));
  store = await openStore(dir);
});
afterEach(async () => {
  await store.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('funding history', () => {
  it('round-trips points and selects by base asset, multiplier prefixes stripped, in time order', async () => {
    const pts = [
      { ...point('binanceusdm', '1000PEPE/USDT:USDT', T0 + 8 * H, -0.0002), markPrice: 0.0123 },
      point('hyperliquid', 'PEPE/USDC:USDC', T0 + H, 0.0000125, 1),
      point('bybit', 'BTC/USDT:USDT', T0, 0.0001),
    ];
    expect(await store.history.insertFunding(pts)).toBe(3);
    expect(await store.history.funding({ base: 'pepe' })).toEqual([pts[1], pts[0]]);
    expect(await store.history.funding({ base: 'PEPE', from: T0 + 2 * H })).toEqual([pts[0]]);
    expect(await store.history.funding({ base: 'PEPE', to: T0 + H })).toEqual([pts[1]]);
  });

  it('upserting the same settlements again adds no rows and keeps the newest values', async () => {
    const first = [point('okx', 'ETH/USDT:USDT', T0, 0.0001), point('okx', 'ETH/USDT:USDT', T0 + 8 * H, 0.0002)];
    expect(await store.history.insertFunding(first)).toBe(2);
    expect(await store.history.insertFunding(first)).toBe(0);
    const revised = [point('okx', 'ETH/USDT:USDT', T0 + 8 * H, 0.0003, 4), point('okx', 'ETH/USDT:USDT', T0 + 16 * H, 0.0004)];
    expect(await store.history.insertFunding(revised)).toBe(1);
    const rows = await store.history.funding({ base: 'ETH' });
    expect(rows.map((r) => [r.time, r.rate, r.intervalHours])).toEqual([[T0, 0.0001, 8], [T0 + 8 * H, 0.0003, 4], [T0 + 16 * H, 0.0004, 8]]);
  });

  it('latestTime is the newest settlement of that venue/symbol only, null when none', async () => {
    await store.history.insertFunding([point('gate', 'BTC/USDT:USDT', T0, 0.1), point('gate', 'BTC/USDT:USDT', T0 + 8 * H, 0.1), point('gate', 'ETH/USDT:USDT', T0 + 16 * H, 0.1)]);
    expect(await store.history.latestTime('gate', 'BTC/USDT:USDT')).toBe(T0 + 8 * H);
    expect(await store.history.latestTime('bybit', 'BTC/USDT:USDT')).toBeNull();
  });

  it('a symbol that is not BASE/QUOTE:SETTLE is refused with a StoreError naming venue and symbol, and nothing is written', async () => {
    const bad = [point('gate', 'BTC/USDT:USDT', T0, 0.1), point('gate', 'BTCUSDT', T0, 0.1)];
    const error = await store.history.insertFunding(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/gate BTCUSDT: not a unified perpetual symbol/);
    expect(await store.history.funding({ base: 'BTC' })).toEqual([]);
  });

  it('price history round-trips and upserts on (venue, symbol, time)', async () => {
    const p = { venue: 'binanceusdm', symbol: 'SOL/USDT:USDT', time: T0, close: 101.5 };
    expect(await store.history.insertPrices([p, { ...p, time: T0 + 4 * H, close: 99 }])).toBe(2);
    expect(await store.history.insertPrices([{ ...p, close: 102 }])).toBe(0);
    expect(await store.history.prices({ base: 'SOL' })).toEqual([{ ...p, close: 102 }, { ...p, time: T0 + 4 * H, close: 99 }]);
  });

  it('imports 550,000 rows through the appender path and prints how long it took', async () => {
    const pts: FundingPoint[] = [];
    for (let i = 0; i < 550_000; i++) pts.push(point('binanceusdm', `S${i % 550}/USDT:USDT`, T0 + Math.floor(i / 550) * H, 0.0001, 1));
    const t0 = performance.now();
    expect(await store.history.insertFunding(pts)).toBe(550_000);
    const ms = performance.now() - t0;
    console.log(`store: 550,000 funding rows upserted into an empty table in ${ms.toFixed(0)} ms`);
    const t1 = performance.now();
    expect(await store.history.funding({ base: 'S7' })).toHaveLength(1000);
    console.log(`store: one base (1,000 rows) read back in ${(performance.now() - t1).toFixed(0)} ms`);
  }, 120_000);
});

describe('importFundingCsv', () => {
  it('stores the good rows and lists bad ones by line', async () => {
    const csv = 'venue,symbol,time,rate,interval_hours\nbybit,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8\nbybit,BTC/USDT:USDT,2024-01-01T08:00:00,0.0001,8\n';
    const result = await importFundingCsv(store, csv, 'mixed.csv', FUNDING_CSV_OPTIONS);
    expect(result).toEqual({ fileName: 'mixed.csv', imported: 1, rejected: 1, errors: [{ line: 3, message: expect.stringMatching(/no time zone/) }] });
    expect(await store.history.funding({ base: 'BTC' })).toHaveLength(1);
  });

  it('refuses rows of a venue ccxt does not know and rates in percent, keeping the rest', async () => {
    const csv = 'venue,symbol,time,rate,interval_hours\nhtx,ETH/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8\nbybitt,ETH/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8\nokx,ETH/USDT:USDT,2024-01-01T00:00:00Z,0.01,8\nokx,ETH/USDT:USDT,2024-01-01T08:00:00Z,0.5,8\n';
    const result = await importFundingCsv(store, csv, 'venues.csv', FUNDING_CSV_OPTIONS);
    expect(result.imported).toBe(2);
    expect(result.errors).toEqual([
      { line: 3, message: expect.stringMatching(/^venue "bybitt" is not a venue the terminal knows; did you mean bybit\?$/) },
      { line: 5, message: expect.stringMatching(/^rate 0\.5 reads as 50 % per 8 h, .* the file looks like percent; write rates as decimals \(0\.005\)$/) },
    ]);
  });

  it('a file imported again adds no row twice; a changed rate replaces the stored one', async () => {
    const rows = ['venue,symbol,time,rate,interval_hours'];
    for (let i = 0; i < 20_000; i++) rows.push(`okx,S${i % 40}/USDT:USDT,${T0 + Math.floor(i / 40) * H},0.0001,8`);
    expect(await importFundingCsv(store, rows.join('\n'), 'a.csv', FUNDING_CSV_OPTIONS)).toMatchObject({ imported: 20_000, rejected: 0 });
    rows[1] = rows[1].replace(',0.0001,', ',0.0002,');
    expect(await importFundingCsv(store, rows.join('\n'), 'a.csv', FUNDING_CSV_OPTIONS)).toMatchObject({ imported: 20_000, rejected: 0 });
    expect((await store.history.spans()).funding.rows).toBe(20_000);
    const s0 = await store.history.funding({ base: 'S0' });
    expect(s0).toHaveLength(500);
    expect(s0.map((p) => p.rate).filter((r) => r === 0.0002)).toHaveLength(1);
    expect(s0[0]).toMatchObject({ time: T0, rate: 0.0002 });
  });

  it('lists the first 200 errors and counts all of them', async () => {
    const rows = ['venue,symbol,time,rate,interval_hours'];
    for (let i = 0; i < 250; i++) rows.push(`bybit,BTC/USDT:USDT,${T0 + i * H},oops,8`);
    const result = await importFundingCsv(store, rows.join('\n'), 'bad.csv', FUNDING_CSV_OPTIONS);
    expect(result.rejected).toBe(250);
    expect(result.errors).toHaveLength(200);
    expect(result.errors[199].line).toBe(201);
  });
});

describe('settings and schema', () => {
  it('a fresh store loads the defaults; saved settings survive closing and reopening', async () => {
    expect(await store.settings.load()).toEqual(DEFAULT_SETTINGS);
    const changed = { ...DEFAULT_SETTINGS, triggerSpreadPer8h: 0.0008, fees: [{ venue: 'okx' as const, taker: 0.0004, maker: 0.0001 }] };
    await store.settings.save(changed);
    await store.close();
    store = await openStore(dir);
    expect(await store.settings.load()).toEqual(changed);
  });

  it('reopening keeps stored history and does not re-run migrations', async () => {
    await store.history.insertFunding([point('okx', 'BTC/USDT:USDT', T0, 0.0001)]);
    await store.close();
    store = await openStore(dir);
    expect(await store.history.insertFunding([point('okx', 'BTC/USDT:USDT', T0, 0.0001)])).toBe(0);
    expect(await store.history.funding({ base: 'BTC' })).toHaveLength(1);
  });

  it('using a closed store fails with a StoreError saying so', async () => {
    await store.close();
    await expect(store.history.latestTime('okx', 'BTC/USDT:USDT')).rejects.toThrow(/latest funding time of okx BTC\/USDT:USDT failed: the store is closed/);
  });
});

describe('quote samples', () => {
  function quote(observedAt: number, rate: number, symbol = 'BTC/USDT:USDT'): FundingQuote {
    return {
      venue: 'bybit', symbol, base: 'BTC', multiplier: 1, rate, rateKind: 'predicted', lastSettledRate: 0.0001, intervalHours: 8,
      nextFundingTime: T0 + 8 * H, markPrice: 42000, indexPrice: 41990, volume24hUsd: 1e9, openInterestUsd: 5e8, observedAt,
    };
  }

  it('keeps at most one sample per venue/symbol per minute, the first of the minute', async () => {
    const updates = [quote(T0 + 1_000, 1), quote(T0 + 30_000, 2), quote(T0 + 59_999, 3), quote(T0 + 60_000, 4), quote(T0 + 5_000, 5, 'BTC/USDC:USDC')];
    expect(await store.quoteSamples.record(updates)).toBe(3);
    expect(await store.quoteSamples.record([quote(T0 + 61_000, 6)])).toBe(0);
    const samples = await store.quoteSamples.samples({ base: 'BTC' });
    expect(samples.map((s) => [s.symbol, s.rate])).toEqual([['BTC/USDT:USDT', 1], ['BTC/USDC:USDC', 5], ['BTC/USDT:USDT', 4]]);
    expect(samples[0]).toEqual(updates[0]);
  });

  it('a new sampler (after a restart) still cannot store a second sample in the same minute', async () => {
    await store.quoteSamples.record([quote(T0 + 1_000, 1)]);
    await store.close();
    store = await openStore(dir);
    expect(await store.quoteSamples.record([quote(T0 + 2_000, 2)])).toBe(0);
    expect((await store.quoteSamples.samples({ base: 'BTC' })).map((s) => s.rate)).toEqual([1]);
  });
});
