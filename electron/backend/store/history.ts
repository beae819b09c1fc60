import { BIGINT, DOUBLE, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { BacktestHistory } from '../../../shared/domain/backtest.ts';
import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import { parseUnifiedSymbol } from '../../../shared/domain/symbols.ts';
import { parseFundingCsv, type FundingCsvOptions } from '../../../shared/history/fundingCsv.ts';
import type { HandlerInput, ImportResult } from '../../../shared/ipc/contract.ts';
import { parsePriceCsv } from '../../../shared/history/priceCsv.ts';
import type { FundingColumns, PriceColumns } from '../../../shared/history/historyColumns.ts';
import { appendColumns, type Database } from './connection.ts';
import { readFundingAccrual } from './fundingAccrual.ts';
import type { FundingAccrual } from '../../../shared/domain/fundingAccrual.ts';
import { fundingBases, historyFingerprint, historySpans, readFundingColumns, readPriceColumns, type HistoryFingerprint, type TimeRange } from './historyColumnReads.ts';

/** A base asset's history between two epoch-ms times, inclusive, as the symbol view asks for it. */
export type HistoryRange = HandlerInput<'history.funding'>;

/** Funding and price history, keyed by (venue, symbol, time); writing a key again replaces it. */
export interface HistoryRepo {
  /** Upserts settlements; resolves to how many (venue, symbol, time) keys were new. */
  insertFunding(points: readonly FundingPoint[]): Promise<number>;
  funding(range: HistoryRange): Promise<FundingPoint[]>;
  insertPrices(points: readonly PricePoint[]): Promise<number>;
  prices(range: HistoryRange): Promise<PricePoint[]>;
  /** Time of the newest stored settlement for one venue/symbol, or null when there is none. */
  latestTime(venue: string, symbol: string): Promise<number | null>;
  /** Every base's settlements / closes in a time range, as columns (the study's bulk read). */
  fundingColumns(range?: TimeRange): Promise<FundingColumns>;
  priceColumns(range?: TimeRange): Promise<PriceColumns>;
  /** Changes whenever stored history changes: the key of cached studies. */
  fingerprint(): Promise<HistoryFingerprint>;
  /** Bases with funding history and their settlement counts, most first. */
  bases(): Promise<{ base: string; rows: number }[]>;
  /** Settlements and closes stored, and the time each spans. */
  spans(): Promise<BacktestHistory>;
  /** Funding accumulated per venue symbol over 1/7/30 days and each asset's 7-day timeline, as of `now`. */
  accrual(now: number): Promise<FundingAccrual>;
}

interface TableSpec<P> {
  table: 'funding_history' | 'price_history';
  /** Columns after the key (venue, symbol, base, time). */
  valueColumns: readonly string[];
  valueTypes: readonly (typeof DOUBLE)[];
  values(point: P): ReadonlyArray<number | null>;
}

const FUNDING: TableSpec<FundingPoint> = {
  table: 'funding_history',
  valueColumns: ['rate', 'interval_hours', 'mark_price'],
  valueTypes: [DOUBLE, DOUBLE, DOUBLE],
  values: (p) => [p.rate, p.intervalHours, p.markPrice],
};

const PRICES: TableSpec<PricePoint> = {
  table: 'price_history',
  valueColumns: ['close'],
  valueTypes: [DOUBLE],
  values: (p) => [p.close],
};

export function createHistoryRepo(db: Database): HistoryRepo {
  return {
    insertFunding: (points) => upsert(db, FUNDING, points),
    insertPrices: (points) => upsert(db, PRICES, points),
    async funding(range) {
      const rows = await select(db, 'funding_history', 'rate, interval_hours, mark_price', range);
      return rows.map((r) => ({
        venue: String(r.venue), symbol: String(r.symbol), time: Number(r.time),
        rate: Number(r.rate), intervalHours: Number(r.interval_hours), markPrice: r.mark_price === null ? null : Number(r.mark_price),
      }));
    },
    async prices(range) {
      const rows = await select(db, 'price_history', 'close', range);
      return rows.map((r) => ({ venue: String(r.venue), symbol: String(r.symbol), time: Number(r.time), close: Number(r.close) }));
    },
    latestTime: (venue, symbol) =>
      db.exclusive(`latest funding time of ${venue} ${symbol}`, async (connection) => {
        const reader = await connection.runAndReadAll('SELECT max(time) AS t FROM funding_history WHERE venue = $1 AND symbol = $2', [venue, symbol]);
        const t = reader.getRowObjectsJS()[0].t;
        return t === null ? null : Number(t);
      }),
    fundingColumns: (range) => readFundingColumns(db, range),
    priceColumns: (range) => readPriceColumns(db, range),
    fingerprint: () => historyFingerprint(db),
    bases: () => fundingBases(db),
    spans: () => historySpans(db),
    accrual: (now) => readFundingAccrual(db, now),
  };
}

type Keyed = { venue: string; symbol: string; time: number };

/**
 * Bulk upsert in one transaction. The points go to a temporary staging table as numbers only: each
 * (venue, symbol) becomes an id in a small dictionary table, because appending hundreds of
 * thousands of strings dominates an import. DuckDB then joins the names back, keeps the last point
 * of a key within the batch (as a later observation would win), inserts the keys not yet stored
 * and updates the stored ones whose values differ. An INSERT … ON CONFLICT of the whole batch did
 * the same with a third more CPU (docs/architecture.md, "Durability").
 */
async function upsert<P extends Keyed>(db: Database, spec: TableSpec<P>, points: readonly P[]): Promise<number> {
  if (points.length === 0) return 0;
  const values = spec.valueColumns;
  return db.transaction(`insert ${points.length} rows into ${spec.table}`, async (connection) => {
    const { keys, columns, ordered } = stagedColumns(spec, points);
    await connection.run('CREATE OR REPLACE TEMP TABLE staging_keys (id INTEGER, venue VARCHAR, symbol VARCHAR, base VARCHAR)');
    await appendColumns(connection, { name: 'staging_keys', catalog: 'temp' }, [INTEGER, VARCHAR, VARCHAR, VARCHAR], keys);
    await connection.run(`CREATE OR REPLACE TEMP TABLE staging_rows (seq INTEGER, id INTEGER, time BIGINT, ${values.map((c) => `${c} DOUBLE`).join(', ')})`);
    await appendColumns(connection, { name: 'staging_rows', catalog: 'temp' }, [INTEGER, INTEGER, BIGINT, ...spec.valueTypes], columns);
    await connection.run(`CREATE OR REPLACE TEMP TABLE staging_batch AS
      SELECT k.venue, k.symbol, k.base, r.time, ${values.map((c) => `r.${c}`).join(', ')} FROM staging_rows r JOIN staging_keys k USING (id)
      ${ordered ? '' : 'QUALIFY row_number() OVER (PARTITION BY r.id, r.time ORDER BY r.seq DESC) = 1'}`);
    const fresh = await countNew(connection, 'staging_batch', spec.table);
    await connection.run(`INSERT INTO ${spec.table} SELECT b.* FROM staging_batch b ANTI JOIN ${spec.table} USING (venue, symbol, time)`);
    if (fresh < points.length) {
      const changed = values.map((c) => `t.${c} IS DISTINCT FROM b.${c}`).join(' OR ');
      await connection.run(`UPDATE ${spec.table} t SET ${values.map((c) => `${c} = b.${c}`).join(', ')} FROM staging_batch b
        WHERE t.venue = b.venue AND t.symbol = b.symbol AND t.time = b.time AND (${changed})`);
    }
    for (const staged of ['staging_keys', 'staging_rows', 'staging_batch']) await connection.run(`DROP TABLE ${staged}`);
    return fresh;
  });
}

async function countNew(connection: DuckDBConnection, staging: string, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${staging} s ANTI JOIN ${table} t USING (venue, symbol, time)`);
  return Number(reader.getRowObjectsJS()[0].n);
}

/**
 * The dictionary of (venue, symbol) ids with their bases, and the rows as numeric columns in input
 * order; `ordered` when every key's times rise strictly (a file sorted by time), so no key repeats
 * and the batch needs no de-duplication.
 */
function stagedColumns<P extends Keyed>(spec: TableSpec<P>, points: readonly P[]) {
  const ids = new Map<string, number>();
  const keys: [number[], string[], string[], string[]] = [[], [], [], []];
  const seq: number[] = [];
  const id: number[] = [];
  const time: bigint[] = [];
  const values: (number | null)[][] = spec.valueColumns.map(() => []);
  const bases = new Map<string, string>();
  const lastTime: number[] = [];
  let ordered = true;
  for (const [i, p] of points.entries()) {
    const key = `${p.venue}|${p.symbol}`;
    let known = ids.get(key);
    if (known === undefined) {
      ids.set(key, known = ids.size);
      keys[0].push(known); keys[1].push(p.venue); keys[2].push(p.symbol); keys[3].push(baseOf(p, bases));
    }
    if (p.time <= (lastTime[known] ?? -Infinity)) ordered = false;
    lastTime[known] = p.time;
    seq.push(i);
    id.push(known);
    time.push(BigInt(p.time));
    spec.values(p).forEach((v, j) => values[j].push(v));
  }
  return { keys, columns: [seq, id, time, ...values], ordered };
}

function baseOf(point: Keyed, cache: Map<string, string>): string {
  const known = cache.get(point.symbol);
  if (known) return known;
  const parsed = parseUnifiedSymbol(point.symbol);
  if (!parsed) {
    throw new Error(`cannot store ${point.venue} ${point.symbol}: not a unified perpetual symbol BASE/QUOTE:SETTLE, so its base asset is unknown`);
  }
  cache.set(point.symbol, parsed.base);
  return parsed.base;
}

async function select(db: Database, table: string, valueColumns: string, range: HistoryRange): Promise<Record<string, unknown>[]> {
  const base = range.base.toUpperCase();
  return db.exclusive(`read ${table} of ${base}`, async (connection) => {
    const reader = await connection.runAndReadAll(
      `SELECT venue, symbol, time, ${valueColumns} FROM ${table}
       WHERE base = $1 AND time >= $2 AND time <= $3 ORDER BY time, venue, symbol`,
      [base, BigInt(range.from ?? Number.MIN_SAFE_INTEGER), BigInt(range.to ?? Number.MAX_SAFE_INTEGER)],
    );
    return reader.getRowObjectsJS();
  });
}

/** How many per-line errors an import lists; all are counted. */
export const LISTED_IMPORT_ERRORS = 200;

/**
 * Imports a funding-history CSV: good rows are stored (upserted), bad rows are reported by
 * line and skipped. `imported` counts the rows written, new or replacing a stored settlement.
 */
export async function importFundingCsv(store: { history: HistoryRepo }, text: string, fileName: string, options: FundingCsvOptions): Promise<ImportResult> {
  const { points, errors } = parseFundingCsv(text, fileName, options);
  await store.history.insertFunding(points);
  return { fileName, imported: points.length, rejected: errors.length, errors: errors.slice(0, LISTED_IMPORT_ERRORS) };
}

/**
 * Imports a price CSV `venue,symbol,time,close` the same way: good rows stored, bad rows listed
 * by line. The store keys history by base asset, so a symbol that is not unified
 * (`BTC/USDT:USDT`) is a bad line here even though the CLI's study accepts venue ids.
 */
export async function importPriceCsv(store: { history: HistoryRepo }, text: string, fileName: string): Promise<ImportResult> {
  const parsed = parsePriceCsv(text, fileName);
  const lines = pointLines(text, parsed.errors);
  const points: PricePoint[] = [];
  const errors = [...parsed.errors];
  parsed.points.forEach((point, i) => {
    if (parseUnifiedSymbol(point.symbol)) points.push(point);
    else errors.push({ line: lines[i], message: `symbol "${point.symbol}" is not a unified perpetual symbol BASE/QUOTE:SETTLE (e.g. BTC/USDT:USDT)` });
  });
  errors.sort((a, b) => a.line - b.line);
  await store.history.insertPrices(points);
  return { fileName, imported: points.length, rejected: errors.length, errors: errors.slice(0, LISTED_IMPORT_ERRORS) };
}

/** The 1-based line of each parsed point: parsePriceCsv keeps every non-blank data line it did not reject, in order. */
function pointLines(text: string, errors: readonly { line: number }[]): number[] {
  const rejected = new Set(errors.map((e) => e.line));
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (i > 0 && line.trim() !== '' && !rejected.has(i + 1)) lines.push(i + 1);
  });
  return lines;
}
