import { DOUBLE, INTEGER, VARCHAR, type DuckDBAppender, type DuckDBType } from '@duckdb/node-api';
import type { BacktestHistory } from '../../../shared/domain/backtest.ts';
import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import { parseUnifiedSymbol } from '../../../shared/domain/symbols.ts';
import { FundingCsvReader, type FundingCsvOptions } from '../../../shared/history/fundingCsv.ts';
import { ChunkLines } from '../../../shared/history/textLines.ts';
import type { HandlerInput, ImportResult } from '../../../shared/ipc/contract.ts';
import { parsePriceCsv } from '../../../shared/history/priceCsv.ts';
import type { FundingColumns, PriceColumns } from '../../../shared/history/historyColumns.ts';
import { appendChunks, appendColumns, type Database } from './connection.ts';
import { readFundingAccrual } from './fundingAccrual.ts';
import type { FundingAccrual } from '../../../shared/domain/fundingAccrual.ts';
import { fundingBases, historyFingerprint, historySpans, readFundingColumns, readPriceColumns, type HistoryFingerprint, type TimeRange } from './historyColumnReads.ts';

/** A base asset's history between two epoch-ms times, inclusive, as the symbol view asks for it. */
export type HistoryRange = HandlerInput<'history.funding'>;

/** Funding and price history, keyed by (venue, symbol, time); writing a key again replaces it. */
export interface HistoryRepo {
  /** Upserts settlements; resolves to how many (venue, symbol, time) keys were new. */
  insertFunding(points: readonly FundingPoint[]): Promise<number>;
  /**
   * The same over batches as they come (a file read as a stream), in one transaction: memory
   * holds one batch, whatever the file's size. `what` names the source in a failure.
   */
  insertFundingBatches(what: string, batches: AsyncIterable<readonly FundingPoint[]>): Promise<number>;
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
  /** Columns after the key (venue, symbol, base, time), all DOUBLE, and how each is read from a point. */
  valueColumns: readonly string[];
  values: ReadonlyArray<(point: P) => number | null>;
}

const FUNDING: TableSpec<FundingPoint> = {
  table: 'funding_history',
  valueColumns: ['rate', 'interval_hours', 'mark_price'],
  values: [(p) => p.rate, (p) => p.intervalHours, (p) => p.markPrice],
};

const PRICES: TableSpec<PricePoint> = {
  table: 'price_history',
  valueColumns: ['close'],
  values: [(p) => p.close],
};

export function createHistoryRepo(db: Database): HistoryRepo {
  return {
    insertFunding: (points) => upsertPoints(db, FUNDING, points),
    insertFundingBatches: (what, batches) => upsert(db, FUNDING, what, batches),
    insertPrices: (points) => upsertPoints(db, PRICES, points),
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

function upsertPoints<P extends Keyed>(db: Database, spec: TableSpec<P>, points: readonly P[]): Promise<number> {
  return points.length === 0 ? Promise.resolve(0) : upsert(db, spec, `${points.length} rows`, [points]);
}

/**
 * Bulk upsert in one transaction. The points go to a temporary staging table as numbers only, a
 * batch at a time: each (venue, symbol) becomes an id in a small dictionary table, because
 * appending hundreds of thousands of strings dominates an import, and a missing value is staged
 * as NaN, because a null costs the appender a validity bit per row. DuckDB then joins the names
 * back, keeps the last point of a key within the batch (as a later observation would win),
 * inserts the keys not yet stored and updates the stored ones whose values differ
 * (docs/architecture.md, "Durability").
 */
async function upsert<P extends Keyed>(db: Database, spec: TableSpec<P>, what: string, batches: AsyncIterable<readonly P[]> | Iterable<readonly P[]>): Promise<number> {
  const values = spec.valueColumns;
  return db.transaction(`insert ${what} into ${spec.table}`, async (connection) => {
    await connection.run(`CREATE OR REPLACE TEMP TABLE staging_rows (id INTEGER, time DOUBLE, ${values.map((c) => `${c} DOUBLE`).join(', ')})`);
    const staging = new StagedRows(spec, await connection.createAppender('staging_rows', 'main', 'temp'));
    try {
      for await (const batch of batches) staging.append(batch);
    } finally {
      staging.close();
    }
    if (staging.rows === 0) {
      await connection.run('DROP TABLE staging_rows');
      return 0;
    }
    await connection.run('CREATE OR REPLACE TEMP TABLE staging_keys (id INTEGER, venue VARCHAR, symbol VARCHAR, base VARCHAR)');
    await appendColumns(connection, { name: 'staging_keys', catalog: 'temp' }, [INTEGER, VARCHAR, VARCHAR, VARCHAR], staging.keys);
    // A view, not a table: a first import reads it once, and only a re-import (the UPDATE) twice.
    await connection.run(`CREATE OR REPLACE TEMP VIEW staging_batch AS
      SELECT k.venue, k.symbol, k.base, r.time::BIGINT AS time, ${values.map((c, j) => `${staging.stagedValue(j, `r.${c}`)} AS ${c}`).join(', ')}
      FROM staging_rows r JOIN staging_keys k USING (id)
      ${staging.ordered ? '' : 'QUALIFY row_number() OVER (PARTITION BY r.id, r.time ORDER BY r.rowid DESC) = 1'}`);
    const inserted = await connection.run(`INSERT INTO ${spec.table} SELECT b.* FROM staging_batch b ANTI JOIN ${spec.table} USING (venue, symbol, time)`);
    const fresh = inserted.rowsChanged;
    if (fresh < staging.rows) {
      const changed = values.map((c) => `t.${c} IS DISTINCT FROM b.${c}`).join(' OR ');
      await connection.run(`UPDATE ${spec.table} t SET ${values.map((c) => `${c} = b.${c}`).join(', ')} FROM staging_batch b
        WHERE t.venue = b.venue AND t.symbol = b.symbol AND t.time = b.time AND (${changed})`);
    }
    await connection.run('DROP VIEW staging_batch');
    for (const staged of ['staging_keys', 'staging_rows']) await connection.run(`DROP TABLE ${staged}`);
    return fresh;
  });
}

/**
 * Points appended to `staging_rows` as numeric columns in input order (its rowid), and the
 * dictionary of (venue, symbol) ids with their bases; `ordered` while every key's times rise
 * strictly (a file sorted by time), so no key repeats and the batch needs no de-duplication.
 */
class StagedRows<P extends Keyed> {
  rows = 0;
  ordered = true;
  readonly keys: [number[], string[], string[], string[]] = [[], [], [], []];
  private readonly ids = new Map<string, Map<string, number>>();
  private readonly bases = new Map<string, string>();
  private readonly lastTime: number[] = [];
  /** Per value column, how many points had none (staged as NaN). */
  private readonly missing: number[];
  private readonly spec: TableSpec<P>;
  private readonly appender: DuckDBAppender;
  private readonly types: DuckDBType[];

  constructor(spec: TableSpec<P>, appender: DuckDBAppender) {
    this.spec = spec;
    this.appender = appender;
    this.types = [INTEGER, DOUBLE, ...spec.valueColumns.map(() => DOUBLE)];
    this.missing = spec.valueColumns.map(() => 0);
  }

  /** The SQL for value column `j` of `staged`: NaN back to NULL, and no test per row when no point or every point lacks it. */
  stagedValue(j: number, staged: string): string {
    if (this.missing[j] === 0) return staged;
    return this.missing[j] === this.rows ? 'NULL::DOUBLE' : `CASE WHEN isnan(${staged}) THEN NULL ELSE ${staged} END`;
  }

  append(points: readonly P[]): void {
    const n = points.length;
    const id: number[] = new Array(n);
    const time: number[] = new Array(n);
    const values = this.spec.values.map(() => new Array<number>(n));
    for (let i = 0; i < n; i++) {
      const p = points[i];
      const key = this.idOf(p);
      if (p.time <= (this.lastTime[key] ?? -Infinity)) this.ordered = false;
      this.lastTime[key] = p.time;
      id[i] = key;
      time[i] = p.time;
      for (let j = 0; j < values.length; j++) {
        const value = this.spec.values[j](p);
        if (value === null) this.missing[j]++;
        values[j][i] = value ?? NaN;
      }
    }
    appendChunks(this.appender, this.types, [id, time, ...values]);
    this.rows += n;
  }

  close(): void {
    this.appender.closeSync();
  }

  private idOf(p: P): number {
    let symbols = this.ids.get(p.venue);
    if (!symbols) this.ids.set(p.venue, (symbols = new Map()));
    let id = symbols.get(p.symbol);
    if (id === undefined) {
      symbols.set(p.symbol, (id = this.keys[0].length));
      this.keys[0].push(id); this.keys[1].push(p.venue); this.keys[2].push(p.symbol); this.keys[3].push(baseOf(p, this.bases));
    }
    return id;
  }
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

/** Points handed to the store at a time: an import holds this many, whatever the file's size. */
const IMPORT_BATCH = 8192;

/**
 * Imports a funding-history CSV: good rows are stored (upserted), bad rows are reported by
 * line and skipped. `imported` counts the rows written, new or replacing a stored settlement.
 * The text comes whole or as a stream of chunks (a file read with an encoding); either way it
 * is read line by line into the store in batches, so memory does not grow with the file.
 */
export async function importFundingCsv(store: { history: HistoryRepo }, text: string | AsyncIterable<string>, fileName: string, options: FundingCsvOptions): Promise<ImportResult> {
  const reader = new FundingCsvReader(options);
  let imported = 0;
  async function* batches(): AsyncGenerator<FundingPoint[]> {
    const lines = new ChunkLines();
    let batch: FundingPoint[] = [];
    const read = (line: string) => {
      const point = reader.line(line);
      if (point) batch.push(point);
    };
    for await (const chunk of typeof text === 'string' ? [text] : text) {
      for (const line of lines.push(chunk)) {
        read(line);
        if (batch.length === IMPORT_BATCH) {
          imported += batch.length;
          yield batch;
          batch = [];
        }
      }
    }
    read(lines.end());
    imported += batch.length;
    yield batch;
  }
  await store.history.insertFundingBatches(`the rows of ${fileName}`, batches());
  const errors = reader.finish();
  return { fileName, imported, rejected: errors.length, errors: errors.slice(0, LISTED_IMPORT_ERRORS) };
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
