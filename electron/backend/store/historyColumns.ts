import type { FundingColumns, PriceColumns } from '../../../shared/history/historyColumns.ts';
import { encodeStrings } from '../../../shared/history/historyColumns.ts';
import type { Database } from './connection.ts';

/** A time range over every base, epoch ms inclusive; open ends read everything. */
export interface TimeRange { from?: number; to?: number }

/** What identifies the stored history: changes whenever a row is added, replaced or removed. */
export interface HistoryFingerprint { fundingRows: number; priceRows: number; digest: string }

/** Every stored settlement in the range, read as columns (the study's bulk path). */
export async function readFundingColumns(db: Database, range: TimeRange = {}): Promise<FundingColumns> {
  const columns = await readColumns(db, 'funding_history', 'rate, interval_hours', range);
  return { ...keys(columns), rate: Float64Array.from(columns[3] as number[]), intervalHours: Float64Array.from(columns[4] as number[]) };
}

export async function readPriceColumns(db: Database, range: TimeRange = {}): Promise<PriceColumns> {
  const columns = await readColumns(db, 'price_history', 'close', range);
  return { ...keys(columns), close: Float64Array.from(columns[3] as number[]) };
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

/** Bases with stored funding, with their settlement counts, most first. */
export async function fundingBases(db: Database): Promise<{ base: string; rows: number }[]> {
  return db.exclusive('list the bases with funding history', async (connection) => {
    const reader = await connection.runAndReadAll('SELECT base, count(*) AS n FROM funding_history GROUP BY base ORDER BY n DESC, base');
    return reader.getRowObjectsJS().map((r) => ({ base: String(r.base), rows: Number(r.n) }));
  });
}

async function readColumns(db: Database, table: string, valueColumns: string, range: TimeRange): Promise<unknown[][]> {
  return db.exclusive(`read ${table} columns`, async (connection) => {
    const reader = await connection.runAndReadAll(
      `SELECT venue, symbol, time::DOUBLE AS time, ${valueColumns} FROM ${table} WHERE time >= $1 AND time <= $2 ORDER BY time, venue, symbol`,
      [BigInt(range.from ?? Number.MIN_SAFE_INTEGER), BigInt(range.to ?? Number.MAX_SAFE_INTEGER)],
    );
    return reader.getColumnsJS() as unknown[][];
  });
}

function keys(columns: unknown[][]) {
  const venue = encodeStrings(columns[0]);
  const symbol = encodeStrings(columns[1]);
  return { venues: venue.dictionary, symbols: symbol.dictionary, venue: venue.codes, symbol: symbol.codes, time: Float64Array.from(columns[2] as number[]) };
}
