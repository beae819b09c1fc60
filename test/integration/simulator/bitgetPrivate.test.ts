import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

const KEY = { apiKey: 'bg-key', secret: 'bg-secret', password: 'bg-pass' };
const BTC = 'BTC/USDT:USDT';

let sim: Simulator;

const pointedAt = pointerAt(() => sim);
let bitget: Exchange;

function client(credentials: typeof KEY): Exchange {
  return pointedAt(new ccxt.bitget({ enableRateLimit: false, timeout: 3000, ...credentials, options: { defaultType: 'swap', fetchMarkets: { types: ['swap'] } } }));
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['bitget'], universeSize: 40, initialBalance: 20_000 });
  sim.credentials.add({ venue: 'bitget', ...KEY });
  bitget = client(KEY);
  await bitget.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const mark = () => sim.market.ticker('bitget', 'BTCUSDT').mark;

describe('bitget v2 mix signed endpoints through ccxt', () => {
  it('reports the futures account equity and what can be transferred out as the USDT balance', async () => {
    const balance = await bitget.fetchBalance({ type: 'swap' });
    const [usdt] = sim.accounts.balances('bitget', KEY.apiKey);
    expect(balance.USDT.total).toBe(usdt.total);
    expect(balance.USDT.free).toBe(usdt.free);
  });

  it('a resting limit order is pending, found by id, and cancelled', async () => {
    const price = Math.round(mark() * 0.9);
    const order = await bitget.createOrder(BTC, 'limit', 'buy', 0.01, price);
    const id = String(order.id);
    const open = await bitget.fetchOpenOrders(BTC);
    expect(open.map((o) => [o.id, o.price, o.amount])).toEqual([[id, price, 0.01]]);
    expect((await bitget.fetchOrder(id, BTC)).status).toBe('open');
    await bitget.cancelOrder(id, BTC);
    expect((await bitget.fetchOrder(id, BTC)).status).toBe('canceled');
    expect(await bitget.fetchOpenOrders(BTC)).toHaveLength(0);
  });

  it('a market buy fills and opens the long position the account holds', async () => {
    const order = await bitget.createOrder(BTC, 'market', 'buy', 0.05);
    const detail = await bitget.fetchOrder(String(order.id), BTC);
    expect([detail.status, detail.filled]).toEqual(['closed', 0.05]);
    const [position] = await bitget.fetchPositions([BTC]);
    const [simulated] = sim.accounts.positions('bitget', KEY.apiKey);
    expect(position.side).toBe('long');
    expect(position.contracts).toBe(simulated.size);
    expect(position.entryPrice).toBe(simulated.entryPrice);
    const trades = await bitget.fetchMyTrades(BTC);
    expect(trades.reduce((sum, t) => sum + (t.amount ?? 0), 0)).toBeCloseTo(0.05, 10);
  });

  it('sets the leverage of a contract', async () => {
    await bitget.setLeverage(7, BTC);
    expect(sim.accounts.leverage('bitget', KEY.apiKey, 'BTCUSDT').leverage).toBe(7);
  });

  it('a settlement on the held position appears in the funding history as size × mark × rate', async () => {
    const before = sim.clock.now();
    const funding = sim.market.funding('bitget', 'BTCUSDT');
    sim.clock.step(funding.nextFundingTime - before + 1000);
    const history = await bitget.fetchFundingHistory(BTC, before);
    const [settlement] = sim.market.fundingHistory('bitget', 'BTCUSDT', { since: before });
    expect(history).toHaveLength(1);
    expect(history[0].timestamp).toBe(settlement.time);
    expect(history[0].amount).toBeCloseTo(-0.05 * settlement.markPrice * settlement.rate, 9);
  });

  it('an order beyond the balance is refused with InsufficientFunds', async () => {
    await expect(bitget.createOrder(BTC, 'market', 'buy', 100)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('a wrong secret, a wrong passphrase or an unknown key is an AuthenticationError', async () => {
    for (const wrong of [{ ...KEY, secret: 'nope' }, { ...KEY, password: 'nope' }, { ...KEY, apiKey: 'nobody' }]) {
      const stranger = client(wrong);
      stranger.markets = bitget.markets;
      stranger.markets_by_id = bitget.markets_by_id;
      stranger.options.uta = false;
      await expect(stranger.fetchBalance({ type: 'swap' })).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    }
  });
});
