/**
 * Demo's clock sped up (docs/desktop.md, "Demo"): the trader sets it through the contract, every
 * window hears it, and the market-data worker's pollers keep each venue's cadence in simulated
 * time, so quotes stay fresh at 10× instead of going stale between real-time polls. BingX is
 * polled only (no stream) every 10 simulated seconds: over a simulated minute it is asked about
 * six times, where real-time pacing would ask it once at most.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { createDemoClockHandlers } from '../../../electron/backend/demoClockHandlers.ts';
import type { DemoClock } from '../../../shared/domain/demoClock.ts';
import { waitFor } from './simulatorHarness.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'demo-speed-'));
const published: DemoClock[] = [];
let backend: Backend;

beforeAll(async () => {
  backend = await createBackend({
    mode: 'demo', dataDir, venues: ['bingx'],
    demoSimulatorOptions: { universeSize: 20 },
    publish: (name, payload) => { if (name === 'demoClock') published.push(payload as DemoClock); },
  });
  await vi.waitFor(async () => expect((await backend.handlers['markets.snapshot'](undefined)).signals.upserts.length).toBeGreaterThan(0), { timeout: 30_000, interval: 200 });
}, 60_000);

afterAll(async () => {
  await backend.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const polls = () => backend.demo!.simulator.log.list({ venue: 'bingx' }).filter((r) => r.path.endsWith('/quote/premiumIndex')).length;

describe("Demo's clock", () => {
  it('reads as the simulator runs it, and a speed set is what the simulator and every window then have', async () => {
    const clock = backend.demo!.simulator.clock;
    expect(await backend.handlers['demo.clock'](undefined)).toMatchObject({ speed: 1, paused: false });
    const set = await backend.handlers['demo.setClock']({ speed: 10 });
    expect(set).toMatchObject({ speed: 10, paused: false });
    expect(clock.speed).toBe(10);
    expect(published.at(-1)).toEqual(set);
  });

  it('at 10× the pollers keep BingX\'s 10-second cadence in simulated time, and its quotes stay fresh', async () => {
    const clock = backend.demo!.simulator.clock;
    const from = clock.now();
    const before = polls();
    await waitFor('a simulated minute', () => clock.now() - from >= 60_000, 30_000);
    expect(polls() - before).toBeGreaterThanOrEqual(4);
    const { signals } = await backend.handlers['markets.snapshot'](undefined);
    const legs = signals.upserts.flatMap((row) => row.legs);
    expect(legs.length).toBeGreaterThan(0);
    expect(legs.filter((leg) => leg.stale)).toEqual([]);
  }, 45_000);

  it('pauses and resumes; outside Demo the clock is refused in words', async () => {
    expect(await backend.handlers['demo.setClock']({ paused: true })).toMatchObject({ paused: true });
    const at = backend.demo!.simulator.clock.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await backend.handlers['demo.clock'](undefined))!.now).toBe(at);
    expect(await backend.handlers['demo.setClock']({ paused: false, speed: 1 })).toMatchObject({ paused: false, speed: 1 });
    const paper = createDemoClockHandlers(null, () => undefined);
    expect(await paper['demo.clock'](undefined)).toBeNull();
    await expect(paper['demo.setClock']({ speed: 2 })).rejects.toThrow('the clock can be set in Demo only: outside Demo the venues run on real time');
  });
});
