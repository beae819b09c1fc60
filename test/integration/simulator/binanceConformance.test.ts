/**
 * ccxt `binanceusdm`, unchanged, against the simulator's Binance wire: every unified method
 * returns what the simulator's own state says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { binanceClient, START_TIME } from './simulatorClients.ts';

const VENUE = 'binanceusdm';
let sim: Simulator;
let ex: ReturnType<typeof binanceClient>;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, paused: true, startTime: START_TIME, venues: [VENUE], universeSize: 60 });
  ex = binanceClient(sim, { apiKey: 'demo-key', secret: 'demo-secret' });
  await ex.loadMarkets();
});
afterAll(() => sim.close());

describe('binanceusdm public methods equal the simulated market', () => {
  it('loadMarkets lists every simulated instrument with its tick, step and minimum notional', () => {
    const instruments = sim.market.instruments(VENUE);
    expect(Object.keys(ex.markets ?? {})).toHaveLength(instruments.length);
    for (const instrument of instruments) {
      const market = ex.markets![ex.safeSymbol(instrument.id, undefined, undefined, 'swap')];
      expect(market.swap && market.linear).toBe(true);
      expect(market.precision.price).toBe(instrument.tickSize);
      expect(market.precision.amount).toBe(instrument.stepSize);
      expect(market.limits.cost?.min).toBe(instrument.minNotional);
    }
    expect(ex.markets!['PEPE/USDT:USDT']).toBeUndefined();
    expect(ex.markets!['1000PEPE/USDT:USDT']?.id).toBe('1000PEPEUSDT');
  });

  it('fetchFundingRates returns each symbol’s running rate, next settlement and mark', async () => {
    const rates = await ex.fetchFundingRates();
    const instruments = sim.market.instruments(VENUE);
    expect(Object.keys(rates)).toHaveLength(instruments.length);
    for (const instrument of instruments) {
      const rate = rates[ex.safeSymbol(instrument.id, undefined, undefined, 'swap')];
      const funding = sim.market.funding(VENUE, instrument.id);
      expect(rate.fundingRate).toBe(funding.rate);
      expect(rate.fundingTimestamp).toBe(funding.nextFundingTime);
      expect(rate.markPrice).toBe(sim.market.ticker(VENUE, instrument.id).mark);
      expect(rate.interestRate).toBe(funding.interestRate);
    }
  });

  it('fetchFundingIntervals lists exactly the symbols off the 8-hour default, with their interval', async () => {
    const intervals = await ex.fetchFundingIntervals();
    const off8 = sim.market.instruments(VENUE).filter((i) => sim.market.funding(VENUE, i.id).intervalHours !== 8);
    expect(off8.length).toBeGreaterThan(0);
    expect(Object.keys(intervals).sort()).toEqual(off8.map((i) => ex.safeSymbol(i.id, undefined, undefined, 'swap')).sort());
    for (const instrument of off8) {
      expect(intervals[ex.safeSymbol(instrument.id, undefined, undefined, 'swap')].interval).toBe(`${sim.market.funding(VENUE, instrument.id).intervalHours}h`);
    }
  });

  it('fetchFundingRateHistory returns the settled rates at their settlement times', async () => {
    const since = START_TIME - 5 * 86_400_000;
    const history = await ex.fetchFundingRateHistory('ETH/USDT:USDT', since, 10);
    const expected = sim.market.fundingHistory(VENUE, 'ETHUSDT', { since, limit: 10 });
    expect(history.map((h) => [h.timestamp, h.fundingRate])).toEqual(expected.map((s) => [s.time, s.rate]));
    expect(history).toHaveLength(10);
  });

  it('fetchOrderBook returns the simulated book level by level', async () => {
    const book = await ex.fetchOrderBook('BTC/USDT:USDT', 20);
    const expected = sim.market.orderBook(VENUE, 'BTCUSDT', 20);
    expect(book.bids).toEqual(expected.bids);
    expect(book.asks).toEqual(expected.asks);
    expect(Number(book.bids[0][0])).toBeLessThan(Number(book.asks[0][0]));
  });

  it('fetchOHLCV returns the simulated candles, open time first', async () => {
    const candles = await ex.fetchOHLCV('SOL/USDT:USDT', '1h', START_TIME - 10 * 3_600_000, 5);
    const expected = sim.market.candles(VENUE, 'SOLUSDT', 3_600_000, { since: START_TIME - 10 * 3_600_000, limit: 5 });
    expect(candles.map((c) => c.slice(0, 5))).toEqual(expected.map((c) => [c.time, c.open, c.high, c.low, c.close]));
  });
});

describe('binanceusdm private methods equal the simulated account', () => {
  it('fetchBalance shows the starting 100,000 USDT, all free', async () => {
    const balance = await ex.fetchBalance();
    expect(balance.USDT).toMatchObject({ total: 100_000, free: 100_000, used: 0 });
  });

  it('a market buy fills at book prices, shows as a position, and is found by fetchOrder', async () => {
    const order = await ex.createOrder('ETH/USDT:USDT', 'market', 'buy', 2, undefined, { newClientOrderId: 'conf-eth-1' });
    const simOrder = sim.accounts.order(VENUE, 'demo-key', { clientOrderId: 'conf-eth-1' })!;
    expect(order.status).toBe('closed');
    expect(order.filled).toBe(2);
    expect(order.average).toBeCloseTo(simOrder.averagePrice!, 8);
    const fetched = await ex.fetchOrder(String(order.id), 'ETH/USDT:USDT');
    expect(fetched.clientOrderId).toBe('conf-eth-1');
    const [position] = await ex.fetchPositions(['ETH/USDT:USDT']);
    const [simPosition] = sim.accounts.positions(VENUE, 'demo-key');
    expect(position.contracts).toBe(2);
    expect(position.side).toBe('long');
    expect(position.entryPrice).toBeCloseTo(simPosition.entryPrice, 8);
    const balance = await ex.fetchBalance();
    expect(balance.USDT.used).toBeCloseTo(sim.accounts.balances(VENUE, 'demo-key')[0].used, 6);
  });

  it('a limit order below the book rests open, then cancelOrder cancels it', async () => {
    const book = sim.market.orderBook(VENUE, 'ETHUSDT', 1);
    const limitPrice = Number((book.bids[0][0] * 0.9).toFixed(1));
    const order = await ex.createOrder('ETH/USDT:USDT', 'limit', 'buy', 1, limitPrice);
    expect(order.status).toBe('open');
    expect((await ex.fetchOpenOrders('ETH/USDT:USDT')).map((o) => o.id)).toEqual([order.id]);
    const cancelled = await ex.cancelOrder(String(order.id), 'ETH/USDT:USDT');
    expect(cancelled.status).toBe('canceled');
    expect(await ex.fetchOpenOrders('ETH/USDT:USDT')).toHaveLength(0);
  });

  it('an order asked with ACK (Binance\'s futures default) is answered as accepted, NEW with nothing filled, though it filled', async () => {
    const order = await ex.createOrder('ETH/USDT:USDT', 'market', 'buy', 1, undefined, { newClientOrderId: 'conf-eth-ack', newOrderRespType: 'ACK' });
    expect([order.status, order.filled]).toEqual(['open', 0]);
    expect((await ex.fetchOrder(undefined as unknown as string, 'ETH/USDT:USDT', { origClientOrderId: 'conf-eth-ack' })).status).toBe('closed');
    await expect(ex.createOrder('ETH/USDT:USDT', 'market', 'sell', 1, undefined, { newOrderRespType: 'FULL' })).rejects.toThrow(/-1136/);
    await ex.createOrder('ETH/USDT:USDT', 'market', 'sell', 1); // back to the position the next tests hold
  });

  it('a duplicate client order id is refused', async () => {
    await expect(ex.createOrder('ETH/USDT:USDT', 'market', 'buy', 1, undefined, { newClientOrderId: 'conf-eth-1' })).rejects.toThrow(/-4116/);
  });

  it('fetchFundingHistory shows the funding the position paid at the next settlement', async () => {
    const next = sim.market.funding(VENUE, 'ETHUSDT').nextFundingTime;
    sim.clock.advanceTo(next + 1000);
    const history = await ex.fetchFundingHistory('ETH/USDT:USDT');
    const [settlement] = sim.market.fundingHistory(VENUE, 'ETHUSDT', { since: next, limit: 1 });
    expect(history).toHaveLength(1);
    expect(history[0].timestamp).toBe(next);
    expect(history[0].amount).toBeCloseTo(-2 * settlement.markPrice * settlement.rate, 8);
  });
});

describe('binanceusdm account settings, bulk cancel and trade history', () => {
  it('setLeverage and setMarginMode change the simulated account’s settings for that symbol', async () => {
    await ex.setLeverage(7, 'SOL/USDT:USDT');
    await ex.setMarginMode('isolated', 'SOL/USDT:USDT');
    expect(sim.accounts.leverage(VENUE, 'demo-key', 'SOLUSDT')).toEqual({ leverage: 7, marginMode: 'isolated' });
    await expect(ex.setMarginMode('isolated', 'SOL/USDT:USDT')).rejects.toThrow(/No need to change margin type/);
  });

  it('cancelAllOrders cancels every open order of the symbol and only those', async () => {
    const bid = sim.market.orderBook(VENUE, 'SOLUSDT', 1).bids[0][0];
    const price = Number((bid * 0.9).toFixed(3));
    await ex.createOrder('SOL/USDT:USDT', 'limit', 'buy', 1, price);
    await ex.createOrder('SOL/USDT:USDT', 'limit', 'buy', 2, price);
    const eth = await ex.createOrder('ETH/USDT:USDT', 'limit', 'buy', 1, Number((sim.market.orderBook(VENUE, 'ETHUSDT', 1).bids[0][0] * 0.9).toFixed(1)));
    await ex.cancelAllOrders('SOL/USDT:USDT');
    expect(sim.accounts.openOrders(VENUE, 'demo-key', 'SOLUSDT')).toHaveLength(0);
    expect(sim.accounts.openOrders(VENUE, 'demo-key', 'ETHUSDT').map((o) => o.orderId)).toEqual([String(eth.id)]);
    await ex.cancelOrder(String(eth.id), 'ETH/USDT:USDT');
  });

  it('fetchMyTrades and fetchOrders list the account’s fills and orders of the symbol', async () => {
    const trades = await ex.fetchMyTrades('ETH/USDT:USDT');
    const simTrades = sim.accounts.trades(VENUE, 'demo-key', { instrumentId: 'ETHUSDT' });
    expect(trades.map((t) => [t.id, t.price, t.amount, t.side])).toEqual(simTrades.map((t) => [t.tradeId, t.price, t.quantity, t.side]));
    const orders = await ex.fetchOrders('SOL/USDT:USDT');
    expect(orders.map((o) => o.status)).toEqual(['canceled', 'canceled']);
  });
});
