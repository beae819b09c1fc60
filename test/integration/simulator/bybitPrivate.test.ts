import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import type { SimInstrument } from '../../../electron/simulator/types.ts';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

let sim: Simulator;

const pointedAt = pointerAt(() => sim);

const KEY = 'bybit-test-key';
const SECRET = 'bybit-test-secret';
let bybit: Exchange;

function client(secret: string, apiKey = KEY): Exchange {
  const exchange = pointedAt(new ccxt.bybit({
    apiKey, secret, enableRateLimit: false, timeout: 3000,
    options: { fetchMarkets: { types: ['linear'] }, enableUnifiedAccount: true, enableUnifiedMargin: false },
  }));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  return exchange;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['bybit'], universeSize: 40, initialBalance: 50_000 });
  sim.credentials.add({ venue: 'bybit', apiKey: KEY, secret: SECRET });
  bybit = client(SECRET);
  await bybit.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const symbolOf = (instrument: SimInstrument) => `${instrument.base}/${instrument.settle}:${instrument.settle}`;
/** A liquid symbol whose minimum order is affordable with the test balance. */
const instrument = () => sim.market.instruments('bybit')[0];
/** Smallest quantity on the step that clears the minimum order value, with a margin of safety. */
function smallQuantity(target: SimInstrument): number {
  const mark = sim.market.ticker('bybit', target.id).mark;
  const steps = Math.ceil((target.minNotional * 1.5) / mark / target.stepSize);
  return Number((Math.max(steps * target.stepSize, target.minQty)).toFixed(target.qtyPrecision));
}

describe('bybit v5 wire through ccxt: signed account endpoints', () => {
  it('reports the unified wallet balance of the account', async () => {
    const balance = await bybit.fetchBalance();
    const expected = sim.accounts.balances('bybit', KEY).find((entry) => entry.currency === 'USDT')!;
    expect(balance.USDT.total).toBe(expected.total);
    expect(balance.USDT.free).toBe(expected.free);
  });

  it('sets the leverage of a symbol', async () => {
    await bybit.setLeverage(5, symbolOf(instrument()));
    expect(sim.accounts.leverage('bybit', KEY, instrument().id).leverage).toBe(5);
  });

  it('fills a market buy, shows it as a closed order and as a long position at its fill price', async () => {
    const quantity = smallQuantity(instrument());
    const created = await bybit.createOrder(symbolOf(instrument()), 'market', 'buy', quantity);
    const id = String(created.id);
    const order = await bybit.fetchOrder(id, symbolOf(instrument()), { acknowledged: true });
    const simOrder = sim.accounts.order('bybit', KEY, { orderId: id })!;
    expect(order.status).toBe('closed');
    expect(order.filled).toBe(quantity);
    expect(order.average).toBe(Number(simOrder.averagePrice!.toFixed(instrument().pricePrecision)));
    const positions = await bybit.fetchPositions([symbolOf(instrument())]);
    expect(positions).toHaveLength(1);
    expect(positions[0].side).toBe('long');
    expect(positions[0].contracts).toBe(quantity);
    expect(positions[0].leverage).toBe(5);
    const trades = await bybit.fetchMyTrades(symbolOf(instrument()));
    expect(trades.map((trade) => trade.order)).toContain(id);
  });

  it('rests a limit order below the market, lists it as open, and cancels it', async () => {
    const target = instrument();
    const price = Number((sim.market.ticker('bybit', target.id).mark * 0.8).toFixed(target.pricePrecision));
    const quantity = Number((Math.ceil(target.minNotional * 1.5 / price / target.stepSize) * target.stepSize).toFixed(target.qtyPrecision));
    const id = String((await bybit.createOrder(symbolOf(target), 'limit', 'buy', quantity, price, { clientOrderId: 'rest-1' })).id);
    const open = await bybit.fetchOpenOrders(symbolOf(target));
    expect(open.map((order) => [order.id, order.clientOrderId, order.price, order.amount])).toContainEqual([id, 'rest-1', price, quantity]);
    await bybit.cancelOrder(id, symbolOf(target));
    const cancelled = await bybit.fetchOrder(id, symbolOf(target), { acknowledged: true });
    expect(cancelled.status).toBe('canceled');
    expect(await bybit.fetchOpenOrders(symbolOf(target))).toHaveLength(0);
  });

  it('credits or debits a settlement on the held position, visible through fetchFundingHistory', async () => {
    const target = instrument();
    const funding = sim.market.funding('bybit', target.id);
    sim.clock.advanceTo(funding.nextFundingTime + 1000);
    const history = await bybit.fetchFundingHistory(symbolOf(target));
    const income = sim.accounts.income('bybit', KEY, { instrumentId: target.id });
    expect(income.length).toBeGreaterThan(0);
    const last = income[income.length - 1];
    expect(last.time).toBe(funding.nextFundingTime);
    expect(last.amount).toBeCloseTo(-last.positionSize * target.contractSize * last.markPrice * last.rate, 8);
    // Bybit lists funding as a fee the account paid: a credit is a negative execFee.
    const rows = history.map((entry) => [entry.id, entry.timestamp, entry.amount, Number((entry.info as Record<string, string>).feeRate)]);
    expect(rows).toContainEqual([last.id, last.time, -last.amount, last.rate]);
  });

  it('a wrong secret is an AuthenticationError, and so is an unknown key', async () => {
    await expect(client('not-the-secret').fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    await expect(client(SECRET, 'unknown-key').fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
  });

  it('an order beyond the margin is InsufficientFunds (110007)', async () => {
    const target = instrument();
    const mark = sim.market.ticker('bybit', target.id).mark;
    const huge = Number((Math.ceil(10_000_000 / mark / target.stepSize) * target.stepSize).toFixed(target.qtyPrecision));
    await expect(bybit.createOrder(symbolOf(target), 'market', 'buy', huge)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('an order below the minimum value is an InvalidOrder (110094)', async () => {
    const target = sim.market.instruments('bybit').find((candidate) => candidate.minQty * sim.market.ticker('bybit', candidate.id).mark < candidate.minNotional)!;
    const attempt = bybit.createOrder(symbolOf(target), 'market', 'buy', target.minQty);
    await expect(attempt).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    await expect(attempt).rejects.toThrow(/110094/);
  });

  it('a reduce-only order that would grow the position is an InvalidOrder (110017)', async () => {
    const target = instrument();
    const attempt = bybit.createOrder(symbolOf(target), 'market', 'buy', smallQuantity(target), undefined, { reduceOnly: true });
    await expect(attempt).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    await expect(attempt).rejects.toThrow(/110017/);
  });
});
