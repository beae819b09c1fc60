/**
 * Hyperliquid: the position and funding reads the terminal makes, the simulator's raw answer
 * against Hyperliquid's documented one (positions carry `cumFunding`), and the funding sign.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import type { Order } from '../../../shared/domain/orders.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { credentialsFor } from '../trading/harness.ts';
import { wireClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, type WireCase } from './wireCases.ts';
import { settleOnce, startWireSimulator } from './wireHarness.ts';

const SYMBOL = 'BTC/USDC:USDC';
let sim: Simulator;
let client: WireClient;
let broker: Broker;
const answers = new Map<string, unknown>();
let opened: Order;

const CASES: WireCase[] = [
  {
    method: 'fetchPositions', fixture: 'fetchPositions', route: 'POST /info',
    allowed: { 'missing $.assetPositions[].position.leverage.rawUsd': 'isolated positions carry it; the documented position is isolated, the simulated one cross (the terminal trades cross by default)' },
  },
  { method: 'fetchFundingHistory', fixture: 'fetchFundingHistory', route: 'POST /info' },
  { method: 'createOrder', fixture: 'createOrder', route: 'POST /exchange' },
  // The order status answer wraps the order row ({order, status, statusTimestamp}) the recorded list holds.
  { method: 'fetchOrder', fixture: 'fetchOrder', route: 'POST /info', pick: (answer) => (answer as { order: unknown }).order },
];

beforeAll(async () => {
  sim = await startWireSimulator(['hyperliquid']);
  broker = await createLiveBroker({ venue: 'hyperliquid', credentials: credentialsFor('hyperliquid'), connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
  opened = await broker.createOrder({ symbol: SYMBOL, side: 'sell', type: 'market', quantity: 0.01, reduceOnly: false, clientOrderId: `0x${'f1'.repeat(16)}` }); // Hyperliquid takes a 128-bit hex cloid only
  settleOnce(sim, 'hyperliquid', 'BTC');
  settleOnce(sim, 'hyperliquid', 'BTC');
  client = wireClient(sim, 'hyperliquid');
  await client.exchange.loadMarkets();
  await client.exchange.fetchPositions([SYMBOL]);
  answers.set('fetchPositions', client.answer('POST', '/info'));
  await client.exchange.fetchFundingHistory(SYMBOL);
  answers.set('fetchFundingHistory', client.answer('POST', '/info'));
  const mark = sim.market.markPrice('hyperliquid', 'BTC');
  const created = await client.exchange.createOrder(SYMBOL, 'market', 'buy', 0.01, mark, { clientOrderId: `0x${'f2'.repeat(16)}` });
  answers.set('createOrder', client.answer('POST', '/exchange'));
  await client.exchange.fetchOrder(String(created.id), SYMBOL);
  answers.set('fetchOrder', client.answer('POST', '/info'));
});

afterAll(async () => {
  await broker.close();
  await client.exchange.close();
  await sim.close();
});

describeWireCases('hyperliquid', CASES, () => ({ client, saved: answers }));

describe('Hyperliquid cumFunding', () => {

  it("a position's cumFunding is what it paid: the two settlements' income, negated", async () => {
    const state = answers.get('fetchPositions') as { assetPositions: Array<{ position: { coin: string; cumFunding: Record<string, string> } }> };
    const btc = state.assetPositions.find((p) => p.position.coin === 'BTC')!.position;
    const payments = await broker.fundingPayments(SYMBOL);
    expect(payments).toHaveLength(2);
    const received = payments.reduce((sum, p) => sum + p.amount, 0);
    expect(Number(btc.cumFunding.sinceOpen)).toBeCloseTo(-received, 6);
    expect(Number(btc.cumFunding.allTime)).toBeCloseTo(-received, 6);
  });
});

// ccxt states Hyperliquid's price precision as significant figures in the recording (5) and as
// a tick derived from szDecimals now: a ccxt change, not a venue one, so it is not compared.
describeMarketDefinitions('hyperliquid', () => client, ['BTC/USDC:USDC', 'ETH/USDC:USDC'], {
  skip: ['precision.price'],
  extra: (real, simulated) => {
    const info = (m: typeof real) => m.info as { szDecimals: unknown; maxLeverage: unknown };
    expect([Number(info(simulated).szDecimals), Number(info(simulated).maxLeverage)]).toEqual([Number(info(real).szDecimals), Number(info(real).maxLeverage)]);
  },
});

describe('Hyperliquid perp fills', () => {
  // Its order answer and status state no fee: without the fills the journal booked every
  // Hyperliquid perp order as free.
  it("journals a perp market order's fee and price from its fills, the taker fee on what filled", () => {
    expect(opened.filled).toBeCloseTo(0.01, 8);
    expect(opened.averagePrice).toBeGreaterThan(0);
    expect(opened.fee).toBeGreaterThan(0);
    expect(opened.fee).toBeCloseTo(opened.filled * opened.averagePrice! * VENUES.hyperliquid.takerFee, 6);
  });
});
