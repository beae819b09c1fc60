/**
 * Accumulated funding read from a store holding a month of quote samples (docs/domain.md,
 * "Accumulated funding"): the one SQL pass the heatmap and the monitor's Paid 7d ask for every
 * 5 minutes, beside the straightforward way (every sample into JS, settlements found there),
 * timed on a tenth of the symbols and scaled.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore } from '../../electron/backend/store/duckdb.ts';
import { STORE_FILE } from '../../electron/backend/store/connection.ts';
import type { BenchResult } from './types.ts';

const SYMBOLS = 2_000;
const DAYS = 30;
const STEP_MS = 15 * 60_000;
const H = 3_600_000;
const NOW = Date.UTC(2026, 2, 31, 12);

/** A month of 15-minute samples per symbol, 8-h settlements (the retention the store keeps past 26 h). */
async function fill(dataDir: string): Promise<number> {
  const instance = await DuckDBInstance.create(join(dataDir, STORE_FILE));
  const connection = await instance.connect();
  const from = NOW - DAYS * 24 * H;
  await connection.run(`INSERT INTO quote_samples
    SELECT 'binanceusdm', 'S' || s || '/USDT:USDT', 'S' || s, 1, t // 60000 * 60000, t, 0.0001 * (s % 7), 'predicted', 0.0001 * (s % 5), 8,
           (t // ${8 * H} + 1) * ${8 * H}, 100, 100, 1e6, 1e6
      FROM range(${SYMBOLS}) r(s), range(${from}, ${NOW}, ${STEP_MS}) q(t)`);
  const rows = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM quote_samples')).getRowObjectsJS()[0].n);
  connection.closeSync();
  instance.closeSync();
  return rows;
}

/** Every sample of `symbols` into JS, each symbol's settlements (the first sample after each) summed there. */
async function naiveMs(dataDir: string, symbols: number): Promise<number> {
  const instance = await DuckDBInstance.create(join(dataDir, STORE_FILE));
  const connection = await instance.connect();
  const t0 = performance.now();
  const reader = await connection.runAndReadAll(
    `SELECT venue, symbol, observed_at, last_settled_rate, interval_hours, next_funding_time FROM quote_samples
      WHERE observed_at > ${NOW - DAYS * 24 * H} AND CAST(substr(base, 2) AS INTEGER) < ${symbols} ORDER BY venue, symbol, observed_at`);
  const sums = new Map<string, number>();
  const seen = new Set<string>();
  for (const row of reader.getRowObjectsJS()) {
    const settled = Number(row.next_funding_time) - Number(row.interval_hours) * H;
    const key = `${String(row.venue)}|${String(row.symbol)}|${settled}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sums.set(`${String(row.venue)}|${String(row.symbol)}`, (sums.get(`${String(row.venue)}|${String(row.symbol)}`) ?? 0) + Number(row.last_settled_rate));
  }
  const ms = performance.now() - t0;
  connection.closeSync();
  instance.closeSync();
  if (sums.size !== symbols) throw new Error(`bench: the naive read summed ${sums.size} of ${symbols} symbols`);
  return ms;
}

export async function run(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ft-bench-accrual-'));
  try {
    await (await openStore(dir)).close();
    const rows = await fill(dir);
    const store = await openStore(dir);
    await store.history.accrual(NOW); // warm: the first read loads the table's row groups
    const times: number[] = [];
    let accrual;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      accrual = await store.history.accrual(NOW);
      times.push(performance.now() - t0);
    }
    await store.close();
    if (accrual!.rows.length !== SYMBOLS) throw new Error(`bench: accrual has ${accrual!.rows.length} of ${SYMBOLS} symbols`);
    if (accrual!.rows[0].settlements[2] !== DAYS * 3) throw new Error(`bench: ${accrual!.rows[0].settlements[2]} settlements in 30 d, not ${DAYS * 3}`);
    const median = times.sort((a, b) => a - b)[1];
    const baseline = (await naiveMs(dir, SYMBOLS / 10)) * 10;
    return [
      { name: `accumulated funding read, ${SYMBOLS.toLocaleString('en-US')} symbols, ${(rows / 1e6).toFixed(2)} M samples (30 d), median of 3`, value: median, unit: 'ms', baseline, target: 'well under 1 s (every 5 min)' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
