/**
 * Stored closes are stamped when they became known. A store written by an earlier release,
 * which kept 4-h candles at their opening, is moved on upgrade: each close to its candle's end,
 * the running candle's to the upgrade's own time, nothing lost and nothing moved twice.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import { earlierStore } from '../../fixtures/earlierStore.ts';

const H = 3_600_000;
let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'ft-close-times-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

/** The schema as the release before close-time stamping left it, with `rows` stored. */
function earlierCloses(rows: Array<{ time: number; close: number }>): Promise<void> {
  return earlierStore(dir, 'price_history_next', async (connection) => {
    for (const row of rows) await connection.run(`INSERT INTO price_history VALUES ('binanceusdm', 'BTC/USDT:USDT', 'BTC', ${row.time}, ${row.close})`);
  });
}

describe('the upgrade that stamps stored closes at their candle\'s end', () => {
  it('moves each 4-h close four hours on, caps the running candle at the upgrade time, keeps every row, and runs once', async () => {
    const lastOpen = Math.floor(Date.now() / (4 * H)) * 4 * H; // the running candle's opening
    const opens = [lastOpen - 8 * H, lastOpen - 4 * H, lastOpen];
    await earlierCloses(opens.map((time, i) => ({ time, close: 100 + i })));
    const before = Date.now();
    let store = await openStore(dir);
    const after = Date.now();
    const moved = await store.history.prices({ base: 'BTC', from: 0, to: after + 8 * H });
    expect(moved.map((p) => p.close)).toEqual([100, 101, 102]);
    expect(moved.slice(0, 2).map((p) => p.time)).toEqual([lastOpen - 4 * H, lastOpen]);
    // The running candle's close was the price at the upgrade, no later.
    expect(moved[2].time).toBeGreaterThanOrEqual(before);
    expect(moved[2].time).toBeLessThanOrEqual(after);
    await store.close();
    store = await openStore(dir);
    expect((await store.history.prices({ base: 'BTC', from: 0, to: after + 8 * H })).map((p) => p.time)).toEqual(moved.map((p) => p.time));
    await store.close();
  });
});
