/**
 * Gate: the requests the terminal makes, the simulator's raw answer against Gate's documented
 * one (contracts carry risk_limit_base/step/max), and the tiers read from both places Gate
 * states them (the contract, and /risk_limit_tiers) agreeing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { credentialsFor } from '../trading/harness.ts';
import { GATE_ALLOWED } from './allowedDifferences.ts';
import { wireClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, type WireCase } from './wireCases.ts';
import { settleOnce, startWireSimulator } from './wireHarness.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let client: WireClient;
let broker: Broker;
const answers = new Map<string, unknown>();
const firstRow = (answer: unknown) => (answer as unknown[])[0];

/** Gate's order read-back by the id it echoes. */
const READ_BACK = 'GET /api/v4/futures/usdt/orders/t-ftwiregate2';

const CASES: WireCase[] = [
  { method: 'fetchFundingRates', fixture: 'fetchFundingRates', route: 'GET /api/v4/futures/usdt/contracts', allowed: GATE_ALLOWED },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: 'GET /api/v4/futures/usdt/funding_rate', pick: firstRow },
  { method: 'fetchMarketLeverageTiers', fixture: 'fetchMarketLeverageTiers', route: 'GET /api/v4/futures/usdt/risk_limit_tiers' },
  {
    method: 'setLeverage', fixture: 'setLeverage', route: 'POST /api/v4/futures/usdt/positions/BTC_USDT/leverage',
    allowed: {
      'extra $.update_time': 'the position Gate answers with carries it (the documented position of fetchPositions does)',
      'extra $.open_time': 'the position Gate answers with carries it (the documented position of fetchPositions does)',
      'extra $.update_id': 'the position Gate answers with carries it (the documented position of fetchPositions does)',
      'extra $.trade_max_size': 'the position Gate answers with carries it (the documented position of fetchPositions does)',
      'extra $.initial_margin': 'the position Gate answers with carries it (the documented position of fetchPositions does)',
      'extra $.maintenance_margin': 'the position Gate answers with carries it (the documented position of fetchPositions does)',
    },
  },
  { method: 'fetchPositions', fixture: 'fetchPositions', route: 'GET /api/v4/futures/usdt/positions' },
  { method: 'fetchFundingHistory', fixture: 'fetchFundingHistory', route: 'GET /api/v4/futures/usdt/account_book', allowed: GATE_ALLOWED },
  {
    method: 'fetchBalance', fixture: 'fetchBalance', route: 'GET /api/v4/futures/usdt/accounts',
    allowed: { 'extra $.enable_credit': "in Gate's documented response schema (portfolio margin mode on or off), absent from its example" },
  },
  { method: 'createOrder', fixture: 'createOrder', route: 'POST /api/v4/futures/usdt/orders' },
  // The read-back by the id Gate echoes (`t-` + ours), as the live broker reads an order back:
  // against the recorded finished order row of 2024, and against the recorded 2026 order (the create's answer is the same object).
  {
    method: 'fetchOrder', fixture: 'fetchOrder', route: READ_BACK,
    allowed: Object.fromEntries(['user', 'update_time', 'tkfr', 'mkfr', 'refu', 'refr', 'bbo', 'update_id', 'market_order_slip_ratio', 'pnl', 'pnl_margin']
      .map((field) => [`extra $.${field}`, 'on Gate\'s recorded order of 2026 (createOrder.json); the finished row recorded in 2024 predates it'])),
  },
  { method: 'fetchOrder (as the 2026 order)', fixture: 'createOrder', route: READ_BACK },
];

beforeAll(async () => {
  sim = await startWireSimulator(['gate']);
  broker = await createLiveBroker({ venue: 'gate', credentials: credentialsFor('gate'), connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
  await broker.setLeverage(SYMBOL, 3);
  await broker.createOrder({ symbol: SYMBOL, side: 'buy', type: 'market', quantity: 0.01, reduceOnly: false, clientOrderId: 'ftwiregate1' });
  settleOnce(sim, 'gate', 'BTC_USDT');
  client = wireClient(sim, 'gate');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchFundingRates(undefined, { settle: 'usdt' });
  answers.set('fetchFundingRates', client.answer('GET', '/api/v4/futures/usdt/contracts'));
  await ex.fetchFundingRateHistory(SYMBOL);
  await ex.fetchMarketLeverageTiers(SYMBOL);
  await ex.setLeverage(3, SYMBOL);
  await ex.fetchPositions();
  await ex.fetchFundingHistory(SYMBOL);
  await ex.fetchBalance();
  await ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, { text: 't-ftwiregate2' });
  await ex.fetchOrder('t-ftwiregate2', SYMBOL);
});

afterAll(async () => {
  await broker.close();
  await client.exchange.close();
  await sim.close();
});

describeWireCases('gate', CASES, () => ({ client, saved: answers }));

describe('Gate tiers in both places', () => {

  it("the tiers ccxt derives from the contract's risk_limit_* equal Gate's tier table", async () => {
    const fromContract = (await client.exchange.fetchLeverageTiers([SYMBOL]))[SYMBOL];
    const fromTable = await client.exchange.fetchMarketLeverageTiers(SYMBOL);
    expect(fromContract.length).toBeGreaterThan(1);
    const shape = (tiers: typeof fromTable) => tiers.map((t) => [t.minNotional, t.maxNotional, t.maintenanceMarginRate, Math.floor(t.maxLeverage ?? 0)]);
    expect(shape(fromContract)).toEqual(shape(fromTable));
  });
});

describeMarketDefinitions('gate', () => client, ['BTC/USDT:USDT', 'LTC/USDT:USDT', 'ADA/USDT:USDT']);
