/**
 * The engine seed's cost at start (electron/engine/README.md, "Seeded at start"): 6 venues × 500 symbols × 25 h of quote
 * samples in a DuckDB file, every quote changing every minute (the sampler's upper bound: it
 * stores a quote only when it changed), read as columns in one query, then replayed into the
 * engine: in-process (the replay alone) and through the real worker (columns transferred).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../electron/backend/store/connection.ts';
import { createEngineSeedRepo } from '../../electron/backend/store/engineSeedStore.ts';
import { createQuoteSampleRepo } from '../../electron/backend/store/quoteSamples.ts';
import type { FundingQuote } from '../../shared/domain/quotes.ts';
import { startEngine } from '../../electron/backend/engineClient/engineClient.ts';
import { SignalEngine } from '../../electron/engine/engine.ts';
import { HISTORY_MINUTES } from '../../electron/engine/rateHistory.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';
import type { SampleSeedColumns } from '../../shared/history/sampleSeedColumns.ts';
import type { BenchResult } from './types.ts';

const VENUES = 6;
const SYMBOLS = 500;
const MINUTE_MS = 60_000;
const NOW = Date.UTC(2026, 2, 2, 12, 0, 30);

/** Fills quote_samples in SQL (generating 4.5 M rows through the JS appender would dominate the bench). */
async function fill(db: Database): Promise<number> {
  const first = NOW - HISTORY_MINUTES * MINUTE_MS;
  const venues = VENUE_IDS.slice(0, VENUES).map((v) => `'${v}'`).join(', ');
  return db.exclusive('fill the bench samples', async (connection) => {
    await connection.run(`INSERT INTO quote_samples
      SELECT v.venue, 'S' || s.i || '/USDT:USDT', 'S' || s.i, 1, ${first} + m.i * ${MINUTE_MS}, ${first} + m.i * ${MINUTE_MS} + 5000,
             0.0001 * sin(s.i + m.i / 90.0), 'predicted', 0.0001, 8, NULL, 100 + s.i + m.i / 100.0, NULL, 1e7, 1e6
      FROM (SELECT unnest([${venues}]) AS venue) v, range(${SYMBOLS}) s(i), range(${HISTORY_MINUTES}) m(i)`);
    const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM quote_samples');
    return Number(reader.getRowObjectsJS()[0].n);
  });
}

/** The straightforward read of the same rows: the driver's JS columns, then typed arrays (what the seed avoids). */
async function jsColumnsReadMs(db: Database, since: number): Promise<number> {
  const t0 = performance.now();
  await db.exclusive('bench: read samples as JS columns', async (connection) => {
    const reader = await connection.runAndReadAll(
      `SELECT hash(venue, symbol)::DOUBLE, hash(base)::DOUBLE, observed_at::DOUBLE, rate, last_settled_rate, interval_hours, multiplier, mark_price, open_interest_usd
       FROM quote_samples WHERE observed_at >= $1 ORDER BY observed_at, venue, symbol`, [BigInt(since)]);
    return (reader.getColumnsJS() as number[][]).map((column) => Float64Array.from(column));
  });
  return performance.now() - t0;
}

/** Time for the real worker to answer the seed (transfer, replay, full recompute), from when it was asked for. */
async function workerMs(columns: SampleSeedColumns): Promise<number> {
  let answers = 0;
  let t0 = 0;
  const engine = startEngine({
    settings: DEFAULT_SETTINGS, now: () => NOW, onSignals: () => { answers++; }, onAlerts: () => {}, onError: (m) => { throw new Error(m); },
    loadSamples: async () => { t0 = performance.now(); return columns; },
  });
  while (answers < 2) await new Promise((resolve) => setTimeout(resolve, 5)); // settings, then samples
  const ms = performance.now() - t0;
  await engine.stop();
  return ms;
}

/** The sampler's minutely insert into the full table (its duplicate check reads only the newest row groups). */
async function minuteInsertMs(db: Database): Promise<number> {
  const observedAt = NOW + MINUTE_MS;
  const quotes: FundingQuote[] = VENUE_IDS.slice(0, VENUES).flatMap((venue) => Array.from({ length: SYMBOLS }, (_, i) => ({
    venue, symbol: `S${i}/USDT:USDT`, base: `S${i}`, multiplier: 1, rate: 0.0001, rateKind: 'predicted' as const, lastSettledRate: 0.0001,
    intervalHours: 8, nextFundingTime: null, markPrice: 100, indexPrice: null, volume24hUsd: 1e7, openInterestUsd: 1e6, observedAt,
  })));
  const t0 = performance.now();
  const added = await createQuoteSampleRepo(db).insert(quotes);
  if (added !== quotes.length) throw new Error(`engineSeed bench: ${added} of ${quotes.length} samples stored`);
  return performance.now() - t0;
}

export async function run(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-engine-seed-'));
  const db = await Database.open(dir);
  try {
    const rows = await fill(db);
    const repo = createEngineSeedRepo(db);
    let t0 = performance.now();
    const columns = await repo.samples(NOW - HISTORY_MINUTES * MINUTE_MS);
    const readMs = performance.now() - t0;
    const rowsRead = columns.observedAt.length; // before the worker takes the buffers
    t0 = performance.now();
    new SignalEngine(DEFAULT_SETTINGS).seedSamples(columns, NOW);
    const replayMs = performance.now() - t0;
    const seedWorkerMs = await workerMs(columns);
    const baselineReadMs = await jsColumnsReadMs(db, NOW - HISTORY_MINUTES * MINUTE_MS);
    const insertMs = await minuteInsertMs(db);
    const name = `engine seed, ${VENUES} venues × ${SYMBOLS} symbols × 25 h`;
    return [
      { name: `${name}: sample rows read`, value: rowsRead, unit: 'rows', target: `all ${rows} stored` },
      { name: `${name}: store read (one query, columns)`, value: readMs, unit: 'ms', baseline: baselineReadMs },
      { name: `${name}: replay in the engine (in process)`, value: replayMs, unit: 'ms' },
      { name: `${name}: worker answer (transfer + replay + recompute)`, value: seedWorkerMs, unit: 'ms' },
      { name: `a minute's samples (${VENUES * SYMBOLS} quotes) stored beside those ${rows} rows`, value: insertMs, unit: 'ms', target: '≪ 60,000 (one a minute)' },
    ];
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
