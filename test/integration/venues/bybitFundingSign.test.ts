/**
 * Bybit's funding rows state `execFee`, a fee (positive = paid); ccxt passes it through as the
 * amount. The live broker must hand the journal income (positive = received): checked on
 * Bybit's own recorded answer and end to end through the gateway against the simulator,
 * whose rows are checked against the recorded one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { DEFAULT_UNIVERSE_SIZE } from '../../../electron/simulator/universe.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { createFundingJournaller } from '../../../electron/backend/trading/fundingJournal.ts';
import type { PairIntent } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { liveBrokers, startTradingSimulator, SYMBOLS } from '../trading/harness.ts';
import { recorded } from './recordedFixtures.ts';
import { recordedFundingPayments } from './recordedProxy.ts';
import { unexplainedDifferences } from './wireShape.ts';
import { BYBIT_ALLOWED } from './allowedDifferences.ts';
import { wireClient } from './venueClients.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';

let sim: Simulator;
let brokers: Map<VenueId, Broker>;
let dir: string;
let store: Store;

beforeAll(async () => {
  // The recorded answer names LTCUSDT: the default universe lists it.
  sim = await startTradingSimulator(DEFAULT_UNIVERSE_SIZE);
  brokers = await liveBrokers(sim);
  dir = await mkdtemp(join(tmpdir(), 'ft-bybit-funding-'));
  store = await openStore(dir);
});

afterAll(async () => {
  for (const broker of brokers.values()) await broker.close();
  await store.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Bybit funding income sign', () => {
  it("Bybit's recorded answer: the LTCUSDT long that paid 0.00867 USDT at +0.01 % is income −0.00867", async () => {
    const answer = recorded('bybit', 'fetchFundingHistory').response;
    const payments = await recordedFundingPayments(sim.url, 'bybit', 'GET /v5/execution/list', answer, 'LTC/USDT:USDT');
    expect(payments.map((p) => [p.symbol, p.time, p.amount, p.rate])).toEqual([['LTC/USDT:USDT', 1699948800000, -0.00867, 0.0001]]);
  });

  it('a Bybit short receiving positive funding journals a positive income, the Binance long a negative one', async () => {
    const intent: PairIntent = {
      ticketId: `t-sign-${Date.now()}`, legOrder: 'sequential', legTimeoutMs: 5_000, override: null,
      checklist: { alignment: 'confirmed', items: ['funding verified'] },
      legs: [
        { venue: 'binanceusdm', symbol: SYMBOLS.binanceusdm, side: 'buy', quantity: 0.1, reduceOnly: false },
        { venue: 'bybit', symbol: SYMBOLS.bybit, side: 'sell', quantity: 0.1, reduceOnly: false },
      ],
    };
    const gateway = createGateway({ state: new TradingStateMachine(0, () => undefined), journal: journalOf(store), brokers: (venue) => brokers.get(venue)!, now: () => sim.clock.now() });
    expect((await gateway.submitPair(intent)).status).toBe('hedged');
    sim.market.setRate('bybit', 'BTCUSDT', 0.0004);
    sim.market.setRate('binanceusdm', 'BTCUSDT', 0.0004);
    const settlement = Date.UTC(2026, 2, 4, 16, 0, 0);
    sim.clock.advanceTo(settlement + 1_000);
    const journaller = createFundingJournaller(journalOf(store), () => sim.clock.now(), (venue, error) => { throw new Error(`${venue}: ${String(error)}`); });
    expect(await journaller.sync([brokers.get('binanceusdm')!, brokers.get('bybit')!])).toBe(2);
    const amounts = new Map((await journalOf(store).list()).filter((e) => e.kind === 'funding').map((e) => [e.venue, (e.data as { amount: number }).amount]));
    expect(amounts.get('bybit')).toBeGreaterThan(0);
    expect(amounts.get('binanceusdm')).toBeLessThan(0);
    // 0.1 BTC at the settlement mark × 0.04 %: the same size on both legs, the same rate.
    expect(amounts.get('bybit')).toBeCloseTo(-amounts.get('binanceusdm')!, 2);
  });

  it("the simulator's funding row has the fields and JSON types of Bybit's recorded one", async () => {
    const client = wireClient(sim, 'bybit');
    await client.exchange.loadMarkets();
    await client.exchange.fetchFundingHistory(SYMBOLS.bybit);
    const simulated = client.answer('GET', '/v5/execution/list');
    expect(unexplainedDifferences(recorded('bybit', 'fetchFundingHistory').response, simulated, { allowed: BYBIT_ALLOWED })).toEqual([]);
    await client.exchange.close();
  });
});
