/**
 * Bitget: the requests the terminal makes, the simulator's raw answer against Bitget's
 * documented one (fields and JSON types).
 */
import { beforeAll } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { BITGET_ALLOWED } from './allowedDifferences.ts';
import { wireClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, withAllowed } from './wireCases.ts';
import { closeAfterAll, readPositionAndFunding, startWireSimulator } from './wireHarness.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let client: WireClient;

const CASES = withAllowed([
  { method: 'fetchFundingRate', fixture: 'fetchFundingRate', route: 'GET /api/v2/mix/market/current-fund-rate' },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: 'GET /api/v2/mix/market/history-fund-rate' },
  { method: 'fetchBalance', fixture: 'fetchBalance', route: 'GET /api/v2/mix/account/accounts' },
  { method: 'fetchLeverage', fixture: 'fetchLeverage', route: 'GET /api/v2/mix/account/account' },
  { method: 'setLeverage', fixture: 'setLeverage', route: 'POST /api/v2/mix/account/set-leverage' },
  { method: 'fetchOrder', fixture: 'fetchOrder', route: 'GET /api/v2/mix/order/detail' },
  { method: 'fetchOpenOrders', fixture: 'fetchOpenOrders', route: 'GET /api/v2/mix/order/orders-pending' },
  { method: 'fetchPositions', fixture: 'fetchPositions', route: 'GET /api/v2/mix/position/all-position' },
  { method: 'fetchFundingHistory', fixture: 'fetchFundingHistory', route: 'GET /api/v2/mix/account/bill' },
], BITGET_ALLOWED);

beforeAll(async () => {
  sim = await startWireSimulator(['bitget']);
  client = wireClient(sim, 'bitget');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchFundingRate(SYMBOL);
  await ex.fetchFundingRateHistory(SYMBOL);
  await ex.fetchBalance();
  await ex.fetchLeverage(SYMBOL);
  await ex.setLeverage(3, SYMBOL);
  const filled = await ex.createOrder(SYMBOL, 'market', 'buy', 0.01, undefined, { clientOrderId: 'ftwirebg1' });
  await ex.fetchOrder(String(filled.id), SYMBOL);
  const book = await ex.fetchOrderBook(SYMBOL, 5);
  const resting = await ex.createOrder(SYMBOL, 'limit', 'buy', 0.01, Number(book.bids[4]?.[0]) * 0.9, { clientOrderId: 'ftwirebg2' });
  await ex.fetchOpenOrders(SYMBOL);
  await ex.cancelOrder(String(resting.id), SYMBOL);
  await readPositionAndFunding(sim, ex, 'bitget', 'BTCUSDT', SYMBOL);
});

closeAfterAll(() => ({ exchanges: [client.exchange], sim }));

describeWireCases('bitget', CASES, () => ({ client }));

describeMarketDefinitions('bitget', () => client, ['BTC/USDT:USDT', 'ETH/USDT:USDT', 'LTC/USDT:USDT']);
