/**
 * The kill switch answers for a venue it cannot reach. Live mode through the desk against the
 * simulator (vault keys, ccxt's real HTTP code, DuckDB on disk): a hedged Binance/OKX pair is
 * opened, the terminal restarts with OKX down, so OKX's account cannot be opened at start-up
 * while the journal holds its leg. Positions and reconciliation still show both legs, the
 * OKX one marked unreachable; the kill switch reports OKX NOT FLAT with that leg, keeps
 * retrying in the background, and flattens it once OKX answers again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import type { KillSwitchReport } from '../../../shared/ipc/contract.ts';
import { venueVerdict } from '../../../shared/domain/killSwitchWords.ts';
import { deskDriver, TEST_PASSPHRASE } from './deskDriver.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';

const VENUES = ['binanceusdm', 'okx'] as const;
const KEYS = {
  binanceusdm: { apiKey: 'ks-unreach-binance-key', secret: 'ks-SECRET-binance-91aa' },
  okx: { apiKey: 'ks-unreach-okx-key-0001', secret: 'ks-SECRET-okx-5c3e', password: 'okx-pass-ks' },
};
const dataDir = mkdtempSync(join(tmpdir(), 'ks-unreachable-'));
const seen: string[] = [];
const streamed: KillSwitchReport[] = [];
let sim: Simulator;
let backend: Backend;
const desk = deskDriver(() => backend, VENUES, () => sim.clock.now(), seen);

function start(): Promise<Backend> {
  return createBackend({
    mode: 'live', dataDir, venues: [...VENUES], baseUrl: sim.url, clock: sim.clock, pollScale: 0.05,
    killSwitchDeadlineMs: 1_500, killSwitchRetryMs: 100,
    publish: (name, payload) => {
      seen.push(`${name} ${JSON.stringify(payload)}`);
      if (name === 'killSwitch') streamed.push(payload as KillSwitchReport);
    },
    logSink: (line) => seen.push(line),
  });
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, paused: true, startTime: START_TIME, venues: [...VENUES], universeSize: 20, initialBalance: 100_000 });
  for (const venue of VENUES) sim.credentials.add({ venue, ...KEYS[venue] });
  backend = await start();
  await desk.unlockWithKeys(KEYS);
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill switch with a venue unreachable from start-up while the journal holds a leg there', () => {
  let okxLeg: { symbol: string; side: 'long' | 'short'; size: number };

  it('opens a hedged pair, then restarts with OKX down', async () => {
    const receipt = await desk.call('ticket.submit', await desk.btcTicket('ks-unreachable'));
    expect(receipt.execution.status).toBe('hedged');
    const [pair] = await desk.call('positions.list');
    const leg = pair.legs.find((l) => l.venue === 'okx')!;
    okxLeg = { symbol: leg.symbol, side: leg.size > 0 ? 'long' : 'short', size: Math.abs(leg.size) };
    await backend.stop();
    sim.faults.setDown('okx', true);
    backend = await start();
    await desk.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
  }, 120_000);

  it('reconciliation names OKX with its journalled leg; positions show both legs, the OKX one marked unreachable', async () => {
    // Reconciling opens the accounts the unlocked vault now allows: Binance's, not OKX's.
    const { differences } = await desk.call('trading.reconcile');
    expect(differences).toEqual([expect.stringMatching(
      new RegExp(`^okx: could not be reached \\(okx is not tradable: .*\\); the journal holds there ${okxLeg.symbol.replace(/[/:]/g, '\\$&')} ${okxLeg.side} ${okxLeg.size}, unverified until it answers$`))]);
    const [pair] = await desk.call('positions.list');
    const okx = pair.legs.find((l) => l.venue === 'okx')!;
    const binance = pair.legs.find((l) => l.venue === 'binanceusdm')!;
    expect(Math.abs(okx.size)).toBe(okxLeg.size);
    expect(okx.unreachable).toMatch(/^okx is not tradable: its account could not be opened/);
    expect(binance.unreachable).toBeUndefined();
    expect(binance.size).toBe(-okx.size);
  }, 60_000);

  it('the kill switch reports OKX not flat, unreachable, with its leg; Binance flat', async () => {
    const report = await desk.call('killSwitch.engage', { reason: 'unreachable venue test' });
    const byVenue = Object.fromEntries(report.venues.map((v) => [v.venue, v]));
    expect(Object.keys(byVenue).sort()).toEqual([...VENUES].sort());
    expect(byVenue.binanceusdm).toMatchObject({ flat: true, reachable: true, closedPositions: 1, journalHolds: [] });
    expect(byVenue.okx).toMatchObject({ flat: false, reachable: false, closedPositions: 0, journalHolds: [okxLeg] });
    expect(venueVerdict(byVenue.okx, report.deadlineMs)).toMatch(new RegExp(`^OKX: NOT FLAT after 2 s — unreachable; holds by the journal: ${okxLeg.symbol.replace(/[/:]/g, '\\$&')} ${okxLeg.side} ${okxLeg.size} \\(`));
    expect(report.retry).toMatchObject({ active: true, attempts: 0, endedBy: null });
    expect(report.state.state).toBe('HALTED');
    // A second press says the same.
    const again = await desk.call('killSwitch.engage', { reason: 'pressed again' });
    expect(again.venues.find((v) => v.venue === 'okx')).toMatchObject({ flat: false, reachable: false, journalHolds: [okxLeg] });
  }, 60_000);

  it('when OKX answers again, the background retry opens its account and flattens it', async () => {
    const before = streamed.length;
    sim.faults.setDown('okx', false);
    let status = await desk.call('killSwitch.status');
    for (let i = 0; i < 600 && status?.retry.endedBy !== 'flat'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await desk.call('killSwitch.status');
    }
    expect(status!.retry).toMatchObject({ active: false, endedBy: 'flat' });
    expect(status!.retry.attempts).toBeGreaterThan(0);
    expect(status!.venues.find((v) => v.venue === 'okx')).toMatchObject({ flat: true, reachable: true, closedPositions: 1, journalHolds: [] });
    // Every background attempt went out on the stream, the last one flat.
    expect(streamed.length).toBeGreaterThan(before);
    expect(streamed.at(-1)!.retry.endedBy).toBe('flat');
    const [pair] = await desk.call('positions.list');
    expect(pair.legs.map((l) => [l.size, l.unreachable])).toEqual([[0, undefined], [0, undefined]]);
    expect((await desk.call('trading.reconcile')).differences).toEqual([]);
  }, 60_000);

  it('no secret appears in any output, stream or log line', () => {
    const secrets = VENUES.map((venue) => KEYS[venue].secret);
    expect(seen.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
  });
});
