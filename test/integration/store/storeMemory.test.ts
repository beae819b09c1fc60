import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';

/** What the store reports of DuckDB's memory: the bench's breakdown reads it (docs/architecture.md, "Memory"). */
let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'store-memory-'));
  store = await openStore(dir);
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('store.memory', () => {
  it('reports the bounded buffer pool (512 MB, as DuckDB prints it) and nothing spilled', async () => {
    const memory = await store.memory();
    expect(memory.limit).toBe('488.2 MiB');
    expect(memory.spilledBytes).toBe(0);
    expect(Number.isFinite(memory.usedBytes)).toBe(true);
  });

  it('counts the buffers that stored rows occupy', async () => {
    const before = await store.memory();
    const start = Date.UTC(2026, 0, 1);
    const points = Array.from({ length: 50_000 }, (_, i) => ({ venue: 'bybit' as const, symbol: `S${i % 500}/USDT:USDT`, base: `S${i % 500}`, time: start + Math.floor(i / 500) * 3_600_000, close: 100 + (i % 7) }));
    await store.history.insertPrices(points);
    const after = await store.memory();
    expect(after.usedBytes).toBeGreaterThan(before.usedBytes);
  });
});
