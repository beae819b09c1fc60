import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { startEngine, type EngineHandle } from '../../../electron/backend/engineClient/engineClient.ts';
import { livedSeries, sampleColumns, type LivedMinute, type SeriesShape } from '../../fixtures/engine/sampleSeries.ts';

const START = Date.UTC(2026, 2, 1, 0, 0, 0);
const SHAPE: SeriesShape = { start: START, minutes: 26 * 60, bases: 4, venues: ['binanceusdm', 'bybit', 'okx'], seed: 1 };

/** What history gives a row: compared between an engine that lived and one that was seeded. */
const remembered = (rows: Opportunity[]) => Object.fromEntries(rows.map((row) => [row.base, { velocity: row.velocity, persistenceHours: row.persistenceHours }]));

/** An engine that lived through every minute (re-polled each minute), and what the store kept meanwhile. */
function live(shape: SeriesShape): { engine: SignalEngine; samples: FundingQuote[]; last: LivedMinute } {
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  const samples: FundingQuote[] = [];
  let last: LivedMinute | null = null;
  for (const minute of livedSeries(shape)) {
    engine.apply(minute.polled, minute.now);
    samples.push(...minute.changed);
    last = minute;
  }
  return { engine, samples, last: last! };
}

let handle: EngineHandle | null = null;
afterEach(async () => {
  await handle?.stop();
  handle = null;
  delete process.env.ENGINE_CRASH_MARKER;
});
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 20_000, interval: 10 });

describe('seeding the engine from stored quote samples', () => {
  it('gives the same velocity and persistence as an engine that lived through the samples (generated series)', () => {
    let extremeRuns = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const lived = live({ ...SHAPE, seed });
      const seeded = new SignalEngine(DEFAULT_SETTINGS);
      seeded.seedSamples(sampleColumns(lived.samples), lived.last.now);
      seeded.apply(lived.last.polled, lived.last.now);
      const expected = remembered(lived.engine.snapshot().upserts);
      expect(Object.values(expected).every((r) => r.velocity.h24 !== null)).toBe(true);
      expect(remembered(seeded.snapshot().upserts)).toEqual(expected);
      extremeRuns += Object.values(expected).filter((r) => r.persistenceHours > 1).length;
    }
    expect(extremeRuns).toBeGreaterThan(0);
  });

  it('fills history only: stored samples alone make no row, and a live quote on one venue makes a one-leg row with its velocity', () => {
    const lived = live(SHAPE);
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const seeded = engine.seedSamples(sampleColumns(lived.samples), lived.last.now + 60_000);
    expect(seeded.batch.upserts).toEqual([]);
    const one = lived.last.polled.find((quote) => quote.base === 'A0' && quote.venue === 'okx')!;
    const now = lived.last.now + 60_000;
    engine.apply([{ ...one, observedAt: now }], now);
    const [row] = engine.snapshot().upserts;
    expect(row.legs.map((leg) => `${leg.venue} ${leg.stale}`)).toEqual(['okx false']);
    expect(row.velocity.h24).not.toBeNull();
  });

  it('a seed arriving after live quotes keeps the live minutes and puts the stored ones before them', () => {
    const minutes = [...livedSeries(SHAPE)];
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const tail = minutes.slice(-30);
    for (const minute of tail) engine.apply(minute.polled, minute.now);
    expect(engine.snapshot().upserts[0].velocity.h4).toBeNull();
    engine.seedSamples(sampleColumns(minutes.slice(0, -30).flatMap((m) => m.changed)), tail.at(-1)!.now);
    const lived = live(SHAPE);
    expect(remembered(engine.snapshot().upserts)).toEqual(remembered(lived.engine.snapshot().upserts));
  });

  it('a real worker seeded from samples shows what the living engine shows, and a restarted worker loads them again before its quotes', async () => {
    process.env.ENGINE_CRASH_MARKER = join(mkdtempSync(join(tmpdir(), 'engine-crash-')), 'marker');
    const lived = live({ ...SHAPE, seed: 9 });
    const clock = { now: lived.last.now };
    const errors: string[] = [];
    let loads = 0;
    handle = startEngine({
      workerUrl: new URL('../../fixtures/engine/crashingWorker.ts', import.meta.url),
      settings: DEFAULT_SETTINGS, now: () => clock.now, onSignals: () => {}, onAlerts: () => {}, onError: (m) => errors.push(m),
      loadSamples: async () => { loads++; return sampleColumns(lived.samples); },
    });
    const engine = handle;
    engine.pushQuotes(lived.last.polled.slice(0, 3));
    await eventually(() => expect(engine.latest().upserts.length).toBeGreaterThan(0));
    expect(engine.latest().upserts[0].velocity.h24).not.toBeNull(); // the quotes waited for the samples
    engine.pushQuotes(lived.last.polled.slice(3)); // the worker dies on this second quotes message
    const expected = remembered(lived.engine.snapshot().upserts);
    await eventually(() => expect(remembered(engine.latest().upserts)).toEqual(expected));
    expect(errors).toEqual([expect.stringMatching(/exited unexpectedly \(code 1\)/)]);
    expect(loads).toBe(2);
  });

  it('a failed load is reported and the worker starts without history', async () => {
    const lived = live({ ...SHAPE, minutes: 90 });
    const errors: string[] = [];
    handle = startEngine({
      settings: DEFAULT_SETTINGS, now: () => lived.last.now, onSignals: () => {}, onAlerts: () => {}, onError: (m) => errors.push(m),
      loadSamples: () => Promise.reject(new Error('store closed')),
    });
    const engine = handle;
    engine.pushQuotes(lived.last.polled);
    await eventually(() => expect(engine.latest().upserts).toHaveLength(4));
    expect(engine.latest().upserts.every((row) => row.velocity.h1 === null)).toBe(true);
    expect(errors).toEqual(['engine history not seeded from the stored samples: store closed']);
  });
});
