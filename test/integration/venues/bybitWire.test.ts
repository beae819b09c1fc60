/**
 * Bybit: every request the terminal makes, the simulator's raw answer against Bybit's recorded
 * or documented one (fields and JSON types), and its market definitions against the real ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import { pointAtBaseUrl } from '../../../electron/backend/markets/loopback.ts';
import { credentialsFor } from '../trading/harness.ts';
import { BYBIT_ALLOWED } from './allowedDifferences.ts';
import { recorded, recordedMarkets } from './recordedFixtures.ts';
import { startRecordedProxy } from './recordedProxy.ts';
import { wireClient, type WireClient } from './venueClients.ts';
import { describeWireCases, describeMarketDefinitions, withAllowed } from './wireCases.ts';
import { closeAfterAll, readPositionAndFunding, startWireSimulator } from './wireHarness.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let client: WireClient;

const firstRow = (answer: unknown) => (answer as { result: { list: unknown[] } }).result.list[0];

const CASES = withAllowed([
  { method: 'fetchMarkets', fixture: 'markets', route: 'GET /v5/market/instruments-info', pick: firstRow, real: () => recordedMarkets('bybit').markets[SYMBOL].info },
  { method: 'fetchFundingRates', fixture: 'fetchFundingRates', route: 'GET /v5/market/tickers' },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: 'GET /v5/market/funding/history' },
  { method: 'fetchOrderBook', fixture: 'fetchOrderBook', route: 'GET /v5/market/orderbook' },
  { method: 'fetchOHLCV', fixture: 'fetchOHLCV', route: 'GET /v5/market/kline' },
  { method: 'fetchLeverageTiers', fixture: 'fetchLeverageTiers', route: 'GET /v5/market/risk-limit' },
  { method: 'fetchCurrencies', fixture: 'fetchCurrencies', route: 'GET /v5/asset/coin/query-info' },
  { method: 'fetchBalance', fixture: 'fetchBalance', route: 'GET /v5/account/wallet-balance' },
  { method: 'setLeverage', fixture: 'setLeverage', route: 'POST /v5/position/set-leverage' },
  { method: 'createOrder', fixture: 'createOrder', route: 'POST /v5/order/create' },
  { method: 'fetchOrder', fixture: 'fetchOrder', route: 'GET /v5/order/realtime', maps: ['$.result.list[].cumFeeDetail'] },
  {
    method: 'fetchOpenOrders', fixture: 'fetchOpenOrders', route: 'GET /v5/order/realtime', maps: ['$.result.list[].cumFeeDetail'],
    allowed: { 'empty $.result.list[].cumFeeDetail': 'a resting order has paid no fee: Bybit leaves the map empty (ccxt fixture fetchOpenOrder, 2025)' },
  },
  { method: 'cancelOrder', fixture: 'cancelOrder', route: 'POST /v5/order/cancel' },
  { method: 'fetchPositions', fixture: 'fetchPositions', route: 'GET /v5/position/list' },
  { method: 'fetchFundingHistory', fixture: 'fetchFundingHistory', route: 'GET /v5/execution/list' },
], BYBIT_ALLOWED);

/** The answer of each route as the terminal's calls leave it; fetchOrder's and fetchOpenOrders' share a route. */
const answers = new Map<string, unknown>();

beforeAll(async () => {
  sim = await startWireSimulator(['bybit']);
  client = wireClient(sim, 'bybit');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchFundingRates();
  await ex.fetchFundingRateHistory(SYMBOL);
  await ex.fetchOrderBook(SYMBOL, 5);
  await ex.fetchOHLCV(SYMBOL, '1h', undefined, 10);
  await ex.fetchLeverageTiers([SYMBOL]).catch(() => undefined);
  await ex.fetchCurrencies().catch(() => undefined);
  await ex.fetchBalance();
  await ex.setLeverage(3, SYMBOL);
  await ex.createOrder(SYMBOL, 'market', 'buy', 0.01, undefined, { orderLinkId: 'ftwire1' });
  await ex.fetchOrder('', SYMBOL, { orderLinkId: 'ftwire1', acknowledged: true });
  answers.set('fetchOrder', client.answer('GET', '/v5/order/realtime'));
  const book = await ex.fetchOrderBook(SYMBOL, 5);
  const resting = await ex.createOrder(SYMBOL, 'limit', 'buy', 0.01, Number(book.bids[4]?.[0]) * 0.9, { orderLinkId: 'ftwire2' });
  await ex.fetchOpenOrders(SYMBOL);
  answers.set('fetchOpenOrders', client.answer('GET', '/v5/order/realtime'));
  await ex.cancelOrder(String(resting.id), SYMBOL);
  await readPositionAndFunding(sim, ex, 'bybit', 'BTCUSDT', SYMBOL);
});

closeAfterAll(() => ({ exchanges: [client.exchange], sim }));

describeWireCases('bybit', CASES, () => ({ client, saved: answers }));

describeMarketDefinitions('bybit', () => client, ['BTC/USDT:USDT', 'ETH/USDT:USDT', 'LTC/USDT:USDT', 'ADA/USDT:USDT'], {
  extra: (real, simulated) => {
    expect((simulated.info as { fundingInterval?: unknown }).fundingInterval).toEqual(Number((real.info as { fundingInterval: string }).fundingInterval));
  },
});

describe('Bybit fees and currencies on the real shapes', () => {
  it("the live broker books the fee of Bybit's recorded filled order (ccxt reads it from cumFeeDetail only)", async () => {
    const answer = recorded('bybit', 'fetchOrder').response;
    const proxy = await startRecordedProxy(sim.url, { 'GET /v5/order/realtime': answer, 'GET /v5/order/history': answer });
    const broker = await createLiveBroker({ venue: 'bybit', credentials: credentialsFor('bybit'), connection: { baseUrl: proxy.url, timeoutMs: 2_000 } });
    try {
      const order = await broker.fetchOrderByClientId(SYMBOL, 'ftrecorded');
      expect(order).toMatchObject({ status: 'filled', filled: 0.001, averagePrice: 123498, fee: 0.0679239 });
    } finally {
      await broker.close();
      await proxy.close();
    }
  });

  it('a simulated Bybit fill books the fee the simulator charged', async () => {
    const broker = await createLiveBroker({ venue: 'bybit', credentials: credentialsFor('bybit'), connection: { baseUrl: sim.url, timeoutMs: 2_000 } });
    try {
      const order = await broker.createOrder({ symbol: SYMBOL, side: 'sell', type: 'market', quantity: 0.01, reduceOnly: true, clientOrderId: 'ftwirefee' });
      const charged = sim.accounts.orders('bybit', credentialsFor('bybit').apiKey).find((o) => o.clientOrderId === 'ftwirefee')!.fee;
      expect(charged).toBeGreaterThan(0);
      expect(order.fee).toBeCloseTo(charged, 10);
    } finally {
      await broker.close();
    }
  });

  it("ccxt's default market load with keys (it asks /v5/asset/coin/query-info for the currencies) and balance work", async () => {
    const exchange = new ccxt.bybit({ ...credentialsFor('bybit'), enableRateLimit: false, timeout: 3_000, options: { fetchMarkets: { types: ['linear'] }, enableUnifiedAccount: true, enableUnifiedMargin: false } });
    pointAtBaseUrl(exchange, sim.url);
    try {
      await exchange.loadMarkets();
      expect(exchange.currencies.USDT).toBeDefined();
      expect((await exchange.fetchBalance()).USDT.total).toBeGreaterThan(0);
    } finally {
      await exchange.close();
    }
  });
});
