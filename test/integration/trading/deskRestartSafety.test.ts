/**
 * What protects an account survives a restart, through the real desk in Demo mode (`dispatch`,
 * paper brokers over the in-process simulator, DuckDB on disk), restarted over the same data dir
 * as in deskRestart.test.ts: HALTED from the kill switch and REDUCING set by hand come back as
 * they were, say so, and still refuse orders; a pair whose process died between its two legs
 * comes back UNHEDGED with its reason until it is closed; and once started, no request reads the
 * journal from the store again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/backend.ts';
import { Database } from '../../../electron/backend/store/connection.ts';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import { createGateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { deskDriver, startDemoBackend } from './deskDriver.ts';
import { liveBrokers, startTradingSimulator, SYMBOLS } from './harness.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';

const VENUES = ['binanceusdm', 'bybit'] as const;
const dataDir = mkdtempSync(join(tmpdir(), 'desk-restart-safety-'));
const seen: string[] = [];
let backend: Backend;
const desk = deskDriver(() => backend, VENUES, () => backend.demo!.simulator.clock.now(), seen);

function start(): Promise<Backend> {
  return startDemoBackend(dataDir, VENUES, seen);
}

/** Starts the backend and waits for the desk's accounts to be open (positions.list needs them). */
async function started(): Promise<void> {
  backend = await start();
  await desk.call('trading.reconcile');
}

async function restart(): Promise<void> {
  await backend.stop();
  seen.length = 0;
  await started();
}

const published = (stream: string) => seen.filter((line) => line.startsWith(`${stream} `)).map((line) => JSON.parse(line.slice(stream.length + 1)) as unknown);
const alertTexts = () => published('alerts').flatMap((batch) => (batch as Array<{ message: string }>).map((a) => a.message));

beforeAll(async () => {
  backend = await start();
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a restart keeps what protects the account', () => {
  it('HALTED by the kill switch comes back HALTED, says since when and why, and refuses every ticket until re-armed', async () => {
    expect((await desk.call('ticket.submit', await desk.btcTicket('safety-1'))).execution.status).toBe('hedged');
    const report = await desk.call('killSwitch.engage', {});
    expect(report.state).toMatchObject({ state: 'HALTED', reason: 'kill switch pressed' });

    await restart();
    const state = await desk.call('trading.state');
    expect(state).toEqual({ state: 'HALTED', since: report.state.since, reason: 'kill switch pressed', restoredAt: expect.any(Number) });
    const since = new Date(report.state.since).toISOString().slice(0, 19).replace('T', ' ');
    expect(alertTexts()).toContain(`trading HALTED since ${since} UTC (kill switch pressed) — restored at start: re-arm by hand to trade again`);
    expect(published('tradingState')).toContainEqual(state);

    const refused = await desk.call('ticket.submit', await desk.btcTicket('safety-after-halt'));
    expect(refused.execution).toMatchObject({ status: 'refused', orders: [] });
    expect(refused.execution.message).toMatch(/trading is HALTED \(kill switch pressed\)/);
    expect((await desk.call('positions.list')).some((p) => p.pairId === 'safety-after-halt')).toBe(false);

    expect(await desk.call('trading.rearm', { confirm: true })).toMatchObject({ state: 'ACTIVE', reason: 're-armed by hand' });
    await restart();
    expect((await desk.call('trading.state')).state).toBe('ACTIVE');
    expect((await desk.call('trading.state')).restoredAt).toBeUndefined();
  }, 180_000);

  it('REDUCING comes back REDUCING: an opening ticket is refused, the close of an open pair passes', async () => {
    expect((await desk.call('ticket.submit', await desk.btcTicket('safety-2'))).execution.status).toBe('hedged');
    expect((await desk.call('trading.reduce', { reason: 'winding down before the weekend' })).state).toBe('REDUCING');

    await restart();
    expect(await desk.call('trading.state')).toMatchObject({ state: 'REDUCING', reason: 'winding down before the weekend', restoredAt: expect.any(Number) });
    expect(alertTexts().some((text) => /^trading REDUCING since .* \(winding down before the weekend\) — restored at start/.test(text))).toBe(true);
    const refused = await desk.call('ticket.submit', await desk.btcTicket('safety-after-reduce'));
    expect(refused.execution.message).toMatch(/trading is REDUCING .*only reduce-only orders pass/);
    expect((await desk.call('positions.close', { pairId: 'safety-2' })).status).toBe('hedged');
    expect((await desk.call('positions.list')).find((p) => p.pairId === 'safety-2')?.status).toBe('closed');

    // Every transition is in the journal, in order, with its reason.
    const transitions = (await desk.call('journal.list')).filter((e) => e.kind === 'trading-state').map((e) => e.data);
    expect(transitions).toEqual([
      { state: 'HALTED', reason: 'kill switch pressed' },
      { state: 'ACTIVE', reason: 're-armed by hand' },
      { state: 'REDUCING', reason: 'winding down before the weekend' },
    ]);
    await desk.call('trading.rearm', { confirm: true });
  }, 180_000);

  it('a pair whose process died after its first leg filled and before the second answered comes back UNHEDGED until closed', async () => {
    await backend.stop();
    // The previous run: the real gateway over the store, a first leg filled at a venue, and a
    // second leg the venue received but whose answer never came back before the process died.
    const sim = await startTradingSimulator();
    const venues = await liveBrokers(sim);
    const store = await openStore(dataDir);
    const binance = venues.get('binanceusdm')!;
    const dying = new Proxy(binance, {
      get: (target, key) => (key === 'createOrder'
        ? (request: Parameters<Broker['createOrder']>[0]) => { void target.createOrder(request); return new Promise<never>(() => undefined); }
        : Reflect.get(target, key, target) as unknown),
    });
    const brokers = (venue: VenueId): Broker => (venue === 'binanceusdm' ? dying : venues.get(venue)!);
    const gateway = createGateway({ state: new TradingStateMachine(sim.clock.now(), () => undefined, journalOf(store)), journal: journalOf(store), brokers, now: () => sim.clock.now() });
    void gateway.submitPair({
      ticketId: 'safety-crash', legOrder: 'sequential', legTimeoutMs: 600_000, checklist: {}, override: null,
      legs: [
        { venue: 'bybit', symbol: SYMBOLS.bybit, side: 'sell', quantity: 0.05, reduceOnly: false },
        { venue: 'binanceusdm', symbol: SYMBOLS.binanceusdm, side: 'buy', quantity: 0.05, reduceOnly: false },
      ],
    });
    for (let i = 0; i < 200 && journalOf(store).ledger.pair('safety-crash')?.sent.length !== 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(journalOf(store).ledger.pair('safety-crash')?.sent.map((s) => s.venue)).toEqual(['bybit', 'binanceusdm']);
    await store.close(); // the process dies here
    for (const broker of venues.values()) await broker.close();
    await sim.close();

    seen.length = 0;
    await started();
    const crashed = (await desk.call('positions.list')).find((p) => p.pairId === 'safety-crash')!;
    expect(crashed.status).toBe('unhedged');
    expect(crashed.unhedgedReason).toMatch(/^interrupted between legs: leg 1 never answered \(binanceusdm BTC\/USDT:USDT order \w+\); delta -0\.05 BTC by the journal \(bybit short 0\.05, binanceusdm flat\)$/);
    expect(crashed.deltaDrift).toBe(-0.05);
    expect(alertTexts().some((text) => text.startsWith('UNHEDGED: pair safety-crash: interrupted between legs: leg 1 never answered'))).toBe(true);
    // The status bar's feed: the positions stream carries the pair UNHEDGED.
    await vi.waitFor(() => expect(published('positions').some((pairs) => (pairs as Array<{ pairId: string; status: string }>).some((p) => p.pairId === 'safety-crash' && p.status === 'unhedged'))).toBe(true));
    const { differences } = await desk.call('trading.reconcile');
    expect(differences.some((d) => d.includes('was sent but its answer was never journalled'))).toBe(true);

    // Still UNHEDGED after another restart; journalled UNHEDGED once.
    await restart();
    expect((await desk.call('positions.list')).find((p) => p.pairId === 'safety-crash')?.status).toBe('unhedged');
    expect((await desk.call('journal.list', { pairId: 'safety-crash' })).filter((e) => e.kind === 'unhedged')).toHaveLength(1);

    // Closed: no longer unhedged, and it stays closed across a restart.
    expect((await desk.call('positions.close', { pairId: 'safety-crash' })).status).toBe('hedged');
    expect((await desk.call('positions.list')).find((p) => p.pairId === 'safety-crash')?.status).toBe('closed');
    await restart();
    expect((await desk.call('positions.list')).find((p) => p.pairId === 'safety-crash')?.status).toBe('closed');
  }, 180_000);

  it('no request reads the journal from the store once the desk is up', async () => {
    await desk.call('positions.list');
    const exclusive = vi.spyOn(Database.prototype, 'exclusive');
    try {
      await desk.call('ticket.preview', await desk.btcTicket('safety-reads'));
      expect((await desk.call('ticket.submit', await desk.btcTicket('safety-reads'))).execution.status).toBe('hedged');
      await desk.call('positions.list');
      await desk.call('trading.reconcile');
      await desk.call('journal.stats');
      await desk.call('positions.close', { pairId: 'safety-reads' });
      await desk.call('killSwitch.engage', {});
      expect(exclusive.mock.calls.map(([operation]) => operation).filter((operation) => operation === 'journal list')).toEqual([]);
      expect(exclusive.mock.calls.filter(([operation]) => operation === 'journal append').length).toBeGreaterThan(5);
    } finally {
      exclusive.mockRestore();
    }
  }, 120_000);
});
