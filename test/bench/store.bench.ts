import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, DOUBLE, VARCHAR, BIGINT, type DuckDBConnection } from '@duckdb/node-api';
import type { FundingPoint } from '../../shared/domain/quotes.ts';
import { parseFundingCsv } from '../../shared/history/fundingCsv.ts';
import { openStore } from '../../electron/backend/store/duckdb.ts';
import { appendColumns } from '../../electron/backend/store/connection.ts';
import { importFundingCsv } from '../../electron/backend/store/history.ts';
import { FUNDING_CSV_OPTIONS } from '../../electron/backend/markets/knownVenues.ts';
import type { BenchResult } from './types.ts';

const ROWS = 550_000;
const SYMBOLS = 550;
/** Row-by-row inserts are timed on this many rows and scaled: the full 550k would take minutes. */
const BASELINE_ROWS = 5_000;
const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const FUNDING_TABLE = 'f (venue VARCHAR, symbol VARCHAR, base VARCHAR, time BIGINT, rate DOUBLE, interval_hours DOUBLE, mark_price DOUBLE, PRIMARY KEY (venue, symbol, time))';

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

/** A DuckDB file set up as the store's, holding the funding table with its former primary key. */
async function withTable<T>(path: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path, { memory_limit: '512MB', threads: String(Math.min(4, availableParallelism())) });
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE ${FUNDING_TABLE}`);
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The straightforward way: one prepared INSERT per row. */
function rowByRowMs(path: string, points: readonly FundingPoint[]): Promise<number> {
  return withTable(path, async (connection) => {
    const insert = await connection.prepare('INSERT INTO f VALUES ($1, $2, $3, $4, $5, $6, $7)');
    const t0 = performance.now();
    for (const p of points) {
      insert.bind([p.venue, p.symbol, p.symbol.split('/')[0], BigInt(p.time), p.rate, p.intervalHours, p.markPrice]);
      await insert.run();
    }
    return performance.now() - t0;
  });
}

/**
 * The straightforward bulk import: the whole text parsed to points, appended as rows of strings
 * to a staging table, one INSERT … ON CONFLICT into a table keyed by (venue, symbol, time).
 */
function wholeFileImportMs(path: string, csv: string): Promise<number> {
  return withTable(path, async (connection) => {
    const t0 = performance.now();
    const { points } = parseFundingCsv(csv, 'bench.csv', FUNDING_CSV_OPTIONS);
    await connection.run('BEGIN TRANSACTION');
    await connection.run('CREATE TEMP TABLE staged AS SELECT * FROM f LIMIT 0');
    const columns = [points.map((p) => p.venue), points.map((p) => p.symbol), points.map((p) => p.symbol.split('/')[0]), points.map((p) => BigInt(p.time)), points.map((p) => p.rate), points.map((p) => p.intervalHours), points.map((p) => p.markPrice)];
    await appendColumns(connection, { name: 'staged', catalog: 'temp' }, [VARCHAR, VARCHAR, VARCHAR, BIGINT, DOUBLE, DOUBLE, DOUBLE], columns);
    await connection.run('INSERT INTO f SELECT * FROM staged ON CONFLICT DO UPDATE SET rate = excluded.rate, interval_hours = excluded.interval_hours, mark_price = excluded.mark_price');
    await connection.run('COMMIT');
    return performance.now() - t0;
  });
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
    const first = await importFundingCsv(store, csv, 'bench.csv', FUNDING_CSV_OPTIONS);
    const importMs = performance.now() - t0;
    if (first.imported !== ROWS || first.rejected !== 0) throw new Error(`bench: imported ${first.imported} of ${ROWS} rows, ${first.rejected} rejected`);
    t0 = performance.now();
    const again = await importFundingCsv(store, csv, 'bench.csv', FUNDING_CSV_OPTIONS);
    const reimportMs = performance.now() - t0;
    t0 = performance.now();
    const one = await store.history.funding({ base: 'S7' });
    const queryMs = performance.now() - t0;
    const stored = (await store.history.spans()).funding.rows;
    await store.close();
    if (one.length !== ROWS / SYMBOLS) throw new Error(`bench: read ${one.length} rows of S7`);
    if (again.imported !== ROWS || stored !== ROWS) throw new Error(`bench: a re-import left ${stored} rows stored, not ${ROWS}`);

    const points2 = await openStore(join(dir, 'points'));
    t0 = performance.now();
    await points2.history.insertFunding(parsed.points);
    const insertMs = performance.now() - t0;
    await points2.close();

    const wholeFileMs = await wholeFileImportMs(join(dir, 'whole.duckdb'), csv);
    const baselineMs = ((await rowByRowMs(join(dir, 'rows.duckdb'), points.slice(0, BASELINE_ROWS))) * ROWS) / BASELINE_ROWS;
    return [
      { name: 'funding CSV parse, 550k rows (whole text to points)', value: parseMs, unit: 'ms', target: 'well under 1 s' },
      { name: 'funding CSV import 550k rows (streamed: parse + stage + upsert)', value: importMs, unit: 'ms', baseline: wholeFileMs, target: '≤ 2 s' },
      { name: 'funding CSV re-import 550k rows (nothing new)', value: reimportMs, unit: 'ms' },
      { name: 'store insert 550k points (staged + upsert)', value: insertMs, unit: 'ms', baseline: baselineMs, target: 'seconds, not minutes' },
      { name: 'store read one base (1,000 rows of 550k)', value: queryMs, unit: 'ms' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
