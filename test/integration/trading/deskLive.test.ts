/**
 * Live mode through the desk: a backend built by `createBackend` in live mode whose venues are
 * the simulator (`baseUrl`), keys stored through `vault.setKey` with credentials the simulator
 * accepts, driven over `dispatch` from preview to a hedged pair, then the kill switch to flat.
 * Every output, stream and log line is searched for the secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { deskDriver } from './deskDriver.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';

const VENUES = ['binanceusdm', 'bybit'] as const;
const KEYS = {
  binanceusdm: { apiKey: 'live-desk-binance-key-01', secret: 'live-SECRET-binance-4e1c0a' },
  bybit: { apiKey: 'live-desk-bybit-key-02', secret: 'live-SECRET-bybit-77d2b9' },
};
const dataDir = mkdtempSync(join(tmpdir(), 'desk-live-'));
const seen: string[] = [];
let sim: Simulator;
let backend: Backend;
const desk = deskDriver(() => backend, VENUES, () => sim.clock.now(), seen);

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, paused: true, startTime: START_TIME, venues: [...VENUES], universeSize: 20, initialBalance: 100_000 });
  for (const venue of VENUES) sim.credentials.add({ venue, ...KEYS[venue] });
  backend = await createBackend({
    mode: 'live', dataDir, venues: [...VENUES], baseUrl: sim.url, clock: sim.clock, pollScale: 0.05, killSwitchDeadlineMs: 5_000,
    publish: (name, payload) => seen.push(`${name} ${JSON.stringify(payload)}`),
    logSink: (line) => seen.push(line),
  });
  await desk.unlockWithKeys(KEYS);
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('live mode through the desk, against the simulator with vault keys', () => {
  it('preview → submit → the position at the venues → kill switch → flat everywhere', async () => {
    // The simulator's Bybit is a unified account in cross margin for every symbol: an isolated
    // ticket is refused at preview, in words, and a cross ticket goes.
    const isolated = await desk.call('ticket.preview', await desk.btcTicket('live-isolated', { marginMode: 'isolated' }));
    expect(isolated.checklist.find((item) => item.id === 'margin')).toMatchObject({ status: 'fail', detail: expect.stringContaining('the bybit account is in cross margin for every symbol and the ticket asks isolated') });
    const ticket = await desk.btcTicket('live-pair', { marginMode: 'cross' });
    const preview = await desk.call('ticket.preview', ticket);
    expect(preview.checklist.filter((item) => item.status === 'fail')).toEqual([]);
    expect(preview.legs.map((leg) => leg.marginMode)).toEqual(['cross', 'cross']);
    const receipt = await desk.call('ticket.submit', ticket);
    expect(receipt.execution.status).toBe('hedged');
    const binanceKey = KEYS.binanceusdm.apiKey;
    expect(sim.accounts.positions('binanceusdm', binanceKey).map((p) => p.marginMode)).toEqual(['cross']);

    const [opened] = await desk.call('positions.list');
    expect(opened).toMatchObject({ pairId: 'live-pair', status: 'open', deltaDrift: 0 });
    expect(opened.legs.map((leg) => leg.size).sort()).toEqual([-0.05, 0.05]);
    // The venue's own accounts hold the legs the journal expects.
    expect((await desk.call('trading.reconcile')).differences).toEqual([]);
    const fills = (await desk.call('journal.list', { pairId: 'live-pair' })).filter((e) => e.kind === 'fill');
    expect(fills.map((e) => e.venue).sort()).toEqual([...VENUES].sort());

    const report = await desk.call('killSwitch.engage', { reason: 'live desk test' });
    expect(report.venues.map((v) => [v.venue, v.flat]).sort()).toEqual(VENUES.map((v) => [v, true]));
    expect(report.venues.reduce((sum, v) => sum + v.closedPositions, 0)).toBe(2);
    expect((await desk.call('trading.state')).state).toBe('HALTED');
    const [closed] = await desk.call('positions.list');
    expect(closed.legs.map((leg) => leg.size)).toEqual([0, 0]);
    expect((await desk.call('trading.reconcile')).differences).toEqual([]);
  }, 120_000);

  it('a spot short (spot sell against a long perp) on a Bybit account with spot margin trading off is refused in words at preview and submit, and nothing reaches a venue', async () => {
    const orders = () => VENUES.reduce((sum, venue) => sum + sim.accounts.orders(venue, KEYS[venue].apiKey).length + sim.spot.openOrders(venue, KEYS[venue].apiKey).length, 0);
    const before = { orders: orders(), journal: (await desk.call('journal.list')).length, creates: sim.log.list({ path: '/v5/order/create' }).length };
    const spotShort = await desk.btcTicket('carry-short', {
      kind: 'perp-spot',
      legs: [{ venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', side: 'buy', instrument: 'perp' }, { venue: 'bybit', symbol: 'BTC/USDT', side: 'sell', instrument: 'spot' }],
    });
    const refusal = /BTC\/USDT: spot margin trading is off on the Bybit Unified Trading Account, so a spot sell cannot borrow the coin; turn it on at Bybit \(the terminal never changes it\); nothing was sent/;
    sim.spot.setLending('bybit', KEYS.bybit.apiKey, false);
    try {
      await expect(desk.call('ticket.preview', spotShort)).rejects.toThrow(refusal);
      await expect(desk.call('ticket.submit', spotShort)).rejects.toThrow(refusal);
    } finally {
      sim.spot.setLending('bybit', KEYS.bybit.apiKey, true);
    }
    expect(orders()).toBe(before.orders);
    expect(sim.log.list({ path: '/v5/order/create' }).length).toBe(before.creates);
    expect((await desk.call('journal.list')).length).toBe(before.journal);
  });

  it('no secret appears in any output, stream or log line', () => {
    expect(seen.length).toBeGreaterThan(10);
    const secrets = VENUES.map((venue) => KEYS[venue].secret);
    expect(seen.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
  });
});
