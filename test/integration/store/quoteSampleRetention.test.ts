/**
 * Quote samples over weeks: thinned and expired by SAMPLE_RETENTION, and the upgrade that took
 * the table's unbounded primary-key index away, on a real DuckDB file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { STORE_FILE } from '../../../electron/backend/store/connection.ts';
import { SAMPLE_RETENTION } from '../../../electron/backend/store/quoteSamples.ts';
import { startSampleRetention } from '../../../electron/backend/history/sampleRetention.ts';
import { earlierStore } from '../../fixtures/earlierStore.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2026, 2, 31, 12, 0, 0);

let dir: string;
let store: Store | null = null;

function quote(observedAt: number, symbol = 'BTC/USDT:USDT'): FundingQuote {
  return {
    venue: 'okx', symbol, base: symbol.split('/')[0], multiplier: 1, rate: 0.0001, rateKind: 'predicted', lastSettledRate: 0.0001, intervalHours: 8,
    nextFundingTime: null, markPrice: 100, indexPrice: 100, volume24hUsd: 1e6, openInterestUsd: 1e6, observedAt,
  };
}

/** One sample a minute from `from` for `minutes` minutes, for each symbol. */
function minutely(from: number, minutes: number, symbols: readonly string[]): FundingQuote[] {
  return symbols.flatMap((symbol) => Array.from({ length: minutes }, (_, i) => quote(from + i * MINUTE + 5_000, symbol)));
}

const times = async (s: Store, base = 'BTC') => (await s.quoteSamples.samples({ base })).map((q) => q.observedAt);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ft-retention-'));
});

afterEach(async () => {
  vi.useRealTimers();
  await store?.close();
  store = null;
  await rm(dir, { recursive: true, force: true });
});

describe('quote sample retention', () => {
  it('keeps the last 26 h whole, one sample per 15 min up to 30 days, nothing older', async () => {
    store = await openStore(dir);
    const recent = minutely(NOW - 2 * HOUR, 120, ['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    const dayAgo = minutely(NOW - 27 * HOUR, 60, ['BTC/USDT:USDT']); // the hour just past the whole 26 h
    const weekAgo = minutely(NOW - 7 * 24 * HOUR, 60, ['BTC/USDT:USDT']);
    const expired = minutely(NOW - 31 * 24 * HOUR, 30, ['BTC/USDT:USDT']);
    await store.quoteSamples.insert([...expired, ...weekAgo, ...dayAgo, ...recent]);
    expect(await store.quoteSamples.prune(NOW)).toBe(30 + (60 - 4) + (60 - 4));
    const kept = await times(store);
    expect(kept.filter((t) => t >= NOW - SAMPLE_RETENTION.fullMs)).toHaveLength(120);
    // The first sample of each quarter hour stays.
    expect(kept.filter((t) => t < NOW - 26 * HOUR && t >= NOW - 28 * HOUR)).toEqual([0, 15, 30, 45].map((m) => NOW - 27 * HOUR + m * MINUTE + 5_000));
    expect(kept.filter((t) => t < NOW - 6 * 24 * HOUR)).toEqual([0, 15, 30, 45].map((m) => NOW - 7 * 24 * HOUR + m * MINUTE + 5_000));
    expect(kept.some((t) => t < NOW - SAMPLE_RETENTION.thinnedMs)).toBe(false);
    expect(await times(store, 'ETH')).toHaveLength(120);
    // A second pass finds nothing more to do.
    expect(await store.quoteSamples.prune(NOW)).toBe(0);
  });

  it('runs as a background job that reports what it deleted and keeps running after a failure', async () => {
    store = await openStore(dir);
    await store.quoteSamples.insert(minutely(NOW - 31 * 24 * HOUR, 10, ['BTC/USDT:USDT']));
    const logged: string[] = [];
    const log = { info: (message: string) => logged.push(message), warn: (message: string) => logged.push(`warn: ${message}`) };
    let fail = true;
    const samples = { prune: (now: number) => (fail ? Promise.reject(new Error('disk full')) : store!.quoteSamples.prune(now)) };
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    const job = startSampleRetention({ samples, log, now: () => NOW }, { firstAfterMs: 0, everyMs: HOUR });
    await vi.advanceTimersByTimeAsync(0);
    expect(await job.running()).toBeNull();
    fail = false;
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(await job.running()).toBe(10);
    await job.stop();
    vi.useRealTimers();
    expect(logged).toEqual(['warn: quote sample retention failed', 'old quote samples thinned and expired']);
    expect(await times(store)).toEqual([]);
  });
});

describe('the upgrade that drops the samples primary key', () => {
  it('keeps every stored sample, leaves no index on the table, and still refuses a second sample in a stored minute', async () => {
    // A store as an earlier release left it: the schema up to the keyed quote_samples table.
    await earlierStore(dir, 'quote_samples_next', async (connection) => {
      await connection.run(`INSERT INTO quote_samples (venue, symbol, base, multiplier, minute, observed_at, rate, rate_kind, interval_hours)
        SELECT 'okx', 'BTC/USDT:USDT', 'BTC', 1, ${NOW} - i * ${MINUTE}, ${NOW} - i * ${MINUTE} + 5000, 0.0001, 'predicted', 8 FROM range(100) t(i)`);
    });

    store = await openStore(dir);
    expect(await times(store)).toHaveLength(100);
    expect(await store.quoteSamples.record([quote(NOW + 1_000)])).toBe(0);
    expect(await store.quoteSamples.record([quote(NOW + MINUTE + 1_000)])).toBe(1);
    await store.close();
    store = null;
    const check = await DuckDBInstance.create(join(dir, STORE_FILE));
    const reader = await (await check.connect()).runAndReadAll(`SELECT count(*) AS n FROM duckdb_constraints() WHERE table_name = 'quote_samples' AND constraint_type = 'PRIMARY KEY'`);
    expect(Number(reader.getRowObjectsJS()[0].n)).toBe(0);
    check.closeSync();
  });
});
