import type { Database } from './connection.ts';

/** The user's sector overrides (`sector_map`): canonical base → sector, on top of the default taxonomy. */
export interface SectorMapRepo {
  overrides(): Promise<Map<string, string>>;
  /** Inserts or replaces the overrides given, in one transaction. */
  put(entries: ReadonlyMap<string, string>): Promise<void>;
  /** Removes the overrides of these bases (they fall back to the default taxonomy). */
  remove(bases: readonly string[]): Promise<void>;
}

export function createSectorMapRepo(db: Database): SectorMapRepo {
  return {
    overrides: () =>
      db.exclusive('read sector map', async (connection) => {
        const reader = await connection.runAndReadAll('SELECT base, sector FROM sector_map ORDER BY base');
        return new Map(reader.getRowObjectsJS().map((row) => [String(row.base), String(row.sector)]));
      }),
    put: (entries) =>
      db.transaction('save sector map', async (connection) => {
        for (const [base, sector] of entries) await connection.run('INSERT OR REPLACE INTO sector_map VALUES ($1, $2)', [base, sector]);
      }),
    remove: (bases) =>
      db.transaction('remove sector overrides', async (connection) => {
        for (const base of bases) await connection.run('DELETE FROM sector_map WHERE base = $1', [base]);
      }),
  };
}
