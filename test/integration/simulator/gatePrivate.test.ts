import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

const KEY = { apiKey: 'gate-key', secret: 'gate-secret' };
const BTC = 'BTC/USDT:USDT';

let sim: Simulator;
let gate: Exchange;

const pointedAt = pointerAt(() => sim);

function client(credentials: { apiKey: string; secret: string }): Exchange {
  const options = { defaultType: 'swap', fetchMarkets: { types: ['swap'] }, swap: { fetchMarkets: { settlementCurrencies: ['usdt'] } } };
  return pointedAt(new ccxt.gate({ enableRateLimit: false, timeout: 3000, ...credentials, options }));
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['gate'], universeSize: 40, initialBalance: 20_000 });
  sim.credentials.add({ venue: 'gate', ...KEY });
  gate = client(KEY);
  await gate.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const mark = () => sim.market.ticker('gate', 'BTC_USDT').mark;
const contractSize = () => sim.market.instrument('gate', 'BTC_USDT')!.contractSize;

describe('gate futures signed endpoints through ccxt', () => {
  it('reads the account as classic and reports the futures account as the USDT balance', async () => {
    expect(gate.options.unifiedAccount).toBe(false);
    const balance = await gate.fetchBalance({ type: 'swap' });
    const [usdt] = sim.accounts.balances('gate', KEY.apiKey);
    expect(balance.USDT.total).toBe(usdt.total);
    expect(balance.USDT.free).toBe(usdt.free);
  });

  it('a resting limit order in contracts is open, found by id, and cancelled', async () => {
    const price = Math.round(mark() * 0.9);
    const order = await gate.createOrder(BTC, 'limit', 'buy', 20, price);
    const id = String(order.id);
    const open = await gate.fetchOpenOrders(BTC);
    expect(open.map((o) => [o.id, o.price, o.amount, o.side])).toEqual([[id, price, 20, 'buy']]);
    expect((await gate.fetchOrder(id, BTC)).status).toBe('open');
    await gate.cancelOrder(id, BTC);
    expect((await gate.fetchOrder(id, BTC)).status).toBe('canceled');
    expect(await gate.fetchOpenOrders(BTC)).toHaveLength(0);
  });

  it('a market sell fills and opens the short position the account holds', async () => {
    const order = await gate.createOrder(BTC, 'market', 'sell', 30);
    expect([order.status, order.side, order.type]).toEqual(['closed', 'sell', 'market']);
    const [position] = await gate.fetchPositions([BTC]);
    const [simulated] = sim.accounts.positions('gate', KEY.apiKey);
    expect(simulated.size).toBe(-30);
    expect(position.side).toBe('short');
    expect(position.contracts).toBe(30);
    expect(position.entryPrice).toBe(simulated.entryPrice);
    const trades = await gate.fetchMyTrades(BTC, START_TIME - 3_600_000);
    expect(trades.reduce((sum, t) => sum + (t.amount ?? 0), 0)).toBe(30);
  });

  it('a non-zero leverage puts the contract in isolated margin at that leverage, as Gate does', async () => {
    await gate.setLeverage(8, BTC);
    expect(sim.accounts.leverage('gate', KEY.apiKey, 'BTC_USDT')).toEqual({ leverage: 8, marginMode: 'isolated' });
  });

  it('a settlement on the held short appears in the funding history as contracts × multiplier × mark × rate', async () => {
    const before = sim.clock.now();
    sim.clock.step(sim.market.funding('gate', 'BTC_USDT').nextFundingTime - before + 1000);
    const history = await gate.fetchFundingHistory(BTC, before);
    const [settlement] = sim.market.fundingHistory('gate', 'BTC_USDT', { since: before });
    expect(history).toHaveLength(1);
    expect(history[0].timestamp).toBe(settlement.time);
    expect(history[0].amount).toBeCloseTo(30 * contractSize() * settlement.markPrice * settlement.rate, 9);
  });

  it('an order beyond the balance is refused with InsufficientFunds', async () => {
    await expect(gate.createOrder(BTC, 'market', 'buy', 10_000_000)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('a wrong secret or an unknown key is an AuthenticationError', async () => {
    for (const wrong of [{ ...KEY, secret: 'nope' }, { ...KEY, apiKey: 'nobody' }]) {
      const stranger = client(wrong);
      stranger.markets = gate.markets;
      stranger.markets_by_id = gate.markets_by_id;
      stranger.options.unifiedAccount = false;
      await expect(stranger.fetchBalance({ type: 'swap' })).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    }
  });

  it('a user order id longer than 28 characters after t-, or without t-, is refused as Gate refuses it, and nothing is placed', async () => {
    const before = sim.accounts.orders('gate', KEY.apiKey).length;
    const send = (text: string) => (gate as unknown as { privateFuturesPostSettleOrders(p: object): Promise<unknown> })
      .privateFuturesPostSettleOrders({ settle: 'usdt', contract: 'BTC_USDT', size: 1, price: '0', tif: 'ioc', text });
    for (const text of [`t-${'a'.repeat(29)}`, 'ft0123', 't-has space']) await expect(send(text)).rejects.toBeInstanceOf(ccxt.BadRequest);
    expect(sim.accounts.orders('gate', KEY.apiKey)).toHaveLength(before);
    await send(`t-${'a'.repeat(28)}`);
    expect(sim.accounts.orders('gate', KEY.apiKey)).toHaveLength(before + 1);
  });

  it('a finished order is found by its t- text for 60 s after it ended, by its id after that, as Gate documents', async () => {
    const order = await gate.createOrder(BTC, 'market', 'buy', 10, undefined, { clientOrderId: 'ftlookup1' });
    const byText = await gate.fetchOrder(undefined as unknown as string, BTC, { clientOrderId: 'ftlookup1' });
    expect([byText.id, byText.clientOrderId, byText.status]).toEqual([order.id, 't-ftlookup1', 'closed']);
    sim.clock.advanceTo(sim.clock.now() + 61_000);
    await expect(gate.fetchOrder(undefined as unknown as string, BTC, { clientOrderId: 'ftlookup1' })).rejects.toBeInstanceOf(ccxt.OrderNotFound);
    expect((await gate.fetchOrder(String(order.id), BTC)).status).toBe('closed');
  });
});
