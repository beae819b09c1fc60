/**
 * Store faults in words (docs/kill-switch.md, "Store faults"): a full disk and a damaged
 * database file are told apart from DuckDB's answers, and a damaged file is set aside (renamed,
 * never deleted) only when the trader says so.
 */
import { existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { STORE_FILE, StoreError } from './connection.ts';

export type StoreFaultKind = 'disk-full' | 'damaged' | 'other';

// DuckDB's own words (checked against 1.5): a write the file system refused for space, and a
// file that ends early or does not hold a database.
const DISK_FULL = /no space left on device|ENOSPC|disk is full|not enough space/i;
const DAMAGED = /not a valid DuckDB database|could not read enough bytes|corrupt|checksum|INTERNAL Error|Serialization Error|database has been invalidated/i;

function messagesOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && e !== null && parts.length < 5; e = (e as { cause?: unknown }).cause) {
    parts.push(e instanceof Error ? e.message : String(e));
    if (!(e instanceof Error)) break;
  }
  return parts.join(' | ');
}

export function storeFaultKind(error: unknown): StoreFaultKind {
  const text = messagesOf(error);
  if (DISK_FULL.test(text)) return 'disk-full';
  if (DAMAGED.test(text)) return 'damaged';
  return 'other';
}

/** A store failure as the trader reads it: "disk full", or the database's own words. */
export function storeFaultWords(error: unknown): string {
  const kind = storeFaultKind(error);
  if (kind === 'disk-full') return 'disk full';
  if (kind === 'damaged') return 'the database file is damaged';
  const cause = error instanceof StoreError && error.cause !== undefined ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/** The database at start could not be read: the file is named, with what the trader can do. */
export class DamagedStoreError extends Error {
  readonly path: string;
  constructor(path: string, cause: unknown) {
    super(damagedAdvice(path, cause), { cause });
    this.name = 'DamagedStoreError';
    this.path = path;
  }
}

function damagedAdvice(path: string, cause: unknown): string {
  const detail = cause instanceof StoreError && cause.cause instanceof Error ? cause.cause.message : cause instanceof Error ? cause.message : String(cause);
  return `The terminal's database ${path} is damaged and cannot be read (${detail}). Nothing in it has been changed or deleted. `
    + `It holds the order journal, settings and stored history: keep it, to recover from or to send for help. `
    + `To start with a fresh, empty database, the damaged file is set aside beside it as ${STORE_FILE}.damaged-<time> (renamed, not deleted): `
    + `run the terminal again with --fresh-store, or choose "Start with a fresh database" in the app. `
    + `Open positions on the venues are not in a fresh journal: reconcile them after the start.`;
}

/** Whether an error from opening the store means the file itself is damaged. */
export function isDamagedStore(error: unknown): boolean {
  return storeFaultKind(error) === 'damaged';
}

const stamp = (now: number) => new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Renames the damaged database (and its write-ahead log) aside, never deleting anything;
 * returns the path the database file now has.
 */
export function setAsideDamagedStore(path: string, now: number = Date.now()): string {
  const aside = join(dirname(path), `${STORE_FILE}.damaged-${stamp(now)}`);
  renameSync(path, aside);
  if (existsSync(`${path}.wal`)) renameSync(`${path}.wal`, `${aside}.wal`);
  return aside;
}
