import type { FundingColumns, PriceColumns } from '../../../shared/history/historyColumns.ts';
import { encodeStrings } from '../../../shared/history/historyColumns.ts';
import type { DuckDBMaterializedResult } from '@duckdb/node-api';
import type { BacktestHistory } from '../../../shared/domain/backtest.ts';
import type { Database } from './connection.ts';

/** A time range over every base, epoch ms inclusive; open ends read everything. */
export interface TimeRange { from?: number; to?: number }

/** What identifies the stored history: changes whenever a row is added, replaced or removed. */
export interface HistoryFingerprint { fundingRows: number; priceRows: number; digest: string }

/** Every stored settlement in the range, read as columns (the study's bulk path). */
export async function readFundingColumns(db: Database, range: TimeRange = {}): Promise<FundingColumns> {
  const { keys, time, values: [rate, intervalHours] } = await readColumns(db, 'funding_history', ['rate', 'interval_hours'], range);
  return { ...keys, time, rate, intervalHours };
}

export async function readPriceColumns(db: Database, range: TimeRange = {}): Promise<PriceColumns> {
  const { keys, time, values: [close] } = await readColumns(db, 'price_history', ['close'], range);
  return { ...keys, time, close };
}

/**
 * Row counts plus order-independent sums of every key and value, so an upsert that only
 * replaces a value still changes it; cheap (one aggregate scan per table) next to a study.
 */
export async function historyFingerprint(db: Database): Promise<HistoryFingerprint> {
  return db.exclusive('fingerprint the history', async (connection) => {
    const reader = await connection.runAndReadAll(`
      SELECT (SELECT count(*) FROM funding_history) AS fr,
             (SELECT coalesce(sum(hash(venue, symbol, time, rate, interval_hours)::HUGEINT), 0)::VARCHAR FROM funding_history) AS fh,
             (SELECT count(*) FROM price_history) AS pr,
             (SELECT coalesce(sum(hash(venue, symbol, time, close)::HUGEINT), 0)::VARCHAR FROM price_history) AS ph`);
    const row = reader.getRowObjectsJS()[0];
    return { fundingRows: Number(row.fr), priceRows: Number(row.pr), digest: `${row.fh}:${row.ph}` };
  });
}

/** Settlements and closes stored, each with its first and last time: one aggregate scan per table. */
export async function historySpans(db: Database): Promise<BacktestHistory> {
  return db.exclusive('measure the stored history', async (connection) => {
    const reader = await connection.runAndReadAll(`
      SELECT (SELECT count(*) FROM funding_history) AS fr, (SELECT min(time) FROM funding_history) AS ff, (SELECT max(time) FROM funding_history) AS ft,
             (SELECT count(*) FROM price_history) AS pr, (SELECT min(time) FROM price_history) AS pf, (SELECT max(time) FROM price_history) AS pt`);
    const row = reader.getRowObjectsJS()[0];
    const time = (value: unknown) => (value === null ? null : Number(value));
    return {
      funding: { rows: Number(row.fr), from: time(row.ff), to: time(row.ft) },
      prices: { rows: Number(row.pr), from: time(row.pf), to: time(row.pt) },
    };
  });
}

/** Bases with stored funding, with their settlement counts, most first. */
export async function fundingBases(db: Database): Promise<{ base: string; rows: number }[]> {
  return db.exclusive('list the bases with funding history', async (connection) => {
    const reader = await connection.runAndReadAll('SELECT base, count(*) AS n FROM funding_history GROUP BY base ORDER BY n DESC, base');
    return reader.getRowObjectsJS().map((r) => ({ base: String(r.base), rows: Number(r.n) }));
  });
}

/**
 * Reads (key, time, values) with the strings dictionary-encoded in SQL: the big result holds
 * only numbers (converting a million strings to JS costs more than the whole scan), and the
 * distinct (venue, symbol) keys come back once, as a small table. No ORDER BY: sorting a million
 * rows in SQL costs several times the scan; `canonicalOrder` groups them in linear time instead.
 * Resolves to the keys as dictionary codes per row, `time` and each value column, rows grouped by key.
 */
async function readColumns(db: Database, table: string, valueColumns: readonly string[], range: TimeRange): Promise<{ keys: KeyCodes; time: Float64Array; values: Float64Array[] }> {
  const bounds = [BigInt(range.from ?? Number.MIN_SAFE_INTEGER), BigInt(range.to ?? Number.MAX_SAFE_INTEGER)];
  return db.exclusive(`read ${table} columns`, async (connection) => {
    await connection.run(`CREATE OR REPLACE TEMP TABLE history_keys AS
      SELECT venue, symbol, (row_number() OVER (ORDER BY venue, symbol) - 1)::INTEGER AS id
      FROM (SELECT DISTINCT venue, symbol FROM ${table} WHERE time >= $1 AND time <= $2)`, bounds);
    const keyRows = (await connection.runAndReadAll('SELECT venue, symbol FROM history_keys ORDER BY id')).getRowObjectsJS();
    const result = await connection.run(
      `SELECT k.id, h.time::DOUBLE AS time, ${valueColumns.map((c) => `h.${c}`).join(', ')}
       FROM ${table} h JOIN history_keys k USING (venue, symbol) WHERE h.time >= $1 AND h.time <= $2`,
      bounds,
    );
    const read = numberColumnsOf(result, [Int32Array, Float64Array, ...valueColumns.map(() => Float64Array)]);
    await connection.run('DROP TABLE history_keys');
    const [ids, time, ...values] = canonicalOrder(read, keyRows.length);
    return { keys: keyCodes(keyRows.map((r) => ({ venue: String(r.venue), symbol: String(r.symbol) })), ids), time, values };
  });
}

type KeyCodes = Pick<FundingColumns, 'venues' | 'symbols' | 'venue' | 'symbol'>;
type NumberArray = Int32Array | Float64Array;

/**
 * The result's columns copied chunk by chunk from DuckDB's own vectors (typed arrays over its
 * memory) into one typed array each, of the vector's own type (`types`, in column order): no JS
 * number or array per value, which is what made the driver's `getColumnsJS` cost more than the
 * scan. Every column read here is NOT NULL (the schema in connection.ts), so the vectors hold no
 * null slots to mask.
 */
function numberColumnsOf(result: DuckDBMaterializedResult, types: readonly (typeof Int32Array | typeof Float64Array)[]): NumberArray[] {
  const columns = types.map((Type) => new Type(result.rowCount));
  let offset = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    columns.forEach((column, c) => {
      const items = (chunk.getColumnVector(c) as { items?: unknown }).items;
      if (!(items instanceof column.constructor)) throw new Error(`history read: column ${c} is not a ${column.constructor.name} column`);
      column.set(items as NumberArray, offset);
    });
    offset += chunk.rowCount;
  }
  return columns;
}

/** Venue and symbol codes per row from its key id, each through its own dictionary. */
function keyCodes(pairs: { venue: string; symbol: string }[], ids: ArrayLike<number>): KeyCodes {
  const venueCodes = encodeStrings(pairs.map((p) => p.venue));
  const symbolCodes = encodeStrings(pairs.map((p) => p.symbol));
  const venue = new Int32Array(ids.length);
  const symbol = new Int32Array(ids.length);
  for (let j = 0; j < ids.length; j++) {
    venue[j] = venueCodes.codes[ids[j]];
    symbol[j] = symbolCodes.codes[ids[j]];
  }
  return { venues: venueCodes.dictionary, symbols: symbolCodes.dictionary, venue, symbol };
}

/**
 * Rows grouped by key id (a counting sort, linear), whatever order the scan returned them in, so
 * series come out in one fixed order. Within a key the scan's order is kept: every consumer sorts
 * a series by time, and the upsert keeps (venue, symbol, time) unique, so that order cannot matter.
 */
export function canonicalOrder(columns: readonly ArrayLike<number>[], keyCount: number): Float64Array[] {
  const ids = columns[0];
  const next = new Int32Array(keyCount + 1);
  for (let i = 0; i < ids.length; i++) next[ids[i] + 1]++;
  for (let k = 0; k < keyCount; k++) next[k + 1] += next[k];
  const order = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) order[next[ids[i]]++] = i;
  return columns.map((column) => {
    const out = new Float64Array(order.length);
    for (let j = 0; j < order.length; j++) out[j] = column[order[j]];
    return out;
  });
}
