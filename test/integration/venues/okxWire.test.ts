/**
 * OKX: every request the terminal makes, the simulator's raw answer against OKX's documented
 * one (fields and JSON types), and its market definitions against the real ones.
 */
import { beforeAll } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { OKX_ALLOWED, OKX_BILL_ALLOWED } from './allowedDifferences.ts';
import { recordedMarkets } from './recordedFixtures.ts';
import { wireClient, type WireClient } from './venueClients.ts';
import { describeWireCases, describeMarketDefinitions, withAllowed } from './wireCases.ts';
import { closeAfterAll, readPositionAndFunding, startWireSimulator } from './wireHarness.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let client: WireClient;
const answers = new Map<string, unknown>();
const firstRow = (answer: unknown) => (answer as { data: unknown[] }).data[0];

const CASES = withAllowed([
  { method: 'fetchMarkets', fixture: 'markets', route: 'GET /api/v5/public/instruments', pick: firstRow, real: () => recordedMarkets('okx').markets[SYMBOL].info },
  { method: 'fetchFundingRates', fixture: 'fetchFundingRates', route: 'GET /api/v5/public/funding-rate' },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: 'GET /api/v5/public/funding-rate-history' },
  { method: 'fetchOpenInterests', fixture: 'fetchOpenInterests', route: 'GET /api/v5/public/open-interest' },
  { method: 'fetchTickers', fixture: 'fetchTickers', route: 'GET /api/v5/market/tickers' },
  { method: 'fetchOHLCV', fixture: 'fetchOHLCV', route: 'GET /api/v5/market/candles' },
  { method: 'fetchBalance', fixture: 'fetchBalance', route: 'GET /api/v5/account/balance' },
  { method: 'fetchPositionMode', fixture: 'fetchPositionMode', route: 'GET /api/v5/account/config' },
  { method: 'setLeverage', fixture: 'setLeverage', route: 'POST /api/v5/account/set-leverage' },
  { method: 'createOrder', fixture: 'createOrder', route: 'POST /api/v5/trade/batch-orders' },
  { method: 'fetchOrder', fixture: 'fetchOrder', route: 'GET /api/v5/trade/order' },
  { method: 'fetchOpenOrders', fixture: 'fetchOpenOrders', route: 'GET /api/v5/trade/orders-pending' },
  { method: 'cancelOrder', fixture: 'cancelOrder', route: 'POST /api/v5/trade/cancel-order' },
  { method: 'fetchPositions', fixture: 'fetchPositions', route: 'GET /api/v5/account/positions' },
  // ccxt reads bills older than a week from the archive, which has the same rows.
  { method: 'fetchFundingHistory', fixture: 'fetchFundingHistory', route: 'GET /api/v5/account/bills-archive', allowed: OKX_BILL_ALLOWED },
], OKX_ALLOWED);

beforeAll(async () => {
  sim = await startWireSimulator(['okx']);
  client = wireClient(sim, 'okx');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchFundingRates();
  await ex.fetchFundingRateHistory(SYMBOL);
  await ex.fetchOpenInterests();
  await ex.fetchTickers(undefined, { type: 'swap' });
  await ex.fetchOHLCV(SYMBOL, '1h', undefined, 10);
  await ex.fetchBalance();
  await ex.fetchPositionMode(SYMBOL);
  await ex.setLeverage(3, SYMBOL, { marginMode: 'cross' });
  const filled = await ex.createOrder(SYMBOL, 'market', 'buy', 1, undefined, { clOrdId: 'ftwireokx1', tdMode: 'cross' });
  await ex.fetchOrder(String(filled.id), SYMBOL);
  const book = await ex.fetchOrderBook(SYMBOL, 5);
  const resting = await ex.createOrder(SYMBOL, 'limit', 'buy', 1, Number(book.bids[4]?.[0]) * 0.9, { clOrdId: 'ftwireokx2', tdMode: 'cross' });
  await ex.fetchOpenOrders(SYMBOL);
  await ex.cancelOrder(String(resting.id), SYMBOL);
  await readPositionAndFunding(sim, ex, 'okx', 'BTC-USDT-SWAP', SYMBOL);
});

closeAfterAll(() => ({ exchanges: [client.exchange], sim }));

describeWireCases('okx', CASES, () => ({ client, saved: answers }));

describeMarketDefinitions('okx', () => client, ['BTC/USDT:USDT', 'ETH/USDT:USDT']);
