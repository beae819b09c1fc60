import { describe, expect, it } from 'vitest';
import { Market } from '../../../electron/simulator/market.ts';
import { Accounts } from '../../../electron/simulator/accounts.ts';
import { buildUniverse } from '../../../electron/simulator/universe.ts';
import { SimRejection, type RejectionReason } from '../../../electron/simulator/types.ts';

const START = Date.UTC(2026, 2, 4, 10, 20);
const V = 'binanceusdm';
const KEY = 'k';

function setup() {
  let now = START;
  const market = new Market({ seed: 4, now: () => now, universe: buildUniverse([V, 'okx'], 30), startTime: START, historyDays: 2 });
  const accounts = new Accounts({ market });
  return { market, accounts, step: (ms: number) => { now += ms; } };
}

function rejection(fn: () => unknown): RejectionReason | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SimRejection) return error.reason;
    throw error;
  }
  return undefined;
}

describe('simulated accounts', () => {
  it('a market order walks the book: a size beyond the first level fills at a worse average', () => {
    const { market, accounts } = setup();
    const book = market.orderBook(V, 'ETHUSDT', 200);
    const small = accounts.placeOrder(V, KEY, { instrumentId: 'ETHUSDT', side: 'buy', type: 'market', quantity: 0.1 });
    const big = book.asks.slice(0, 5).reduce((sum, [, q]) => sum + q, 0);
    const large = accounts.placeOrder(V, KEY, { instrumentId: 'ETHUSDT', side: 'buy', type: 'market', quantity: Number(big.toFixed(3)) });
    expect(small.averagePrice).toBe(book.asks[0][0]);
    expect(large.averagePrice!).toBeGreaterThan(book.asks[0][0]);
    expect(large.status).toBe('filled');
  });

  it('taker fees are charged on fills and reduce the balance', () => {
    const { accounts } = setup();
    const order = accounts.placeOrder(V, KEY, { instrumentId: 'ETHUSDT', side: 'buy', type: 'market', quantity: 1 });
    expect(order.fee).toBeCloseTo(order.averagePrice! * 0.0005, 10);
    const [position] = accounts.positions(V, KEY);
    const [balance] = accounts.balances(V, KEY);
    expect(balance.total).toBeCloseTo(100_000 - order.fee + position.unrealisedPnl, 8);
  });

  it('a resting limit buy fills as maker at its own price, taking exactly the book levels that cross it (a large one partially)', () => {
    const { market, accounts, step } = setup();
    const mark = market.markPrice(V, 'SOLUSDT');
    const price = Number((mark * 0.999).toFixed(2));
    accounts.setLeverage(V, KEY, 'SOLUSDT', 100);
    const order = accounts.placeOrder(V, KEY, { instrumentId: 'SOLUSDT', side: 'buy', type: 'limit', quantity: 60_000, price });
    expect(order.status).toBe('new');
    market.setPrice(V, 'SOLUSDT', market.indexPrice(V, 'SOLUSDT') * 0.995);
    step(60_000);
    const crossing = market.orderBook(V, 'SOLUSDT', 200).asks.filter(([p]) => p <= price).reduce((sum, [, q]) => sum + q, 0);
    const after = accounts.order(V, KEY, { orderId: order.orderId })!;
    expect(crossing).toBeGreaterThan(0);
    expect(crossing).toBeLessThan(60_000);
    expect(after.status).toBe('partially-filled');
    expect(after.filled).toBeCloseTo(crossing, 6);
    expect(after.averagePrice).toBeCloseTo(price, 8);
    expect(accounts.trades(V, KEY).every((t) => t.maker && t.price === price)).toBe(true);
    expect(after.fee).toBeCloseTo(after.filled * price * 0.0002, 8);
  });

  it('refuses orders with the venue-neutral reasons of types.ts', () => {
    const { accounts } = setup();
    expect(rejection(() => accounts.placeOrder(V, KEY, { instrumentId: 'ETHUSDT', side: 'sell', type: 'market', quantity: 1, reduceOnly: true }))).toBe('reduce-only');
    expect(rejection(() => accounts.placeOrder(V, KEY, { instrumentId: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.001 }))).toBe('min-notional');
    expect(rejection(() => accounts.placeOrder(V, KEY, { instrumentId: 'BTCUSDT', side: 'buy', type: 'market', quantity: 100 }))).toBe('insufficient-margin');
    expect(rejection(() => accounts.placeOrder(V, KEY, { instrumentId: 'ETHUSDT', side: 'buy', type: 'market', quantity: 0.0001 }))).toBe('invalid-quantity');
    expect(rejection(() => accounts.placeOrder(V, KEY, { instrumentId: 'NOPE', side: 'buy', type: 'market', quantity: 1 }))).toBe('unknown-instrument');
    accounts.placeOrder(V, KEY, { instrumentId: 'ETHUSDT', side: 'buy', type: 'market', quantity: 1, clientOrderId: 'x1' });
    expect(rejection(() => accounts.placeOrder(V, KEY, { instrumentId: 'ETHUSDT', side: 'buy', type: 'market', quantity: 1, clientOrderId: 'x1' }))).toBe('duplicate-client-id');
    expect(rejection(() => accounts.cancelOrder(V, KEY, { orderId: '424242' }))).toBe('unknown-order');
  });

  it('initial margin is notional / leverage: 10× leverage allows what 1× refuses', () => {
    const { accounts } = setup();
    accounts.setLeverage(V, KEY, 'BTCUSDT', 1);
    expect(rejection(() => accounts.placeOrder(V, KEY, { instrumentId: 'BTCUSDT', side: 'buy', type: 'market', quantity: 2 }))).toBe('insufficient-margin');
    accounts.setLeverage(V, KEY, 'BTCUSDT', 10);
    expect(accounts.placeOrder(V, KEY, { instrumentId: 'BTCUSDT', side: 'buy', type: 'market', quantity: 2 }).status).toBe('filled');
    const [position] = accounts.positions(V, KEY);
    expect(position.margin).toBeCloseTo((2 * position.markPrice) / 10, 8);
  });

  it('funding settlement credits a short exactly size × contract size × mark × rate (OKX contracts)', () => {
    const { market, accounts, step } = setup();
    const ctVal = market.instrument('okx', 'ETH-USDT-SWAP')!.contractSize;
    market.setRate('okx', 'ETH-USDT-SWAP', 0.0005);
    accounts.placeOrder('okx', KEY, { instrumentId: 'ETH-USDT-SWAP', side: 'sell', type: 'market', quantity: 30 });
    const next = market.funding('okx', 'ETH-USDT-SWAP').nextFundingTime;
    step(next - START + 1);
    const [income] = accounts.income('okx', KEY);
    const [settlement] = market.fundingHistory('okx', 'ETH-USDT-SWAP', { since: next });
    expect(income.time).toBe(next);
    expect(income.amount).toBe(30 * ctVal * settlement.markPrice * 0.0005);
  });

  it('a leveraged long is liquidated when the mark crosses its liquidation price', () => {
    const { market, accounts } = setup();
    accounts.setMarginMode(V, KEY, 'ETHUSDT', 'isolated');
    accounts.setLeverage(V, KEY, 'ETHUSDT', 50);
    accounts.placeOrder(V, KEY, { instrumentId: 'ETHUSDT', side: 'buy', type: 'market', quantity: 10 });
    const [position] = accounts.positions(V, KEY);
    expect(position.liquidationPrice!).toBeGreaterThan(position.entryPrice * 0.97);
    market.setPrice(V, 'ETHUSDT', position.liquidationPrice! * 0.99);
    expect(accounts.positions(V, KEY)).toHaveLength(0);
    // Isolated: the loss at liquidation is the initial margin less the maintenance margin left.
    expect(accounts.balances(V, KEY)[0].total).toBeLessThan(100_000 - position.margin * 0.75);
  });
});
