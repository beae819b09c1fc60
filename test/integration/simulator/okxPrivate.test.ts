import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import type { SimInstrument } from '../../../electron/simulator/types.ts';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

let sim: Simulator;

const pointedAt = pointerAt(() => sim);

const KEY = 'okx-test-key';
const SECRET = 'okx-test-secret';
const PASSPHRASE = 'okx-test-passphrase';
let okx: Exchange;

function client(overrides: { secret?: string; password?: string } = {}): Exchange {
  const exchange = pointedAt(new ccxt.okx({
    apiKey: KEY, secret: overrides.secret ?? SECRET, password: overrides.password ?? PASSPHRASE, enableRateLimit: false, timeout: 3000,
    options: { fetchMarkets: { types: ['swap'] }, defaultType: 'swap' },
  }));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  return exchange;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['okx'], universeSize: 40, initialBalance: 50_000 });
  sim.credentials.add({ venue: 'okx', apiKey: KEY, secret: SECRET, password: PASSPHRASE });
  okx = client();
  await okx.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const symbolOf = (instrument: SimInstrument) => `${instrument.base}/${instrument.settle}:${instrument.settle}`;
const instrument = () => sim.market.instruments('okx')[0];
/** Contracts worth about 1.5 × the minimum order value, on the lot step. */
function smallContracts(target: SimInstrument): number {
  const perContract = sim.market.ticker('okx', target.id).mark * target.contractSize;
  return Math.max(target.minQty, Math.ceil((target.minNotional * 1.5) / perContract / target.stepSize) * target.stepSize);
}

describe('okx v5 wire through ccxt: signed account endpoints', () => {
  it('reports the trading account balance: total is equity, free is available', async () => {
    const balance = await okx.fetchBalance();
    const expected = sim.accounts.balances('okx', KEY).find((entry) => entry.currency === 'USDT')!;
    expect(balance.USDT.total).toBe(expected.total);
    expect(balance.USDT.free).toBe(expected.free);
  });

  it('sets leverage and margin mode of a swap', async () => {
    await okx.setLeverage(4, symbolOf(instrument()), { marginMode: 'isolated' });
    expect(sim.accounts.leverage('okx', KEY, instrument().id)).toEqual({ leverage: 4, marginMode: 'isolated' });
  });

  it('fills a market buy sent through batch-orders, in contracts, and shows the long position', async () => {
    const contracts = smallContracts(instrument());
    const id = String((await okx.createOrder(symbolOf(instrument()), 'market', 'buy', contracts, undefined, { marginMode: 'isolated' })).id);
    const order = await okx.fetchOrder(id, symbolOf(instrument()));
    expect(order.status).toBe('closed');
    expect(order.filled).toBe(contracts);
    const positions = await okx.fetchPositions([symbolOf(instrument())]);
    expect(positions).toHaveLength(1);
    expect(positions[0].side).toBe('long');
    expect(positions[0].contracts).toBe(contracts);
    expect(positions[0].marginMode).toBe('isolated');
    const trades = await okx.fetchMyTrades(symbolOf(instrument()));
    expect(trades.map((trade) => trade.order)).toContain(id);
  });

  it('rests a limit order below the market, lists it as open, and cancels it', async () => {
    const target = instrument();
    const price = Number((sim.market.ticker('okx', target.id).mark * 0.8).toFixed(target.pricePrecision));
    const id = String((await okx.createOrder(symbolOf(target), 'limit', 'buy', smallContracts(target), price, { clientOrderId: 'rest1', marginMode: 'isolated' })).id);
    const open = await okx.fetchOpenOrders(symbolOf(target));
    expect(open.map((order) => [order.id, order.clientOrderId, order.price])).toContainEqual([id, 'rest1', price]);
    await okx.cancelOrder(id, symbolOf(target));
    expect((await okx.fetchOrder(id, symbolOf(target))).status).toBe('canceled');
    await expect(okx.cancelOrder(id, symbolOf(target))).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('books a settlement on the held position as a funding bill, visible through fetchFundingHistory', async () => {
    const target = instrument();
    const funding = sim.market.funding('okx', target.id);
    sim.clock.advanceTo(funding.nextFundingTime + 1000);
    const history = await okx.fetchFundingHistory(symbolOf(target));
    const income = sim.accounts.income('okx', KEY, { instrumentId: target.id });
    expect(income.length).toBeGreaterThan(0);
    const last = income[income.length - 1];
    expect(last.amount).toBeCloseTo(-last.positionSize * target.contractSize * last.markPrice * last.rate, 8);
    expect(history.map((entry) => [entry.id, entry.timestamp, entry.amount])).toContainEqual([last.id, last.time, last.amount]);
  });

  it('a wrong secret or passphrase is an AuthenticationError', async () => {
    await expect(client({ secret: 'not-the-secret' }).fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    await expect(client({ password: 'not-the-passphrase' }).fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
  });

  it('an order beyond the margin is InsufficientFunds (51008)', async () => {
    const target = instrument();
    const perContract = sim.market.ticker('okx', target.id).mark * target.contractSize;
    const huge = Math.ceil(10_000_000 / perContract / target.stepSize) * target.stepSize;
    await expect(okx.createOrder(symbolOf(target), 'market', 'buy', huge, undefined, { marginMode: 'isolated' })).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('a reduce-only order that would grow the position is refused with 51169', async () => {
    const target = instrument();
    await expect(okx.createOrder(symbolOf(target), 'market', 'buy', smallContracts(target), undefined, { reduceOnly: true, marginMode: 'isolated' })).rejects.toThrow(/51169/);
  });

  it('every order names its margin mode (tdMode): one in cross on a symbol held isolated is refused, and the position stays isolated', async () => {
    const target = instrument();
    // ccxt sends cross unless told otherwise: the order the terminal used to send after isolated leverage.
    await expect(okx.createOrder(symbolOf(target), 'market', 'buy', smallContracts(target))).rejects.toThrow(/51000.*tdMode/);
    expect(sim.accounts.leverage('okx', KEY, target.id).marginMode).toBe('isolated');
    const id = String((await okx.createOrder(symbolOf(target), 'market', 'buy', smallContracts(target), undefined, { marginMode: 'isolated' })).id);
    expect(sim.accounts.order('okx', KEY, { orderId: id })?.marginMode).toBe('isolated');
    expect(((await okx.fetchOrder(id, symbolOf(target))).info as { tdMode: string }).tdMode).toBe('isolated');
  });
});
