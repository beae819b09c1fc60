import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBDataChunk, DuckDBInstance, type DuckDBAppender, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/** The database file inside the user-data folder. */
export const STORE_FILE = 'terminal.duckdb';

/** A store operation failed; the message names the operation, the database and the cause. */
export class StoreError extends Error {
  readonly operation: string;
  readonly path: string;
  constructor(operation: string, path: string, cause: unknown) {
    super(`store (${path}): ${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreError';
    this.operation = operation;
    this.path = path;
  }
}

/**
 * Schema versions, applied in order and recorded in `schema_version`. Never edit a shipped
 * entry: add a new one. Times are epoch milliseconds (BIGINT), as everywhere in the terminal.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE funding_history (
     venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, base VARCHAR NOT NULL, time BIGINT NOT NULL,
     rate DOUBLE NOT NULL, interval_hours DOUBLE NOT NULL, mark_price DOUBLE,
     PRIMARY KEY (venue, symbol, time));
   CREATE TABLE price_history (
     venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, base VARCHAR NOT NULL, time BIGINT NOT NULL,
     close DOUBLE NOT NULL,
     PRIMARY KEY (venue, symbol, time));
   CREATE TABLE quote_samples (
     venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, base VARCHAR NOT NULL, multiplier DOUBLE NOT NULL, minute BIGINT NOT NULL,
     observed_at BIGINT NOT NULL, rate DOUBLE, rate_kind VARCHAR NOT NULL, last_settled_rate DOUBLE,
     interval_hours DOUBLE NOT NULL, next_funding_time BIGINT, mark_price DOUBLE, index_price DOUBLE,
     volume_24h_usd DOUBLE, open_interest_usd DOUBLE,
     PRIMARY KEY (venue, symbol, minute));
   CREATE TABLE settings (key VARCHAR PRIMARY KEY, json VARCHAR NOT NULL);`,
  // The order journal (journalStore.ts; its meaning in trading/journal.ts): append-only, one row per event.
  `CREATE TABLE order_journal (
     seq BIGINT PRIMARY KEY, time BIGINT NOT NULL, kind VARCHAR NOT NULL, pair_id VARCHAR, venue VARCHAR,
     symbol VARCHAR, client_order_id VARCHAR, data VARCHAR NOT NULL);`,
  // The user's sector overrides on top of the default taxonomy (electron/backend/store/sectorMapStore.ts).
  `CREATE TABLE sector_map (base VARCHAR PRIMARY KEY, sector VARCHAR NOT NULL);`,
  // Quote samples lose their primary key: its in-memory index grew ~8 bytes a row, without
  // bound (up to 4 M samples a day), past the store's memory limit. Duplicates are kept out by
  // the insert itself; rows are copied in time order so time-range reads skip by zone maps.
  `CREATE TABLE quote_samples_next (
     venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, base VARCHAR NOT NULL, multiplier DOUBLE NOT NULL, minute BIGINT NOT NULL,
     observed_at BIGINT NOT NULL, rate DOUBLE, rate_kind VARCHAR NOT NULL, last_settled_rate DOUBLE,
     interval_hours DOUBLE NOT NULL, next_funding_time BIGINT, mark_price DOUBLE, index_price DOUBLE,
     volume_24h_usd DOUBLE, open_interest_usd DOUBLE);
   INSERT INTO quote_samples_next SELECT * FROM quote_samples ORDER BY observed_at;
   DROP TABLE quote_samples;
   ALTER TABLE quote_samples_next RENAME TO quote_samples;`,
  // Stored closes move from their candle's opening to its end, the time the price became known
  // (the running candle's to now): every earlier release stored 4-h candles at their opening,
  // which let "the latest close at or before t" read a price from up to 4 h after t.
  `CREATE TABLE price_history_next (
     venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, base VARCHAR NOT NULL, time BIGINT NOT NULL,
     close DOUBLE NOT NULL,
     PRIMARY KEY (venue, symbol, time));
   INSERT OR IGNORE INTO price_history_next
     SELECT venue, symbol, base, least(time + 14400000, epoch_ms(current_timestamp)), close FROM price_history ORDER BY time;
   DROP TABLE price_history;
   ALTER TABLE price_history_next RENAME TO price_history;`,
  // Funding history loses its primary key: maintaining the index cost an import more CPU than
  // everything else together (550k rows: ~2 s of 2.5), and the index stayed in memory. The
  // upsert keeps a key to one row itself (store/history.ts); rows are copied in time order.
  `CREATE TABLE funding_history_next (
     venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, base VARCHAR NOT NULL, time BIGINT NOT NULL,
     rate DOUBLE NOT NULL, interval_hours DOUBLE NOT NULL, mark_price DOUBLE);
   INSERT INTO funding_history_next SELECT * FROM funding_history ORDER BY time;
   DROP TABLE funding_history;
   ALTER TABLE funding_history_next RENAME TO funding_history;`,
];

/**
 * DuckDB sizes itself for a server: a buffer pool up to 80 % of RAM and a thread per core. In a
 * desktop app beside a browser it gets a bounded pool (larger work spills to `<file>.tmp`) and at
 * most four threads: the store's statements are small appends and per-symbol reads.
 */
function duckdbConfig(): Record<string, string> {
  return { memory_limit: '512MB', threads: String(Math.min(4, availableParallelism())) };
}

/**
 * One DuckDB connection with every operation queued behind the previous one: DuckDB allows a
 * single writer, and a transaction must not interleave with another caller's statements.
 */
export class Database {
  readonly path: string;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(path: string, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.path = path;
    this.instance = instance;
    this.connection = connection;
  }

  /** Opens (creating if needed) `dir/terminal.duckdb`, or an in-memory database for `:memory:`. */
  static async open(dir: string): Promise<Database> {
    const path = dir === ':memory:' ? ':memory:' : join(dir, STORE_FILE);
    try {
      if (dir !== ':memory:') await mkdir(dir, { recursive: true });
      const instance = await DuckDBInstance.create(path, duckdbConfig());
      const db = new Database(path, instance, await instance.connect());
      try {
        await db.migrate();
      } catch (error) {
        await db.close().catch(() => undefined); // the file must be free to be set aside
        throw error;
      }
      return db;
    } catch (error) {
      throw error instanceof StoreError ? error : new StoreError('open', path, error);
    }
  }

  /** Runs `work` alone on the connection; failures become a StoreError naming `operation`. */
  exclusive<T>(operation: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closed) throw new StoreError(operation, this.path, new Error('the store is closed'));
      try {
        return await work(this.connection);
      } catch (error) {
        throw error instanceof StoreError ? error : new StoreError(operation, this.path, error);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Like `exclusive`, inside BEGIN … COMMIT, rolled back on any failure. */
  transaction<T>(operation: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.exclusive(operation, async (connection) => {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work(connection);
        await connection.run('COMMIT');
        return result;
      } catch (error) {
        // A COMMIT that failed (disk full) has rolled back already: a second ROLLBACK would fail and hide why.
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.exclusive('close', async (connection) => {
      connection.closeSync();
      this.instance.closeSync();
    });
    this.closed = true;
  }

  private async migrate(): Promise<void> {
    await this.exclusive('migrate', async (connection) => {
      await connection.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)');
      const reader = await connection.runAndReadAll('SELECT coalesce(max(version), 0) AS v FROM schema_version');
      const current = Number(reader.getRowObjectsJS()[0].v);
      if (current > MIGRATIONS.length) {
        throw new Error(`the database has schema version ${current}, newer than this build knows (${MIGRATIONS.length}); update the terminal`);
      }
      for (let version = current + 1; version <= MIGRATIONS.length; version++) {
        await connection.run('BEGIN TRANSACTION');
        await connection.run(MIGRATIONS[version - 1]);
        await connection.run('INSERT INTO schema_version VALUES ($1, $2)', [version, Date.now()]);
        await connection.run('COMMIT');
      }
    });
  }
}

/** DuckDB's vector size: an appended data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

/** Appends column arrays to `table` in vector-sized chunks (the fast bulk path of DuckDB). */
export async function appendColumns(
  connection: DuckDBConnection,
  table: { name: string; catalog?: string },
  types: readonly DuckDBType[],
  columns: readonly (readonly DuckDBValue[])[],
): Promise<void> {
  const appender = await connection.createAppender(table.name, 'main', table.catalog ?? null);
  appendChunks(appender, types, columns);
  appender.closeSync();
}

/** Appends column arrays through an open appender, a vector-sized data chunk at a time. */
export function appendChunks(appender: DuckDBAppender, types: readonly DuckDBType[], columns: readonly (readonly DuckDBValue[])[]): void {
  const rows = columns[0]?.length ?? 0;
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    const to = Math.min(rows, from + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, to - from);
    chunk.setColumns(columns.map((column) => column.slice(from, to)));
    appender.appendDataChunk(chunk);
  }
}
