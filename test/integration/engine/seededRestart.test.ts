/**
 * The engine remembers across restarts: a Demo backend (real ccxt against the in-process
 * simulator with a paused clock, real DuckDB on disk) restarted over the same data dir shows
 * velocity and sector funding changes on its first rows, seeded from the quote samples the
 * previous run stored; over a fresh data dir the same moment shows none. Stored 4-h closes give
 * sector returns at start, before any price backfill.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { SignalsBatch } from '../../../shared/domain/signals.ts';
import type { SectorSnapshotView } from '../../../shared/domain/sectors.ts';

const T0 = Date.UTC(2026, 2, 4, 10, 0, 0);
const RESTART_AT = T0 + 75 * 60_000;
const VENUES = ['binanceusdm', 'bybit'] as const;
const HOUR = 3_600_000;
const dirs: string[] = [];
let running: Backend | null = null;
const eventually = <T>(check: () => T) => vi.waitFor(check, { timeout: 30_000, interval: 20 });

afterEach(async () => {
  await running?.stop();
  running = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Demo backend paused at `at`; `batches` collects every signals batch it publishes. */
async function start(dataDir: string, at: number) {
  const batches: SignalsBatch[] = [];
  running = await createBackend({
    mode: 'demo', dataDir, venues: [...VENUES], pollScale: 0.05,
    demoSimulatorOptions: { paused: true, startTime: at, universeSize: 20 },
    publish: (name, payload) => { if (name === 'signals') batches.push(payload as SignalsBatch); },
  });
  const backend = running;
  const snapshot = () => backend.handlers['markets.snapshot'](undefined as never) as Promise<{ quotes: FundingQuote[] }>;
  const sectors = () => backend.handlers['sectors.snapshot'](undefined as never) as Promise<SectorSnapshotView | null>;
  return { backend, batches, snapshot, sectors, firstRows: () => eventually(() => { const batch = batches.find((b) => b.upserts.length > 0); expect(batch).toBeDefined(); return batch!; }) };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'engine-seed-'));
  dirs.push(dir);
  return dir;
}

/** A first run: quotes polled at T0 and again 70 min later, so the store holds samples from both. */
async function livedRun(dataDir: string): Promise<FundingQuote[]> {
  const run = await start(dataDir, T0);
  await eventually(async () => expect((await run.snapshot()).quotes.length).toBeGreaterThan(20));
  run.backend.demo!.simulator.clock.advanceTo(T0 + 70 * 60_000);
  const quotes = await eventually(async () => {
    const { quotes } = await run.snapshot();
    expect(quotes.length).toBeGreaterThan(20);
    expect(quotes.every((q) => q.observedAt >= T0 + 70 * 60_000)).toBe(true);
    return quotes;
  });
  await running!.stop();
  running = null;
  return quotes;
}

const hasChange1h = (snapshot: SectorSnapshotView | null) => snapshot !== null && snapshot.sectors.some((s) => s.change1h !== null);

describe('the engine seeded from the store at start', () => {
  it('a restart over the same data dir shows velocity and sector funding changes on its first rows; a fresh data dir shows none', async () => {
    const dataDir = tempDir();
    await livedRun(dataDir);

    const restarted = await start(dataDir, RESTART_AT);
    const first = await restarted.firstRows();
    expect(first.upserts.every((row) => row.meanPer8h === null || row.velocity.h1 !== null)).toBe(true);
    expect(first.upserts.filter((row) => row.velocity.h1 !== null).length).toBeGreaterThan(10);
    expect(first.upserts.every((row) => row.velocity.h24 === null)).toBe(true); // the store holds 75 min, not a day
    await eventually(async () => expect(hasChange1h(await restarted.sectors())).toBe(true));
    await running!.stop();
    running = null;

    const fresh = await start(tempDir(), RESTART_AT);
    const freshFirst = await fresh.firstRows();
    expect(freshFirst.upserts.length).toBeGreaterThan(10);
    expect(freshFirst.upserts.every((row) => row.velocity.h1 === null)).toBe(true);
    await eventually(async () => expect(await fresh.sectors()).not.toBeNull());
    expect(hasChange1h(await fresh.sectors())).toBe(false);
  }, 120_000);

  it('stored 4-h closes give sector returns at start, before any price backfill', async () => {
    const dataDir = tempDir();
    const quotes = await livedRun(dataDir);
    const store = await openStore(dataDir);
    const points = quotes.filter((q) => q.venue === 'binanceusdm').flatMap((q) =>
      Array.from({ length: 12 }, (_, k) => ({ venue: q.venue, symbol: q.symbol, time: T0 - (k + 2) * 4 * HOUR, close: (q.markPrice ?? 1) * 0.9 })));
    await store.history.insertPrices(points);
    await store.close();

    const restarted = await start(dataDir, RESTART_AT);
    const snapshot = await eventually(async () => {
      const sectors = await restarted.sectors();
      expect(sectors?.sectors.some((s) => s.return24h !== null)).toBe(true);
      return sectors!;
    });
    // Closes were 10 % under today's marks: every sector with a return shows about +11 %.
    const returns = snapshot.sectors.flatMap((s) => (s.return24h === null ? [] : [s.return24h]));
    for (const r of returns) expect(r).toBeGreaterThan(0.05);
  }, 120_000);
});
