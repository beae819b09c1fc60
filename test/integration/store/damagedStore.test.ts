/**
 * A damaged terminal.duckdb at start (real DuckDB, the file truncated on disk): it is named with
 * what to do and left exactly as it was; only with the trader's say-so is it set aside (renamed,
 * its bytes kept) and a fresh database started. The headless host, run as a user runs it,
 * says so in one paragraph and exits 3, or with --fresh-store starts on a fresh database.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../../electron/backend/store/connection.ts';
import { DamagedStoreError, openStore } from '../../../electron/backend/store/duckdb.ts';

const HOST_MAIN = fileURLToPath(new URL('../../../electron/host/main.ts', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A store holding 50 journal entries, closed, then cut to `keep` of its length. */
async function truncatedStore(keep: number): Promise<{ dir: string; file: string; digest: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ft-damaged-'));
  dirs.push(dir);
  const store = await openStore(dir);
  for (let i = 0; i < 50; i += 1) await store.journal.append({ kind: 'alert', pairId: null, venue: null, symbol: null, clientOrderId: null, data: { i } });
  await store.close();
  const file = join(dir, STORE_FILE);
  truncateSync(file, Math.floor(statSync(file).size * keep));
  return { dir, file, digest: sha256(file) };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a damaged store at start', () => {
  it.each([['cut to a tenth (the file cannot be opened)', 0.1], ['cut in half (it opens, its journal cannot be read)', 0.5]])(
    '%s: named with what to do, nothing renamed or deleted', async (_, keep) => {
      const { dir, file, digest } = await truncatedStore(keep);
      const before = readdirSync(dir).sort();
      const error = await openStore(dir).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DamagedStoreError);
      const message = (error as Error).message;
      expect(message).toMatch(new RegExp(`^The terminal's database ${file.replace(/[.]/g, '\\.')} is damaged and cannot be read \\(IO Error: `));
      expect(message).toContain('Nothing in it has been changed or deleted.');
      expect(message).toContain('run the terminal again with --fresh-store');
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(sha256(file)).toBe(digest);
    });

  it('refused by the trader: still nothing renamed', async () => {
    const { dir, file, digest } = await truncatedStore(0.1);
    let asked = 0;
    await expect(openStore(dir, { onDamaged: () => (asked += 1, false) })).rejects.toBeInstanceOf(DamagedStoreError);
    expect(asked).toBe(1);
    expect(sha256(file)).toBe(digest);
  });

  it('with the trader\'s say-so: set aside with its bytes kept, a fresh store opened', async () => {
    const { dir, file, digest } = await truncatedStore(0.5);
    const store = await openStore(dir, { onDamaged: () => true });
    try {
      expect(store.setAside).toMatch(new RegExp(`${STORE_FILE}\\.damaged-\\d{8}T\\d{6}Z$`));
      expect(sha256(store.setAside!)).toBe(digest);
      expect(await store.journal.list()).toEqual([]);
      await store.journal.append({ kind: 'alert', pairId: null, venue: null, symbol: null, clientOrderId: null, data: { fresh: true } });
      expect(store.path).toBe(file);
    } finally {
      await store.close();
    }
  });
});

describe('the headless host over a damaged store', () => {
  it('prints one paragraph saying what to do and exits 3, no stack trace, the file kept', async () => {
    const { dir, file, digest } = await truncatedStore(0.1);
    const run = spawnSync(process.execPath, [HOST_MAIN, '--data-dir', dir, '--demo'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(3);
    const paragraph = run.stderr.trim().split('\n').filter((line) => !line.startsWith('{')); // log lines are JSON
    expect(paragraph).toHaveLength(1);
    expect(paragraph[0]).toMatch(/^The terminal's database .* is damaged and cannot be read .*--fresh-store/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(sha256(file)).toBe(digest);
  }, 60_000);

  it('--fresh-store sets the damaged file aside, says where, and starts', async () => {
    const { dir, digest } = await truncatedStore(0.1);
    const child = spawn(process.execPath, [HOST_MAIN, '--data-dir', dir, '--demo', '--fresh-store'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    for (let i = 0; i < 600 && !out.includes('open http'); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGTERM');
    await exited;
    const aside = readdirSync(dir).find((name) => name.startsWith(`${STORE_FILE}.damaged-`))!;
    expect(out).toContain(`The damaged database was set aside as ${join(dir, aside)} (kept, not deleted); this run uses a fresh one.`);
    expect(out).toContain('open http://127.0.0.1:');
    expect(sha256(join(dir, aside))).toBe(digest);
  }, 90_000);
});
