import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { Alert, SignalsBatch } from '../../../shared/domain/signals.ts';
import { startEngine, type EngineHandle } from '../../../electron/backend/engineClient/engineClient.ts';
import type { FromEngine } from '../../../electron/engine/workerMessages.ts';
import { makeQuoteSet, repollVenue } from '../../fixtures/engine/quoteSet.ts';
import { NOW, q } from './quotes.ts';

const WORKER_URL = new URL('../../../electron/engine/worker.ts', import.meta.url);
let handle: EngineHandle | null = null;
/** Worker start-up (type stripping, zod) can take seconds on a loaded machine. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 10 });

afterEach(async () => {
  await handle?.stop();
  handle = null;
  delete process.env.ENGINE_CRASH_MARKER;
});

function start(workerUrl?: URL, tickMs?: number) {
  const batches: SignalsBatch[] = [];
  const alerts: Alert[] = [];
  const errors: string[] = [];
  const clock = { now: NOW };
  handle = startEngine({
    workerUrl,
    settings: DEFAULT_SETTINGS,
    now: () => clock.now,
    tickMs,
    onSignals: (batch) => batches.push(batch),
    onAlerts: (list) => alerts.push(...list),
    onError: (message) => errors.push(message),
  });
  return { engine: handle, batches, alerts, errors, clock };
}

describe('engine client with a real worker thread', () => {
  it('computes 3,000 quotes in the worker and keeps the full ranked state for the snapshot', async () => {
    const { engine, batches, clock } = start();
    const quotes = makeQuoteSet(500, NOW);
    engine.pushQuotes(quotes);
    await eventually(() => expect(engine.latest().upserts).toHaveLength(500));
    const latest = engine.latest();
    expect(latest.upserts.map((r) => r.rank)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(latest.summary.assets).toBe(500);
    expect(latest.summary.computeMs).toBeGreaterThan(0); // the worker times each recompute
    clock.now = NOW + 1_000;
    const before = batches.length;
    engine.pushQuotes(repollVenue(quotes, 'okx', clock.now, 7));
    await eventually(() => expect(batches.length).toBe(before + 1));
    expect(batches.at(-1)!.full).toBe(false);
    expect(engine.latest().upserts.find((r) => r.base === 'BTC')!.legs.find((l) => l.venue === 'okx')!.observedAt).toBe(NOW + 1_000);
  });

  it('reports the worker thread\'s own heap while it runs, and none once stopped', async () => {
    const { engine } = start();
    engine.pushQuotes(makeQuoteSet(100, NOW));
    await eventually(() => expect(engine.latest().upserts).toHaveLength(100));
    const heap = await engine.heap();
    expect(heap!.usedBytes).toBeGreaterThan(0);
    expect(heap!.totalBytes).toBeGreaterThanOrEqual(heap!.usedBytes);
    await engine.stop();
    expect(await engine.heap()).toBeNull();
  });

  it('coalesces pushes made while the worker is busy into one recompute with the latest quotes', async () => {
    const { engine, batches } = start();
    for (let i = 1; i <= 20; i++) engine.pushQuotes([q('binanceusdm', 'BTC', i * 0.00001, 8, { observedAt: NOW + i }), q('bybit', 'BTC', 0.0001)]);
    await eventually(() => expect(engine.latest().upserts).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const quoteBatches = batches.filter((b) => b.upserts.length > 0);
    expect(quoteBatches).toHaveLength(1);
    expect(engine.latest().upserts[0].legs.find((l) => l.venue === 'binanceusdm')!.rate).toBeCloseTo(0.0002, 12);
  });

  it('forwards alerts from the worker: a spread crossing the trigger', async () => {
    const { engine, alerts, clock } = start();
    engine.pushQuotes([q('binanceusdm', 'ETH', 0.0001), q('bybit', 'ETH', 0.0003)]);
    await eventually(() => expect(engine.latest().upserts).toHaveLength(1));
    clock.now = NOW + 1_000;
    engine.pushQuotes([q('bybit', 'ETH', 0.0009, 8, { observedAt: NOW + 1_000 })]);
    await eventually(() => expect(alerts.map((a) => a.kind)).toContain('trigger'));
  });

  it('applies new settings everywhere: a lower trigger marks more assets triggered', async () => {
    const { engine } = start();
    engine.pushQuotes([q('binanceusdm', 'ETH', 0.0001), q('bybit', 'ETH', 0.0005)]);
    await eventually(() => expect(engine.latest().upserts).toHaveLength(1));
    expect(engine.latest().upserts[0].triggered).toBe(false);
    engine.setSettings({ ...DEFAULT_SETTINGS, triggerSpreadPer8h: 0.0003 });
    await eventually(() => expect(engine.latest().summary.triggered).toBe(1));
  });

  it('ticks an idle worker so a leg turns stale without any new quote', async () => {
    const { engine, clock } = start(undefined, 20);
    engine.pushQuotes([q('binanceusdm', 'BTC', 0.0001), q('okx', 'BTC', 0.0009)]);
    await eventually(() => expect(engine.latest().upserts).toHaveLength(1));
    clock.now = NOW + 31_000; // past Binance's 30 s bound, within OKX's 45 s
    await eventually(() => expect(engine.latest().upserts[0].legs.map((l) => l.stale)).toEqual([true, false]));
    expect(engine.latest().upserts[0].spreadPer8h).toBeNull();
  });

  it('restarts a worker that died and replays every known quote into it', async () => {
    process.env.ENGINE_CRASH_MARKER = join(mkdtempSync(join(tmpdir(), 'engine-crash-')), 'marker');
    const { engine, errors } = start(new URL('../../fixtures/engine/crashingWorker.ts', import.meta.url));
    engine.pushQuotes([q('binanceusdm', 'BTC', 0.0001), q('okx', 'BTC', 0.0002)]);
    await eventually(() => expect(engine.latest().upserts).toHaveLength(1));
    engine.pushQuotes([q('binanceusdm', 'SOL', 0.0001), q('okx', 'SOL', 0.0004)]); // the worker dies on this one
    await eventually(() => expect(engine.latest().upserts.map((r) => r.base).sort()).toEqual(['BTC', 'SOL']));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/exited unexpectedly \(code 1\); restarting it with the 4 known quotes/);
  });
});

describe('engine worker protocol', () => {
  it('reports an error instead of dying, answers every message with signals, and serves a snapshot', async () => {
    const worker = new Worker(WORKER_URL);
    const received: FromEngine[] = [];
    worker.on('message', (m: FromEngine) => received.push(m));
    try {
      worker.postMessage({ type: 'tick', now: NOW });
      await eventually(() => expect(received.map((m) => m.type)).toEqual(['error', 'signals']));
      expect((received[0] as { message: string }).message).toMatch(/"tick" before its settings/);
      worker.postMessage({ type: 'settings', settings: DEFAULT_SETTINGS, now: NOW });
      worker.postMessage({ type: 'snapshot', now: NOW });
      await eventually(() => expect(received.filter((m) => m.type === 'signals')).toHaveLength(3));
      const snapshot = received.at(-1) as Extract<FromEngine, { type: 'signals' }>;
      expect(snapshot.batch.full).toBe(true);
    } finally {
      await worker.terminate();
    }
  });
});
