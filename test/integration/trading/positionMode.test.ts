/**
 * Hedge-mode accounts, read through ccxt from each venue's own answer (Binance's dual-side flag,
 * Bybit's positionIdx, OKX's posMode, Bitget's account posMode, Gate's in_dual_mode), against the simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { DEMO_CREDENTIAL } from '../../../electron/simulator/credentials.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import { createGateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';

const VENUES = ['binanceusdm', 'bybit', 'okx', 'bitget', 'gate'] as const satisfies readonly VenueId[];
const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
const brokers = new Map<VenueId, Broker>();

const order = (clientOrderId: string, reduceOnly = false) => ({ symbol: SYMBOL, side: 'buy' as const, type: 'market' as const, quantity: 0.01, reduceOnly, clientOrderId });

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, paused: true, startTime: START_TIME, venues: [...VENUES], universeSize: 10, initialBalance: 100_000 });
  for (const venue of VENUES) {
    brokers.set(venue, await createLiveBroker({ venue, credentials: { ...DEMO_CREDENTIAL }, connection: { baseUrl: sim.url, timeoutMs: 1_000 } }));
  }
});

afterAll(async () => {
  for (const broker of brokers.values()) await broker.close();
  await sim.close();
});

describe('an account in hedge (dual-side) position mode', () => {
  it.each(VENUES)('on %s is refused before leverage or an opening order, in words that say what to switch; nothing reaches the venue', async (venue) => {
    sim.accounts.setHedgeMode(venue, DEMO_CREDENTIAL.apiKey, true);
    try {
      const broker = brokers.get(venue)!;
      const words = new RegExp(`${venue} account is in hedge \\(dual-side\\) position mode.*switch the account to one-way mode`);
      await expect(broker.setLeverage(SYMBOL, 3)).rejects.toThrow(words);
      await expect(broker.createOrder(order(`fthedge${venue.slice(0, 3)}`))).rejects.toThrow(words);
      expect(sim.accounts.orders(venue, DEMO_CREDENTIAL.apiKey)).toEqual([]);
    } finally {
      sim.accounts.setHedgeMode(venue, DEMO_CREDENTIAL.apiKey, false);
    }
  });

  it('a pair whose second venue is in hedge mode fails whole: the first leg is never sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-hedge-'));
    const store = await openStore(dir);
    try {
      sim.accounts.setHedgeMode('okx', DEMO_CREDENTIAL.apiKey, true);
      const gateway = createGateway({ state: new TradingStateMachine(0, () => undefined), journal: journalOf(store), brokers: (venue) => brokers.get(venue)!, now: () => sim.clock.now(), alert: () => undefined });
      const result = await gateway.submitPair({
        ticketId: 'hedge-1', legOrder: 'sequential', legTimeoutMs: 5_000, override: null, checklist: { alignment: 'neutral', items: [] },
        legs: [
          { venue: 'binanceusdm', symbol: SYMBOL, side: 'buy', quantity: 0.01, reduceOnly: false, leverage: 3, marginMode: 'cross' },
          { venue: 'okx', symbol: SYMBOL, side: 'sell', quantity: 0.01, reduceOnly: false, leverage: 3, marginMode: 'cross' },
        ],
      });
      expect(result.status).toBe('failed');
      expect(result.message).toMatch(/^okx BTC\/USDT:USDT: the account could not be prepared for 3× \(.*hedge \(dual-side\) position mode.*\); nothing was sent$/);
      expect(result.orders).toEqual([]);
      expect(sim.accounts.orders('binanceusdm', DEMO_CREDENTIAL.apiKey)).toEqual([]);
    } finally {
      sim.accounts.setHedgeMode('okx', DEMO_CREDENTIAL.apiKey, false);
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('once switched back to one-way, the same broker trades, and a reduce-only close is never held back', async () => {
    const broker = brokers.get('gate')!;
    await broker.setLeverage(SYMBOL, 3);
    expect((await broker.createOrder(order('ftoneway1'))).filled).toBeCloseTo(0.01, 12);
    sim.accounts.setHedgeMode('gate', DEMO_CREDENTIAL.apiKey, true);
    try {
      expect((await broker.createOrder({ ...order('ftoneway2', true), side: 'sell' })).filled).toBeCloseTo(0.01, 12);
    } finally {
      sim.accounts.setHedgeMode('gate', DEMO_CREDENTIAL.apiKey, false);
    }
  });
});
