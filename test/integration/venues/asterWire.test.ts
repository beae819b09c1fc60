/**
 * Aster: every read and order the terminal makes, the simulator's raw answer against the real
 * Aster answers ccxt recorded; the market definitions against ccxt's recorded markets; and the
 * wallet signature, which the simulator checks independently of ccxt's signer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { wireClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, type WireCase } from './wireCases.ts';
import { closeAfterAll, readPositionAndFunding, startWireSimulator } from './wireHarness.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let client: WireClient;
let intruder: WireClient;
const saved = new Map<string, unknown>();

const CASES: WireCase[] = [
  { method: 'fetchFundingRates', fixture: 'fetchFundingRates', route: 'GET /aster/fapi/v3/premiumIndex' },
  { method: 'fetchFundingIntervals', fixture: 'fetchFundingIntervals', route: 'GET /aster/fapi/v3/fundingInfo' },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: 'GET /aster/fapi/v3/fundingRate' },
  { method: 'fetchTickers', fixture: 'fetchTickers', route: 'GET /aster/fapi/v3/ticker/24hr' },
  { method: 'fetchBidsAsks', fixture: 'fetchBidsAsks', route: 'GET /aster/fapi/v3/ticker/bookTicker' },
  { method: 'fetchOrderBook', fixture: 'fetchOrderBook', route: 'GET /aster/fapi/v3/depth' },
  { method: 'fetchBalance', fixture: 'fetchBalance', route: 'GET /aster/fapi/v3/balance' },
  { method: 'fetchPositionMode', fixture: 'fetchPositionMode', route: 'GET /aster/fapi/v3/positionSide/dual' },
  { method: 'setLeverage', fixture: 'setLeverage', route: 'POST /aster/fapi/v3/leverage' },
  {
    method: 'fetchOrder', fixture: 'fetchOrder', route: 'GET /aster/fapi/v3/order',
    allowed: {
      'missing $.activatePrice': 'a trailing-stop field; the recorded order is a trailing stop, the terminal sends market and limit orders',
      'missing $.priceRate': 'a trailing-stop field; the recorded order is a trailing stop, the terminal sends market and limit orders',
    },
  },
  { method: 'fetchMyTrades', fixture: 'fetchMyTrades', route: 'GET /aster/fapi/v3/userTrades' },
  { method: 'fetchPositions', fixture: 'fetchPositions', route: 'GET /aster/fapi/v3/positionRisk' },
  { method: 'fetchFundingHistory', fixture: 'fetchFundingHistory', route: 'GET /aster/fapi/v3/income' },
];

beforeAll(async () => {
  sim = await startWireSimulator(['aster']);
  client = wireClient(sim, 'aster');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchFundingRates();
  await ex.fetchFundingIntervals();
  await ex.fetchFundingRateHistory(SYMBOL);
  await ex.fetchTickers();
  await ex.fetchBidsAsks();
  await ex.fetchOrderBook(SYMBOL, 5);
  await ex.fetchBalance();
  await ex.fetchPositionMode();
  await ex.setLeverage(3, SYMBOL);
  await ex.createOrder(SYMBOL, 'market', 'buy', 0.01, undefined, { clientOrderId: 'ftwireaster1' });
  await ex.fetchOrder('', SYMBOL, { clientOrderId: 'ftwireaster1' });
  await ex.fetchMyTrades(SYMBOL);
  await readPositionAndFunding(sim, ex, 'aster', 'BTCUSDT', SYMBOL);
  // A second wallet the simulator does not know: its signature is valid, its account is not.
  intruder = wireClient(sim, 'aster');
  Object.assign(intruder.exchange, { privateKey: `0x${'7e'.repeat(32)}` });
});

closeAfterAll(() => ({ exchanges: [client.exchange, intruder.exchange], sim }));

describeWireCases('aster', CASES, () => ({ client, saved }));

describeMarketDefinitions('aster', () => client, ['BTC/USDT:USDT']);

describe('aster: what the terminal reads from the wire', () => {
  it('the interval list states every symbol, and the intervals mix 1 h, 4 h and 8 h', async () => {
    const intervals = await client.exchange.fetchFundingIntervals();
    const hours = new Set(Object.values(intervals).map((row) => row.interval));
    expect(Object.keys(intervals)).toHaveLength(sim.market.instruments('aster').length);
    expect([...hours].sort()).toEqual(['1h', '4h', '8h']);
  });

  it('ccxt puts the next settlement in nextFundingTimestamp, which is the simulator\'s next settlement', async () => {
    const rates = await client.exchange.fetchFundingRates([SYMBOL]);
    expect(rates[SYMBOL].fundingTimestamp).toBeUndefined();
    expect(rates[SYMBOL].nextFundingTimestamp).toBe(sim.market.funding('aster', 'BTCUSDT').nextFundingTime);
  });

  it('a signed call from a wallet the venue does not know is refused as an authentication failure', async () => {
    await expect(intruder.exchange.fetchBalance()).rejects.toMatchObject({ name: 'AuthenticationError' });
  });
});
