export { StoreError, STORE_FILE } from './connection.ts';
import { Database } from './connection.ts';
import { createHistoryRepo, type HistoryRepo } from './history.ts';
import { createQuoteSampleRepo, createQuoteSampler, type QuoteSampleRepo, type QuoteSampler } from './quoteSamples.ts';
import { createSettingsRepo, type SettingsRepo } from './settingsStore.ts';
import { createSectorMapRepo, type SectorMapRepo } from './sectorMapStore.ts';
import { createEngineSeedRepo, type EngineSeedRepo } from './engineSeed.ts';
import { openJournal, type Journal } from '../trading/journal.ts';

/** The terminal's embedded database and its repositories, over one serialised connection. */
export interface Store {
  /** The database file (or `:memory:`). */
  readonly path: string;
  readonly history: HistoryRepo;
  readonly settings: SettingsRepo;
  /** `record` throttles live quotes to one sample per venue/symbol per minute. */
  readonly quoteSamples: QuoteSampleRepo & QuoteSampler;
  /** The order journal (append-only, committed before an order leaves the process) and its in-memory ledger. */
  readonly journal: Journal;
  /** The user's sector overrides. */
  readonly sectorMap: SectorMapRepo;
  /** What the engine worker is seeded with at start (recent quote samples, stored closes). */
  readonly engineSeed: EngineSeedRepo;
  close(): Promise<void>;
}

/** Opens `dir/terminal.duckdb` (created and migrated as needed); `:memory:` for a throwaway store. */
export async function openStore(dir: string): Promise<Store> {
  const db = await Database.open(dir);
  return {
    path: db.path,
    history: createHistoryRepo(db),
    settings: createSettingsRepo(db),
    quoteSamples: withSampler(createQuoteSampleRepo(db)),
    journal: await openJournal(db),
    sectorMap: createSectorMapRepo(db),
    engineSeed: createEngineSeedRepo(db),
    close: () => db.close(),
  };
}

function withSampler(repo: QuoteSampleRepo): QuoteSampleRepo & QuoteSampler {
  return { ...repo, ...createQuoteSampler(repo) };
}
