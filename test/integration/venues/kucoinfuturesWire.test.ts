/**
 * KuCoin Futures: every read the terminal makes, public and signed, the simulator's raw answer
 * against the real KuCoin answers ccxt recorded (or KuCoin's documented ones where none is
 * recorded); the market definitions against ccxt's recorded markets; what the adapter makes of
 * the contract list (the countdown to the next settlement, the interval per contract, lots of
 * `multiplier` coins); and the signed orders as they leave ccxt (docs/venues.md, "KuCoin Futures").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createKucoinfuturesAdapter, kucoinfuturesSpec } from '../../../electron/backend/markets/kucoinfutures.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { recorded } from './recordedFixtures.ts';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, type WireCase } from './wireCases.ts';
import { closeAfterAll, settleOnce, startWireSimulator } from './wireHarness.ts';
import { wireClient } from './venueClients.ts';
import { credentialsFor } from '../trading/harness.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let client: WireClient;
let adapter: VenueAdapter;
let signed: WireClient;
/** The JSON bodies ccxt posted, by path. */
const posted = new Map<string, Array<Record<string, unknown>>>();

const CASES: WireCase[] = [
  { method: 'fetchTickers', fixture: 'fetchTickers', route: 'GET /api/v1/contracts/active' },
  // The simulator's contract row for XBTUSDTM against the recorded one (ccxt's recorded markets keep it as `info`).
  {
    method: 'loadMarkets', fixture: 'fetchTickers', route: 'GET /api/v1/contracts/active',
    pick: (answer) => ({ ...(answer as { code: string }), data: (answer as { data: Array<{ symbol: string }> }).data.filter((row) => row.symbol === 'XBTUSDTM') }),
  },
  { method: 'fetchFundingRate', fixture: 'fetchFundingRate', route: 'GET /api/v1/funding-rate/XBTUSDTM/current' },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: 'GET /api/v1/contract/funding-rates' },
  { method: 'fetchOHLCV', fixture: 'fetchOHLCV', route: 'GET /api/v1/kline/query' },
];

beforeAll(async () => {
  sim = await startWireSimulator(['kucoinfutures']);
  // Keyless, as the market-data poller reads KuCoin Futures (the signed calls are below).
  const keyless = createExchange('kucoinfutures', kucoinfuturesSpec.exchangeOptions, { baseUrl: sim.url, timeoutMs: 3_000 });
  keyless.has = { ...keyless.has, fetchCurrencies: false };
  client = capturingClient(keyless, 'kucoinfutures');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchTickers();
  await ex.fetchFundingRate(SYMBOL);
  await ex.fetchFundingRateHistory(SYMBOL, sim.clock.now() - 3 * 86_400_000);
  await ex.fetchOHLCV(SYMBOL, '1h', sim.clock.now() - 86_400_000, 10);
  adapter = createKucoinfuturesAdapter({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
});

closeAfterAll(() => ({ exchanges: [client.exchange, adapter.exchange, signed.exchange], sim }));

describeWireCases('kucoinfutures', CASES, () => ({ client }));

describeMarketDefinitions('kucoinfutures', () => client, ['BTC/USDT:USDT', 'ETH/USDT:USDT']);

describe('kucoinfutures: what the terminal reads from the wire', () => {
  it('the recorded contract row states the next settlement as a countdown in ms, not as a time', () => {
    const row = (recorded('kucoinfutures', 'fetchTickers').response as { data: Array<Record<string, number>> }).data[0];
    expect(row.nextFundingRateTime).toBeLessThan(row.fundingRateGranularity);
  });

  it('the next settlement is the countdown added to the poll time: the simulator\'s next settlement for every contract', async () => {
    const quotes = await adapter.poll();
    const ids = new Map(adapter.markets().map((market) => [market.symbol, market.id]));
    expect(quotes).toHaveLength(sim.market.instruments('kucoinfutures').length);
    for (const quote of quotes) {
      const funding = sim.market.funding('kucoinfutures', ids.get(quote.symbol)!);
      expect({ symbol: quote.symbol, next: quote.nextFundingTime, hours: quote.intervalHours })
        .toEqual({ symbol: quote.symbol, next: funding.nextFundingTime, hours: funding.intervalHours });
    }
  });

  it('the intervals mix 1 h, 4 h and 8 h, each read from its own contract row', async () => {
    const quotes = await adapter.poll();
    expect([...new Set(quotes.map((quote) => quote.intervalHours))].sort((a, b) => a - b)).toEqual([1, 4, 8]);
  });

  it('XBTUSDTM is BTC in lots of 0.001 BTC: open interest in USD is lots × 0.001 × mark', async () => {
    const quotes = await adapter.poll();
    const btc = quotes.find((quote) => quote.symbol === SYMBOL)!;
    const row = (client.answer('GET', '/api/v1/contracts/active') as { data: Array<Record<string, unknown>> }).data.find((r) => r.symbol === 'XBTUSDTM')!;
    expect(btc.base).toBe('BTC');
    expect(adapter.markets().find((market) => market.symbol === SYMBOL)?.units.coinsPerAmount).toBe(0.001);
    expect(btc.openInterestUsd).toBeCloseTo(Number(row.openInterest) * 0.001 * btc.markPrice!, 2);
    expect(btc.rateKind).toBe('predicted');
  });

  it('a poll asks for the contract list only (no unified-account funding call), and loading markets skips the spot currency list', async () => {
    // The adapter has loaded its markets in the tests above.
    expect(sim.log.list().filter((entry) => entry.path.startsWith('/api/v3/') || entry.path.startsWith('/api/ua/'))).toEqual([]);
    sim.log.clear();
    await adapter.poll();
    expect(sim.log.list().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /api/v1/contracts/active']);
  });
});

/** Signed, as the live broker opens it: an isolated market buy, a resting limit, a position held over a settlement. */
async function signedFlow(): Promise<void> {
  signed = wireClient(sim, 'kucoinfutures');
  const sx = signed.exchange;
  const fetch = (sx.fetch as (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>).bind(sx);
  sx.fetch = (async (url: string, method = 'GET', headers?: unknown, body?: unknown) => {
    if (method === 'POST' && typeof body === 'string') {
      const path = new URL(url).pathname;
      posted.set(path, [...(posted.get(path) ?? []), JSON.parse(body) as Record<string, unknown>]);
    }
    return fetch(url, method, headers, body);
  }) as typeof sx.fetch;
  await sx.loadMarkets();
  await sx.setMarginMode('isolated', SYMBOL);
  await sx.fetchMarginMode(SYMBOL);
  await sx.setLeverage(5, SYMBOL, { marginMode: 'cross' });
  await sx.fetchPositionMode(SYMBOL);
  await sx.createOrder(SYMBOL, 'market', 'buy', 15, undefined, { clientOid: 'ftwire0001', leverage: 3, marginMode: 'isolated' });
  await sx.fetchOrder('', SYMBOL, { clientOid: 'ftwire0001' });
  await sx.fetchMyTrades(SYMBOL, sim.clock.now() - 60_000);
  const price = Number(sx.priceToPrecision(SYMBOL, sim.market.ticker('kucoinfutures', 'XBTUSDTM').last * 0.8));
  await sx.createOrder(SYMBOL, 'limit', 'buy', 1, price, { clientOid: 'ftwire0002', leverage: 3, marginMode: 'isolated' });
  await sx.fetchOpenOrders(SYMBOL);
  await sx.fetchOrderBook(SYMBOL, 20);
  await sx.fetchBalance();
  await sx.fetchPositions([SYMBOL]);
  settleOnce(sim, 'kucoinfutures', 'XBTUSDTM');
  await sx.fetchFundingHistory(SYMBOL, 0);
}

/** The signed calls the live broker makes: recorded real answers where ccxt recorded one, KuCoin's documented ones elsewhere. */
const SIGNED_CASES: WireCase[] = [
  { method: 'setMarginMode', fixture: 'setMarginMode', route: 'POST /api/v2/position/changeMarginMode' },
  { method: 'fetchMarginMode', fixture: 'fetchMarginMode', route: 'GET /api/v2/position/getMarginMode' },
  { method: 'setLeverage', fixture: 'setLeverage', route: 'POST /api/v2/changeCrossUserLeverage' },
  { method: 'createOrder', fixture: 'createOrder', route: 'POST /api/v1/orders' },
  { method: 'fetchOrder', fixture: 'fetchOrder', route: 'GET /api/v1/orders/byClientOid' },
  { method: 'fetchMyTrades', fixture: 'fetchMyTrades', route: 'GET /api/v1/fills' },
  { method: 'fetchOpenOrders', fixture: 'fetchOpenOrders', route: 'GET /api/v1/orders' },
  { method: 'fetchOrderBook', fixture: 'fetchOrderBook', route: 'GET /api/v1/level2/depth20' },
  { method: 'fetchBalance', fixture: 'fetchBalance', route: 'GET /api/v1/account-overview' },
  { method: 'fetchPositions', fixture: 'fetchPositions', route: 'GET /api/v1/positions' },
  { method: 'fetchFundingHistory', fixture: 'fetchFundingHistory', route: 'GET /api/v1/funding-history' },
];

// After the public reads: the flow moves the simulated clock over a settlement.
describe('kucoinfutures: signed calls', () => {
  beforeAll(signedFlow);

  describeWireCases('kucoinfutures', SIGNED_CASES, () => ({ client: signed }));

  it('an order states its size in whole lots, its leverage, its margin mode and our clientOid', () => {
    const [market, limit] = posted.get('/api/v1/orders')!;
    expect(market).toMatchObject({ clientOid: 'ftwire0001', side: 'buy', symbol: 'XBTUSDTM', type: 'market', size: 15, leverage: 3, marginMode: 'ISOLATED' });
    expect(limit).toMatchObject({ clientOid: 'ftwire0002', type: 'limit', size: 1, leverage: 3, marginMode: 'ISOLATED' });
    // 15 lots of 0.001 BTC: KuCoin's account holds 15 lots long, isolated at the order's leverage.
    const held = sim.accounts.positions('kucoinfutures', credentialsFor('kucoinfutures').apiKey).find((p) => p.instrumentId === 'XBTUSDTM')!;
    expect([held.size, held.marginMode, held.leverage]).toEqual([15, 'isolated', 3]);
  });

  it('the cross leverage and the margin mode are set per symbol', () => {
    expect(posted.get('/api/v2/position/changeMarginMode')).toEqual([{ symbol: 'XBTUSDTM', marginMode: 'ISOLATED' }]);
    expect(posted.get('/api/v2/changeCrossUserLeverage')).toEqual([{ symbol: 'XBTUSDTM', leverage: '5' }]);
  });

  it('ccxt reads the filled order (average per coin, lots) and its fill\'s fee in USDT', async () => {
    const order = await signed.exchange.fetchOrder('', SYMBOL, { clientOid: 'ftwire0001' });
    expect([order.status, order.filled, order.amount]).toEqual(['closed', 15, 15]);
    expect(order.fee).toBeUndefined();
    const [fill] = (await signed.exchange.fetchMyTrades(SYMBOL, 0)).filter((t) => t.order === order.id);
    expect(fill.fee?.currency).toBe('USDT');
    expect(fill.fee?.cost).toBeCloseTo(15 * 0.001 * fill.price! * 0.0006, 9);
    expect(order.average).toBeCloseTo(fill.price!, 6);
  });

  it('the live broker journals a KuCoin order with the fee of its fills (the order row states none) and its coins, not its lots', async () => {
    const broker = await createLiveBroker({ venue: 'kucoinfutures', credentials: credentialsFor('kucoinfutures'), connection: { baseUrl: sim.url, timeoutMs: 3_000 } });
    try {
      await broker.setLeverage(SYMBOL, 2, 'isolated');
      const order = await broker.createOrder({ symbol: SYMBOL, side: 'sell', type: 'market', quantity: 0.007, reduceOnly: false, clientOrderId: 'ftwirebroker01', marginMode: 'isolated' });
      expect([order.status, order.filled, order.clientOrderId]).toEqual(['filled', 0.007, 'ftwirebroker01']);
      expect(order.fee).toBeGreaterThan(0);
      expect(order.fee).toBeCloseTo(0.007 * order.averagePrice! * 0.0006, 9);
      const sent = sim.accounts.orders('kucoinfutures', credentialsFor('kucoinfutures').apiKey).find((o) => o.clientOrderId === 'ftwirebroker01')!;
      expect([sent.quantity, sent.marginMode]).toEqual([7, 'isolated']);
    } finally {
      await broker.close();
    }
  });

  type Sign = (...args: unknown[]) => { headers: Record<string, string> };
  /** A signature changed after ccxt made it. */
  const tampered = (exchange: WireClient['exchange']) => {
    const sign = (exchange.sign as unknown as Sign).bind(exchange);
    Object.assign(exchange, { sign: (...args: unknown[]) => {
      const request = sign(...args);
      // Its first character changed: a signature that already began with 'x' (1 in 64) was sent unchanged and accepted.
      const signature = request.headers['KC-API-SIGN'];
      return { ...request, headers: { ...request.headers, 'KC-API-SIGN': `${signature.startsWith('x') ? 'y' : 'x'}${signature.slice(1)}` } };
    } });
  };
  it.each([
    ['a signature that is not the request\'s', tampered, /"400005".*Invalid KC-API-SIGN/],
    ['a wrong passphrase', (exchange: WireClient['exchange']) => Object.assign(exchange, { password: 'not-the-passphrase' }), /"400004".*Invalid KC-API-PASSPHRASE/],
    ['an unknown key', (exchange: WireClient['exchange']) => Object.assign(exchange, { apiKey: 'no-such-key' }), /"400003".*KC-API-KEY not exists/],
    ['a timestamp 10 s off', (exchange: WireClient['exchange']) => Object.assign(exchange, { nonce: () => Date.now() - 10_000 }), /"400002".*KC-API-TIMESTAMP Invalid/],
  ])('%s is refused as KuCoin refuses it', async (_name, change, message) => {
    const other = wireClient(sim, 'kucoinfutures');
    await other.exchange.loadMarkets();
    change(other.exchange);
    await expect(other.exchange.fetchBalance()).rejects.toThrow(message);
    await other.exchange.close();
  });
});
