import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FundingPoint } from '../../shared/domain/quotes.ts';
import { parseFundingCsv } from '../../shared/history/fundingCsv.ts';
import { openStore } from '../../electron/backend/store/duckdb.ts';
import type { BenchResult } from './types.ts';

const ROWS = 550_000;
const SYMBOLS = 550;
/** Row-by-row inserts are timed on this many rows and scaled: the full 550k would take minutes. */
const BASELINE_ROWS = 5_000;
const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function history(rows: number): FundingPoint[] {
  const points: FundingPoint[] = [];
  for (let i = 0; i < rows; i++) {
    points.push({ venue: 'binanceusdm', symbol: `S${i % SYMBOLS}/USDT:USDT`, time: T0 + Math.floor(i / SYMBOLS) * H, rate: 0.0001, intervalHours: 8, markPrice: null });
  }
  return points;
}

function toCsv(points: readonly FundingPoint[]): string {
  return ['venue,symbol,time,rate,interval_hours', ...points.map((p) => `${p.venue},${p.symbol},${new Date(p.time).toISOString()},${p.rate},${p.intervalHours}`)].join('\n');
}

/** The straightforward way: one prepared INSERT per row. */
async function rowByRowMs(points: readonly FundingPoint[]): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('CREATE TABLE f (venue VARCHAR, symbol VARCHAR, base VARCHAR, time BIGINT, rate DOUBLE, interval_hours DOUBLE, mark_price DOUBLE, PRIMARY KEY (venue, symbol, time))');
  const insert = await connection.prepare('INSERT INTO f VALUES ($1, $2, $3, $4, $5, $6, $7)');
  const t0 = performance.now();
  for (const p of points) {
    insert.bind([p.venue, p.symbol, p.symbol.split('/')[0], BigInt(p.time), p.rate, p.intervalHours, p.markPrice]);
    await insert.run();
  }
  const ms = performance.now() - t0;
  connection.closeSync();
  instance.closeSync();
  return ms;
}

export async function run(): Promise<BenchResult[]> {
  const points = history(ROWS);
  const csv = toCsv(points);
  const dir = await mkdtemp(join(tmpdir(), 'ft-bench-store-'));
  try {
    let t0 = performance.now();
    const parsed = parseFundingCsv(csv, 'bench.csv');
    const parseMs = performance.now() - t0;
    if (parsed.points.length !== ROWS) throw new Error(`bench: parsed ${parsed.points.length} of ${ROWS} rows`);

    const store = await openStore(dir);
    t0 = performance.now();
    await store.history.insertFunding(parsed.points);
    const importMs = performance.now() - t0;
    t0 = performance.now();
    const one = await store.history.funding({ base: 'S7' });
    const queryMs = performance.now() - t0;
    await store.close();
    if (one.length !== ROWS / SYMBOLS) throw new Error(`bench: read ${one.length} rows of S7`);

    const baselineMs = ((await rowByRowMs(points.slice(0, BASELINE_ROWS))) * ROWS) / BASELINE_ROWS;
    return [
      { name: 'funding CSV parse, 550k rows', value: parseMs, unit: 'ms', target: 'well under 1 s' },
      { name: 'store import 550k rows (appender + upsert)', value: importMs, unit: 'ms', baseline: baselineMs, target: 'seconds, not minutes' },
      { name: 'store read one base (1,000 rows of 550k)', value: queryMs, unit: 'ms' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
