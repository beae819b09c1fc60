/**
 * Funding history keeps one row per (venue, symbol, time) without a primary key: the upgrade
 * that drops the key keeps every stored row, and the upsert alone keeps keys unique after it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import { STORE_FILE } from '../../../electron/backend/store/connection.ts';
import { earlierStore } from '../../fixtures/earlierStore.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'ft-funding-key-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

/** The schema as the release before the key was dropped left it, with three settlements stored. */
function earlierFunding(): Promise<void> {
  return earlierStore(dir, 'funding_history_next', async (connection) => {
    for (let i = 0; i < 3; i++) await connection.run(`INSERT INTO funding_history VALUES ('okx', 'BTC/USDT:USDT', 'BTC', ${T0 + i * 8 * H}, 0.0001, 8, NULL)`);
  });
}

async function primaryKeys(): Promise<number> {
  const instance = await DuckDBInstance.create(join(dir, STORE_FILE));
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM duckdb_constraints() WHERE table_name = 'funding_history' AND constraint_type = 'PRIMARY KEY'`);
  const n = Number(reader.getRowObjectsJS()[0].n);
  connection.closeSync();
  instance.closeSync();
  return n;
}

describe('funding history without a primary key', () => {
  it('the upgrade keeps every stored settlement, and writing them again adds none while a changed rate replaces its row', async () => {
    await earlierFunding();
    const store = await openStore(dir);
    expect((await store.history.funding({ base: 'BTC' })).map((p) => p.time)).toEqual([T0, T0 + 8 * H, T0 + 16 * H]);
    const again = [0, 1, 2, 3].map((i) => ({ venue: 'okx', symbol: 'BTC/USDT:USDT', time: T0 + i * 8 * H, rate: i === 1 ? 0.0002 : 0.0001, intervalHours: 8, markPrice: null }));
    expect(await store.history.insertFunding(again)).toBe(1);
    expect((await store.history.funding({ base: 'BTC' })).map((p) => [p.time, p.rate])).toEqual(again.map((p) => [p.time, p.rate]));
    await store.close();
    expect(await primaryKeys()).toBe(0);
  });

  it('a key repeated within one batch is stored once, with the later point\'s values', async () => {
    const store = await openStore(dir);
    const p = (time: number, rate: number) => ({ venue: 'bybit', symbol: 'ETH/USDT:USDT', time, rate, intervalHours: 8, markPrice: null });
    expect(await store.history.insertFunding([p(T0, 0.0001), p(T0 + 8 * H, 0.0002), p(T0, 0.0003)])).toBe(2);
    expect((await store.history.funding({ base: 'ETH' })).map((r) => [r.time, r.rate])).toEqual([[T0, 0.0003], [T0 + 8 * H, 0.0002]]);
    await store.close();
  });
});
