import type { Database } from './connection.ts';

/** What DuckDB holds in the process's memory, in bytes (docs/architecture.md, "Memory"). */
export interface StoreMemory {
  /** Bytes held by DuckDB's buffer manager now (`duckdb_memory()`, every tag). */
  usedBytes: number;
  /** Bytes spilled to the temporary directory. */
  spilledBytes: number;
  /** The buffer pool's ceiling (`memory_limit`), as DuckDB prints it. */
  limit: string;
  /** The database file's blocks in use, as DuckDB prints the size. */
  fileSize: string;
}

export function readStoreMemory(db: Database): Promise<StoreMemory> {
  return db.exclusive('read memory use', async (connection) => {
    const held = (await connection.runAndReadAll(
      'SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS used, coalesce(sum(temporary_storage_bytes), 0)::DOUBLE AS spilled FROM duckdb_memory()',
    )).getRowObjectsJS()[0];
    const limit = (await connection.runAndReadAll("SELECT current_setting('memory_limit') AS v")).getRowObjectsJS()[0].v;
    const size = (await connection.runAndReadAll('PRAGMA database_size')).getRowObjectsJS()[0];
    return { usedBytes: Number(held.used), spilledBytes: Number(held.spilled), limit: String(limit), fileSize: String(size?.database_size ?? '') };
  });
}
