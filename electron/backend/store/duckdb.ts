export { DamagedStoreError } from './storeFaults.ts';
import { join } from 'node:path';
import { Database, STORE_FILE } from './connection.ts';
import { DamagedStoreError, isDamagedStore, setAsideDamagedStore } from './storeFaults.ts';
import { createHistoryRepo, type HistoryRepo } from './history.ts';
import { createQuoteSampleRepo, createQuoteSampler, type QuoteSampleRepo, type QuoteSampler } from './quoteSamples.ts';
import { createSettingsRepo, type SettingsRepo } from './settingsStore.ts';
import { createSectorMapRepo, type SectorMapRepo } from './sectorMapStore.ts';
import { createEngineSeedRepo, type EngineSeedRepo } from './engineSeedStore.ts';
import { openJournalStore, type JournalStore } from './journalStore.ts';
import { readStoreMemory, type StoreMemory } from './storeMemory.ts';

/** The terminal's embedded database and its repositories, over one serialised connection. */
export interface Store {
  /** The database file (or `:memory:`). */
  readonly path: string;
  /** Where a damaged database was set aside at this start, with the trader's say-so; null otherwise. */
  readonly setAside: string | null;
  readonly history: HistoryRepo;
  readonly settings: SettingsRepo;
  /** `record` throttles live quotes to one sample per venue/symbol per minute. */
  readonly quoteSamples: QuoteSampleRepo & QuoteSampler;
  /** The order journal's rows (append-only, committed before an order leaves the process); trading's `journalOf` folds them into the ledger. */
  readonly journal: JournalStore;
  /** The user's sector overrides. */
  readonly sectorMap: SectorMapRepo;
  /** What the engine worker is seeded with at start (recent quote samples, stored closes). */
  readonly engineSeed: EngineSeedRepo;
  /** What DuckDB holds in memory now (the bench's breakdown; docs/architecture.md, "Memory"). */
  memory(): Promise<StoreMemory>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /**
   * Asked when the database file is damaged: true sets it aside (renamed, never deleted) and
   * starts a fresh one; false, or no answer, refuses to start with a DamagedStoreError.
   */
  onDamaged?: (fault: DamagedStoreError) => boolean | Promise<boolean>;
  /** The journal's clock (default the wall clock); a backtest stamps entries on its simulated one. */
  now?: () => number;
}

/** Opens `dir/terminal.duckdb` (created and migrated as needed); `:memory:` for a throwaway store. */
export async function openStore(dir: string, options: OpenStoreOptions = {}): Promise<Store> {
  try {
    return await openStoreAt(dir, null, options.now);
  } catch (error) {
    if (dir === ':memory:' || !isDamagedStore(error)) throw error;
    const fault = new DamagedStoreError(join(dir, STORE_FILE), error);
    if (!(await options.onDamaged?.(fault))) throw fault;
    return openStoreAt(dir, setAsideDamagedStore(fault.path), options.now);
  }
}

async function openStoreAt(dir: string, setAside: string | null, now?: () => number): Promise<Store> {
  const db = await Database.open(dir);
  let journal: JournalStore;
  try {
    // Reads every journal row: a damaged file is found here, at start, not at the first order.
    journal = await openJournalStore(db, now);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return {
    path: db.path,
    setAside,
    history: createHistoryRepo(db),
    settings: createSettingsRepo(db),
    quoteSamples: withSampler(createQuoteSampleRepo(db)),
    journal,
    sectorMap: createSectorMapRepo(db),
    engineSeed: createEngineSeedRepo(db),
    memory: () => readStoreMemory(db),
    close: () => db.close(),
  };
}

function withSampler(repo: QuoteSampleRepo): QuoteSampleRepo & QuoteSampler {
  return { ...repo, ...createQuoteSampler(repo) };
}
