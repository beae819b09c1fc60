/**
 * The kill switch over live (Demo) brokers against the simulator: 429s and a venue down for a
 * while are retried through; a venue down for good is reported honestly; HALTED refuses new
 * tickets while the flatteners' reduce-only closes still pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { engageKillSwitch } from '../../../electron/backend/trading/killSwitch.ts';
import { legSizes } from '../../../electron/backend/trading/ledgerFold.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { liveBrokers, startTradingSimulator, SYMBOLS, TRADING_VENUES } from './harness.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { createFlatteners, reachableTarget } from '../../fixtures/killSwitchTargets.ts';

let sim: Simulator;
let brokers: Map<VenueId, Broker>;
let store: Store;

beforeAll(async () => {
  sim = await startTradingSimulator();
  brokers = await liveBrokers(sim);
  store = await openStore(':memory:');
});

afterAll(async () => {
  for (const broker of brokers.values()) await broker.close();
  await store.close();
  await sim.close();
});

describe('kill switch over the simulator', () => {
  it('flattens every venue it can through 429s and an outage, reports the venue that stayed down, and halts', async () => {
    const state = new TradingStateMachine(Date.now(), () => undefined);
    const gateway = createGateway({ state, journal: journalOf(store), brokers: (v) => brokers.get(v)!, now: Date.now, lookupDelaysMs: [0] });
    for (const venue of TRADING_VENUES) {
      const result = await gateway.submitPair({
        ticketId: `open-${venue}`, legOrder: 'sequential', legTimeoutMs: 5_000, checklist: {}, override: null,
        legs: [{ venue, symbol: SYMBOLS[venue], side: venue === 'okx' ? 'sell' : 'buy', quantity: 0.02, reduceOnly: false }],
      });
      expect(result.status).toBe('hedged');
    }
    const resting = await brokers.get('bybit')!.createOrder({ symbol: SYMBOLS.bybit, side: 'buy', type: 'limit', quantity: 0.01, price: 1_000, reduceOnly: false, clientOrderId: 'ftresting1' });
    expect(resting.status).toBe('open');

    sim.faults.inject({ venue: 'bybit', kind: 'status', status: 429, times: 3 });
    sim.faults.setDown('okx', true);
    sim.faults.setDown('hyperliquid', true);
    const okxBack = setTimeout(() => sim.faults.setDown('okx', false), 1_200);
    const report = await engageKillSwitch({
      state, now: Date.now, deadlineMs: 5_000,
      targets: () => createFlatteners(TRADING_VENUES.map((v) => brokers.get(v)!), gateway, journalOf(store), Date.now).map(reachableTarget),
    }, 'test: kill switch');
    clearTimeout(okxBack);
    sim.faults.clear();

    const byVenue = Object.fromEntries(report.venues.map((v) => [v.venue, v]));
    expect(report.state.state).toBe('HALTED');
    expect(byVenue.binanceusdm).toMatchObject({ flat: true, closedPositions: 1, error: null });
    expect(byVenue.bybit).toMatchObject({ flat: true, cancelledOrders: 1, closedPositions: 1, error: null });
    expect(byVenue.okx).toMatchObject({ flat: true, closedPositions: 1, error: null });
    expect(byVenue.hyperliquid.flat).toBe(false);
    expect(byVenue.hyperliquid.error).toMatch(/Hyperliquid is unreachable/);
    expect(sim.log.list({ venue: 'bybit' }).filter((e) => e.status === 429)).toHaveLength(3);
    for (const venue of ['binanceusdm', 'bybit', 'okx'] as const) expect(await brokers.get(venue)!.positions()).toEqual([]);
    expect(await brokers.get('hyperliquid')!.positions()).toHaveLength(1);
    // The closes went out under the pairs that held them, and the cancel is journalled.
    const ledger = journalOf(store).ledger;
    for (const venue of ['binanceusdm', 'bybit', 'okx'] as const) expect(legSizes(ledger.pair(`open-${venue}`)!)).toEqual([0]);
    expect(legSizes(ledger.pair('open-hyperliquid')!)).toEqual([0.02]);
    expect((await journalOf(store).list()).filter((e) => e.kind === 'cancel').map((e) => e.clientOrderId)).toEqual(['ftresting1']);

    const refused = await gateway.submitPair({
      ticketId: 'after-halt', legOrder: 'sequential', legTimeoutMs: 5_000, checklist: {}, override: null,
      legs: [{ venue: 'binanceusdm', symbol: SYMBOLS.binanceusdm, side: 'buy', quantity: 0.01, reduceOnly: false }],
    });
    expect(refused).toMatchObject({ status: 'refused', orders: [] });
    expect(refused.message).toMatch(/^ticket after-halt refused: trading is HALTED \(test: kill switch\)/);
    expect((await journalOf(store).list()).some((e) => e.pairId === 'after-halt')).toBe(false);
  });
});
