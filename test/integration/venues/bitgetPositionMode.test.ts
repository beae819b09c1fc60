/**
 * Bitget states the position mode (`posMode`) on the single account
 * (`/api/v2/mix/account/account`), not on the account list a balance reads. The terminal must
 * read it there, and the simulator must answer both as Bitget documents them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { DEMO_CREDENTIAL } from '../../../electron/simulator/credentials.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import { recorded } from './recordedFixtures.ts';
import { startRecordedProxy } from './recordedProxy.ts';
import { wireClient } from './venueClients.ts';
import { unexplainedDifferences } from './wireShape.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, paused: true, startTime: START_TIME, venues: ['bitget'], universeSize: 10, initialBalance: 100_000 });
});

afterAll(async () => {
  await sim.close();
});

describe('Bitget position mode', () => {
  it("the simulator's account list and single account have the fields and types Bitget documents; posMode is on the single account only", async () => {
    const client = wireClient(sim, 'bitget');
    await client.exchange.fetchBalance({ type: 'swap' });
    await client.exchange.fetchLeverage(SYMBOL);
    expect(unexplainedDifferences(recorded('bitget', 'fetchBalance').response, client.answer('GET', '/api/v2/mix/account/accounts'))).toEqual([]);
    expect(unexplainedDifferences(recorded('bitget', 'fetchLeverage').response, client.answer('GET', '/api/v2/mix/account/account'))).toEqual([]);
    await client.exchange.close();
  });

  it("Bitget's documented hedge-mode account is refused before leverage is set: the broker reads the single account", async () => {
    const proxy = await startRecordedProxy(sim.url, { 'GET /api/v2/mix/account/account': recorded('bitget', 'fetchLeverage').response });
    const broker = await createLiveBroker({ venue: 'bitget', credentials: { ...DEMO_CREDENTIAL }, connection: { baseUrl: proxy.url, timeoutMs: 2_000 } });
    try {
      await expect(broker.setLeverage(SYMBOL, 3)).rejects.toThrow(/bitget account is in hedge \(dual-side\) position mode/);
      expect(sim.log.list({ venue: 'bitget', path: '/api/v2/mix/account/set-leverage' })).toEqual([]);
    } finally {
      await broker.close();
      await proxy.close();
    }
  });

  it("with Bitget's documented account list (no posMode on it), a simulated hedge-mode account is still found", async () => {
    const proxy = await startRecordedProxy(sim.url, { 'GET /api/v2/mix/account/accounts': recorded('bitget', 'fetchBalance').response });
    const broker = await createLiveBroker({ venue: 'bitget', credentials: { ...DEMO_CREDENTIAL }, connection: { baseUrl: proxy.url, timeoutMs: 2_000 } });
    sim.accounts.setHedgeMode('bitget', DEMO_CREDENTIAL.apiKey, true);
    try {
      await expect(broker.createOrder({ symbol: SYMBOL, side: 'buy', type: 'market', quantity: 0.01, reduceOnly: false, clientOrderId: 'fthedgebg1' })).rejects.toThrow(/hedge \(dual-side\)/);
      expect(sim.accounts.orders('bitget', DEMO_CREDENTIAL.apiKey)).toEqual([]);
    } finally {
      sim.accounts.setHedgeMode('bitget', DEMO_CREDENTIAL.apiKey, false);
      await broker.close();
      await proxy.close();
    }
  });
});
