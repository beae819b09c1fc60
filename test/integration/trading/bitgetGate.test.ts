/**
 * Bitget and Gate through the live (Demo) brokers and the gateway: the two venues whose order
 * paths differ most from the others (Bitget's passphrase and product type, Gate's contracts of
 * 0.0001 BTC and isolated leverage), over ccxt's real HTTP code against the simulator.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { DEMO_CREDENTIAL } from '../../../electron/simulator/credentials.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway, type Gateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { createFundingJournaller } from '../../../electron/backend/trading/fundingJournal.ts';
import { engageKillSwitch } from '../../../electron/backend/trading/killSwitch.ts';
import type { Fill, PairIntent } from '../../../shared/domain/orders.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { createFlatteners, reachableTarget } from '../../fixtures/killSwitchTargets.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let bitget: Broker;
let gate: Broker;
let dir: string;
let store: Store;
let gateway: Gateway;
let state: TradingStateMachine;

function intent(ticketId: string, long: Broker, short: Broker, quantity: number, reduceOnly = false): PairIntent {
  return {
    ticketId, legOrder: 'sequential', legTimeoutMs: 5_000, override: null,
    checklist: { alignment: 'neutral', items: ['funding verified'] },
    legs: [
      { venue: long.venue, symbol: SYMBOL, side: 'buy', quantity, reduceOnly },
      { venue: short.venue, symbol: SYMBOL, side: 'sell', quantity, reduceOnly },
    ],
  };
}

const size = async (broker: Broker): Promise<number> => (await broker.positions()).filter((p) => p.symbol === SYMBOL).reduce((sum, p) => sum + p.size, 0);

beforeAll(async () => {
  sim = await startSimulator({ seed: 17, paused: true, startTime: START_TIME, venues: ['bitget', 'gate'], universeSize: 20, initialBalance: 100_000 });
  const connection = { baseUrl: sim.url, timeoutMs: 1_000 };
  bitget = await createLiveBroker({ venue: 'bitget', credentials: { ...DEMO_CREDENTIAL }, connection });
  gate = await createLiveBroker({ venue: 'gate', credentials: { ...DEMO_CREDENTIAL }, connection });
});

afterAll(async () => {
  await bitget.close();
  await gate.close();
  await sim.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ft-bg-'));
  store = await openStore(dir);
  state = new TradingStateMachine(0, () => undefined);
  gateway = createGateway({
    state, journal: journalOf(store), brokers: (venue) => (venue === 'bitget' ? bitget : gate),
    now: () => sim.clock.now(), alert: () => undefined, lookupDelaysMs: [0, 300, 600],
  });
});

afterEach(async () => {
  sim.faults.clear();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a pair long Gate, short Bitget, through the live brokers', () => {
  it('opens hedged in base units (Gate counts 0.0001 BTC contracts), collects funding at the 16:00 settlement, and closes flat', async () => {
    const open = intent('bg-1', gate, bitget, 0.012);
    const opened = await gateway.submitPair(open);
    expect(opened.status).toBe('hedged');
    expect(opened.orders.map((o) => [o.venue, o.side, o.filled])).toEqual([['gate', 'buy', 0.012], ['bitget', 'sell', 0.012]]);
    expect(await size(gate)).toBeCloseTo(0.012, 12);
    expect(await size(bitget)).toBeCloseTo(-0.012, 12);
    const fills = (await journalOf(store).list({ pairId: 'bg-1' })).filter((e) => e.kind === 'fill').map((e) => e.data as Fill);
    expect(fills.map((f) => [f.venue, f.quantity])).toEqual([['gate', 0.012], ['bitget', 0.012]]);
    // Gate states no fee amount on a futures order, only its taker rate (0.05 % here): the fee is derived from it.
    expect(fills[0].fee).toBeCloseTo(0.012 * fills[0].price * 0.0005, 9);
    expect(fills[1].fee).toBeGreaterThan(0);
    expect(fills.map((f) => f.clientOrderId)).toEqual(opened.orders.map((o) => o.clientOrderId));
    expect(opened.orders.every((o) => o.clientOrderId.startsWith('ft'))).toBe(true);
    // The gateway never resends a creation: the venue finds each leg by its client id.
    for (const order of opened.orders) {
      expect((await (order.venue === 'gate' ? gate : bitget).fetchOrderByClientId(SYMBOL, order.clientOrderId))?.filled).toBeCloseTo(0.012, 12);
    }

    const settlement = Date.UTC(2026, 2, 4, 16, 0, 0);
    sim.clock.advanceTo(settlement + 1_000);
    const journaller = createFundingJournaller(journalOf(store), () => sim.clock.now(), (venue, error) => { throw new Error(`${venue}: ${String(error)}`); });
    expect(await journaller.sync([gate, bitget])).toBe(2);
    const funding = (await journalOf(store).list()).filter((e) => e.kind === 'funding');
    expect(funding.map((e) => [e.pairId, e.venue, e.time])).toEqual(expect.arrayContaining([['bg-1', 'gate', settlement], ['bg-1', 'bitget', settlement]]));
    // The long pays and the short receives the same sign of rate: the two amounts have opposite signs.
    const amounts = funding.map((e) => (e.data as { amount: number }).amount);
    expect(Math.sign(amounts[0]) * Math.sign(amounts[1])).toBe(-1);

    const close = await gateway.submitPair({ ...intent('bg-1-close', bitget, gate, 0.012, true), pairId: 'bg-1' });
    expect(close.status).toBe('hedged');
    expect(await size(gate)).toBeCloseTo(0, 12);
    expect(await size(bitget)).toBeCloseTo(0, 12);
  });

  it('Gate refusing the short leg for margin unwinds the filled Bitget leg reduce-only and leaves both flat', async () => {
    sim.faults.inject({ venue: 'gate', kind: 'reject', reason: 'insufficient-margin', path: '/api/v4/futures/', method: 'POST', times: 1 });
    const result = await gateway.submitPair(intent('bg-2', bitget, gate, 0.02));
    expect(result.status).toBe('unwound');
    expect(result.message).toMatch(/gate/i);
    expect(await size(bitget)).toBeCloseTo(0, 12);
    expect(await size(gate)).toBeCloseTo(0, 12);
    const kinds = (await journalOf(store).list({ pairId: 'bg-2' })).map((e) => e.kind);
    expect(kinds).toContain('order-error');
    expect(result.orders.map((o) => [o.venue, o.side, o.reduceOnly, o.filled])).toEqual([['bitget', 'buy', false, 0.02], ['bitget', 'sell', true, 0.02]]);
  });

  it('the kill switch flattens a Gate leg: its ids fit Gate\'s 28 characters after t-, which the simulator enforces as Gate does', async () => {
    const opened = await gateway.submitPair(intent('bg-ks', gate, bitget, 0.02));
    expect(opened.status).toBe('hedged');
    const report = await engageKillSwitch({
      state, now: Date.now, deadlineMs: 2_000, targets: () => createFlatteners([gate, bitget], gateway, journalOf(store), () => sim.clock.now()).map(reachableTarget),
    }, 'test: flatten Gate');
    expect(report.venues.map((v) => [v.venue, v.flat, v.closedPositions, v.error])).toEqual([['gate', true, 1, null], ['bitget', true, 1, null]]);
    expect(await size(gate)).toBe(0);
    expect(await size(bitget)).toBe(0);
    const closes = (await journalOf(store).list({ pairId: 'bg-ks' })).filter((e) => e.kind === 'order' && (e.data as { reduceOnly: boolean }).reduceOnly);
    // The kill switch flattens the venues side by side: their closes journal in either order.
    expect(closes.map((e) => [e.venue, (e.data as { filled: number }).filled]).sort()).toEqual([['bitget', 0.02], ['gate', 0.02]]);
    // What Gate received: `t-` and our kill-switch id, found again by it.
    const gateClose = closes.find((e) => e.venue === 'gate')!.clientOrderId!;
    expect(gateClose).toMatch(/^ks[0-9a-f]{26}$/);
    expect((await gate.fetchOrderByClientId(SYMBOL, gateClose))?.filled).toBeCloseTo(0.02, 12);
  });
});
