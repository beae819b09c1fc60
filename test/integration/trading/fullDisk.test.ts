/**
 * A full disk, for real: the store lives on a 16 MB tmpfs mounted for this test (the test runs
 * as root; where mounting is not allowed it is skipped and says why), filled with a file until
 * the kernel answers ENOSPC. Live (Demo) brokers against the simulator through ccxt, the real
 * gateway, journal and kill switch. An opening ticket is refused in a plain sentence with
 * nothing sent; a close and the kill switch still flatten, the kill switch naming the journal
 * entries it could not write; once the disk has room the held entries are written, in order.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway, type Gateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { engageKillSwitch } from '../../../electron/backend/trading/killSwitch.ts';
import { legSizes } from '../../../electron/backend/trading/ledgerFold.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { venueVerdict } from '../../../shared/domain/killSwitchWords.ts';
import { liveBrokers, startTradingSimulator, SYMBOLS } from './harness.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { createFlatteners, reachableTarget } from '../../fixtures/killSwitchTargets.ts';

const mountPoint = mkdtempSync(join(tmpdir(), 'ft-full-disk-'));
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return true;
  } catch (error) {
    console.warn(`full-disk test skipped: a tmpfs could not be mounted at ${mountPoint} (${(error as Error).message.split('\n')[0]})`);
    return false;
  }
})();

let sim: Simulator;
let brokers: Map<VenueId, Broker>;
let store: Store;
let gateway: Gateway;
const state = new TradingStateMachine(Date.now(), () => undefined);
const filler = join(mountPoint, 'filler');
const VENUES = ['binanceusdm', 'bybit'] as const;

/** Writes the filler in 64 KB pieces until the kernel refuses: the disk is full. */
function fillDisk(): void {
  const chunk = Buffer.alloc(64 * 1024, 1);
  for (let i = 0; ; i += 1) {
    try {
      writeFileSync(filler, chunk, { flag: 'a' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
      throw error;
    }
  }
}

const pair = (ticketId: string, reduceOnly = false) => ({
  ticketId, legOrder: 'sequential' as const, legTimeoutMs: 5_000, checklist: {}, override: null,
  legs: VENUES.map((venue, i) => ({ venue, symbol: SYMBOLS[venue], side: (i === 0) !== reduceOnly ? 'buy' as const : 'sell' as const, quantity: 0.02, reduceOnly })),
});

const size = async (venue: VenueId) => (await brokers.get(venue)!.positions()).reduce((sum, p) => sum + p.size, 0);

beforeAll(async () => {
  if (!mounted) return;
  sim = await startTradingSimulator();
  brokers = await liveBrokers(sim);
  store = await openStore(join(mountPoint, 'store'));
  gateway = createGateway({ state, journal: journalOf(store), brokers: (v) => brokers.get(v)!, now: Date.now, lookupDelaysMs: [0] });
  for (const id of ['fd-close', 'fd-kill']) expect((await gateway.submitPair({ ...pair(id), pairId: id })).status).toBe('hedged');
  fillDisk();
  // The database file's last page may still have room for a small row: the terminal keeps
  // journalling (market alerts here) until the first write the disk refuses.
  for (let i = 0; i < 10_000 && journalOf(store).backlog().entries.length === 0; i += 1) {
    await journalOf(store).append({ kind: 'alert', pairId: null, venue: null, symbol: null, clientOrderId: null, data: { filling: i } });
  }
  expect(journalOf(store).backlog().entries).toHaveLength(1);
}, 60_000);

afterAll(async () => {
  if (!mounted) return;
  for (const broker of brokers?.values() ?? []) await broker.close();
  await store?.close().catch(() => undefined);
  await sim?.close();
  execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a full disk under the journal', () => {
  it('refuses an opening ticket in a plain sentence, with nothing sent', async () => {
    const before = sim.log.list({}).length;
    const refused = await gateway.submitPair(pair('fd-new'));
    expect(refused).toMatchObject({ status: 'refused', orders: [] });
    expect(refused.message).toBe('ticket fd-new refused: the journal could not be written: disk full — no order was sent');
    expect(sim.log.list({}).length).toBe(before);
    expect(journalOf(store).ledger.pair('fd-new')).toBeUndefined();
  });

  it('a close still goes out; its entries are held in memory and the ledger shows the pair flat', async () => {
    const closed = await gateway.submitPair({ ...pair('fd-close-1', true), pairId: 'fd-close' });
    expect(closed.status).toBe('hedged');
    expect(legSizes(journalOf(store).ledger.pair('fd-close')!)).toEqual([0, 0]);
    const { entries, error } = journalOf(store).backlog();
    expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['intent', 'order-sent', 'order']));
    expect(String(error)).toMatch(/No space left on device/);
  });

  it('the kill switch flattens and names the journal entries it could not write', async () => {
    const report = await engageKillSwitch({
      state, now: Date.now, deadlineMs: 5_000,
      targets: () => createFlatteners(VENUES.map((v) => brokers.get(v)!), gateway, journalOf(store), Date.now).map(reachableTarget),
    }, 'full disk test');
    for (const row of report.venues) {
      expect(row).toMatchObject({ flat: true, closedPositions: 1 });
      expect(row.journalGaps).toEqual([expect.stringMatching(/^BTC\/USDT:USDT (buy|sell) 0\.02 reduce-only \(ks[0-9a-f]+\): done at the venue, its journal entry held in memory until the disk has room$/)]);
      expect(venueVerdict(row)).toMatch(/: flat — 0 orders cancelled, 1 position closed; NOT IN THE JOURNAL \(it could not be written\): /);
    }
    for (const venue of VENUES) expect(await size(venue)).toBe(0);
    expect(legSizes(journalOf(store).ledger.pair('fd-kill')!)).toEqual([0, 0]);
  });

  it('once the disk has room, the held entries are written in order and survive a restart', async () => {
    const held = journalOf(store).backlog().entries;
    expect(await journalOf(store).flush()).toBe(held.length); // still full: nothing written
    rmSync(filler);
    expect(await journalOf(store).flush()).toBe(0);
    const dir = join(mountPoint, 'store');
    await store.close();
    store = await openStore(dir);
    const stored = await journalOf(store).list();
    expect(stored.slice(-held.length)).toEqual(held);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    for (const id of ['fd-close', 'fd-kill']) expect(legSizes(journalOf(store).ledger.pair(id)!)).toEqual([0, 0]);
  });
});
