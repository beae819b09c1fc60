import type { SampleSeedColumns } from '../../../shared/history/sampleSeedColumns.ts';
import type { DuckDBMaterializedResult } from '@duckdb/node-api';
import type { Database } from './connection.ts';

/** Stored 4-h closes per base (times ascending, each close's own time; prices per unit of the base). */
export type StoredCloses = Map<string, { times: number[]; closes: number[] }>;

/** What the engine worker is seeded with at start, read in one query each. */
export interface EngineSeedRepo {
  /** Every quote sample observed at or after `since`, ascending by time, as the worker's columns. */
  samples(since: number): Promise<SampleSeedColumns>;
  /**
   * Each base's stored 4-h closes since `since` from one venue/symbol (the one with the most
   * closes; ties: venue, then symbol), divided by its last sampled multiplier, known by `now`
   * (stored closes are stamped at the candle's end, as the price backfill seeds them).
   */
  closes(since: number, now: number): Promise<StoredCloses>;
}

const NUMBERS = ['observed_at', 'rate', 'last_settled_rate', 'interval_hours', 'multiplier', 'mark_price', 'open_interest_usd'];

export function createEngineSeedRepo(db: Database): EngineSeedRepo {
  return {
    samples: (since) => db.exclusive('read quote samples for the engine seed', async (connection) => {
      const bound = [BigInt(Math.floor(since))];
      // Strings are numbered in SQL (as in readColumns): the big result is numbers only.
      await connection.run(`CREATE OR REPLACE TEMP TABLE seed_keys AS
        SELECT venue, symbol, (row_number() OVER (ORDER BY venue, symbol) - 1)::INTEGER AS key_id
        FROM (SELECT DISTINCT venue, symbol FROM quote_samples WHERE observed_at >= $1)`, bound);
      await connection.run(`CREATE OR REPLACE TEMP TABLE seed_bases AS
        SELECT base, (row_number() OVER (ORDER BY base) - 1)::INTEGER AS base_id
        FROM (SELECT DISTINCT base FROM quote_samples WHERE observed_at >= $1)`, bound);
      const bases = (await connection.runAndReadAll('SELECT base FROM seed_bases ORDER BY base_id')).getRowObjectsJS().map((r) => String(r.base));
      const keys = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM seed_keys')).getRowObjectsJS()[0].n);
      const rows = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM quote_samples WHERE observed_at >= $1', bound)).getRowObjectsJS()[0].n);
      const result = await connection.run(
        `SELECT k.key_id, b.base_id, ${NUMBERS.map((c) => `coalesce(s.${c}::DOUBLE, 'NaN'::DOUBLE)`).join(', ')}
         FROM quote_samples s JOIN seed_keys k USING (venue, symbol) JOIN seed_bases b USING (base)
         WHERE s.observed_at >= $1 ORDER BY s.observed_at, k.key_id`, bound);
      const columns: SampleSeedColumns = {
        bases, keys, key: new Uint32Array(rows), base: new Uint32Array(rows),
        observedAt: new Float64Array(rows), rate: new Float64Array(rows), lastSettledRate: new Float64Array(rows), intervalHours: new Float64Array(rows),
        multiplier: new Float64Array(rows), markPrice: new Float64Array(rows), openInterestUsd: new Float64Array(rows),
      };
      await readChunksInto(result, [columns.key, columns.base, columns.observedAt, columns.rate, columns.lastSettledRate, columns.intervalHours, columns.multiplier, columns.markPrice, columns.openInterestUsd]);
      await connection.run('DROP TABLE seed_keys');
      await connection.run('DROP TABLE seed_bases');
      return columns;
    }),
    closes: (since, now) => db.exclusive('read stored closes for the engine seed', async (connection) => {
      const reader = await connection.runAndReadAll(
        `WITH counts AS (SELECT base, venue, symbol, count(*) AS n FROM price_history WHERE time >= $1 GROUP BY ALL),
              pick AS (SELECT base, venue, symbol FROM counts QUALIFY row_number() OVER (PARTITION BY base ORDER BY n DESC, venue, symbol) = 1),
              mult AS (SELECT venue, symbol, arg_max(multiplier, observed_at) AS m FROM quote_samples GROUP BY ALL)
         SELECT p.base, h.time::DOUBLE AS time, h.close / coalesce(mult.m, 1) AS close
         FROM price_history h JOIN pick p USING (venue, symbol) LEFT JOIN mult USING (venue, symbol)
         WHERE h.time >= $1 AND h.time <= $2 ORDER BY p.base, h.time`,
        [BigInt(Math.floor(since)), BigInt(Math.floor(now))]);
      const closes: StoredCloses = new Map();
      for (const r of reader.getRowObjectsJS()) {
        const base = String(r.base);
        let series = closes.get(base);
        if (!series) closes.set(base, (series = { times: [], closes: [] }));
        series.times.push(Number(r.time));
        series.closes.push(Number(r.close));
      }
      return closes;
    }),
  };
}

/**
 * Copies a numeric result chunk by chunk straight into typed arrays (no nulls: the query
 * coalesces them to NaN). Millions of rows: converting them to JS arrays of rows or columns
 * first cost several times the query itself.
 */
async function readChunksInto(result: DuckDBMaterializedResult, targets: Array<Float64Array | Uint32Array>): Promise<void> {
  let at = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const n = chunk.rowCount;
    targets.forEach((target, c) => {
      const vector = chunk!.getColumnVector(c);
      for (let i = 0; i < n; i++) target[at + i] = vector.getItem(i) as number;
    });
    at += n;
  }
}
