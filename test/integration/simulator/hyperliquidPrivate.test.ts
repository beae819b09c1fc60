import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

const PRIVATE_KEY = `0x${'4c'.repeat(32)}`;
const STRANGER_KEY = `0x${'7d'.repeat(32)}`;
const BTC = 'BTC/USDC:USDC';

let sim: Simulator;

const pointedAt = pointerAt(() => sim);

let wallet: string;

function client(privateKey: string, walletAddress: string): Exchange {
  return pointedAt(new ccxt.hyperliquid({ enableRateLimit: false, timeout: 3000, privateKey, walletAddress }));
}

let hl: Exchange;

beforeAll(async () => {
  wallet = new ccxt.hyperliquid().ethGetAddressFromPrivateKey(PRIVATE_KEY);
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['hyperliquid'], universeSize: 40, initialBalance: 50_000 });
  sim.credentials.add({ venue: 'hyperliquid', apiKey: wallet, secret: PRIVATE_KEY });
  hl = client(PRIVATE_KEY, wallet);
  await hl.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const mark = () => sim.market.ticker('hyperliquid', 'BTC').mark;

describe('hyperliquid signed actions and account reads through ccxt', () => {
  it('reports the account value and margin in use as the USDC balance', async () => {
    const balance = await hl.fetchBalance();
    const [usdc] = sim.accounts.balances('hyperliquid', wallet);
    expect(balance.USDC.total).toBe(usdc.total);
    expect(balance.USDC.used).toBe(usdc.used);
  });

  it('a resting limit order is listed open, found by id, and cancelled', async () => {
    const price = Math.round(mark() * 0.9);
    const order = await hl.createOrder(BTC, 'limit', 'buy', 0.01, price);
    const id = String(order.id);
    expect(id).toMatch(/^\d+$/);
    const open = await hl.fetchOpenOrders(BTC);
    expect(open.map((o) => o.id)).toEqual([id]);
    expect(open[0].price).toBe(price);
    expect(open[0].amount).toBe(0.01);
    expect((await hl.fetchOrder(id, BTC)).status).toBe('open');
    await hl.cancelOrder(id, BTC);
    expect((await hl.fetchOrder(id, BTC)).status).toBe('canceled');
    expect(await hl.fetchOpenOrders(BTC)).toHaveLength(0);
  });

  it('cancelling an order under another coin is refused with OrderNotFound and leaves it open', async () => {
    const order = await hl.createOrder(BTC, 'limit', 'buy', 0.01, Math.round(mark() * 0.9));
    await expect(hl.cancelOrder(String(order.id), 'ETH/USDC:USDC')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
    expect(sim.accounts.openOrders('hyperliquid', wallet).map((o) => o.orderId)).toEqual([String(order.id)]);
    await hl.cancelOrder(String(order.id), BTC);
  });

  it('the builder-fee approval ccxt sends first is a user-signed action the wire verifies', () => {
    expect(hl.options.approvedBuilderFee).toBe(true);
  });

  it('a market buy fills and opens the long position the account holds', async () => {
    const order = await hl.createOrder(BTC, 'market', 'buy', 0.02, mark());
    expect(order.filled).toBe(0.02);
    const [position] = await hl.fetchPositions([BTC]);
    const [simulated] = sim.accounts.positions('hyperliquid', wallet);
    expect(position.side).toBe('long');
    expect(position.contracts).toBe(simulated.size);
    expect(position.entryPrice).toBe(simulated.entryPrice);
    expect(position.unrealizedPnl).toBe(simulated.unrealisedPnl);
    const fills = await hl.fetchMyTrades(BTC);
    expect(fills.reduce((sum, t) => sum + (t.amount ?? 0), 0)).toBeCloseTo(0.02, 10);
  });

  it('lists every order of the wallet with its final status', async () => {
    const orders = await hl.fetchOrders(BTC);
    const simulated = sim.accounts.orders('hyperliquid', wallet);
    expect(orders.map((o) => o.id).sort()).toEqual(simulated.map((o) => o.orderId).sort());
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['canceled', 'closed']));
  });

  it('sets the leverage of a coin', async () => {
    await hl.setLeverage(5, BTC);
    expect(sim.accounts.leverage('hyperliquid', wallet, 'BTC')).toEqual({ leverage: 5, marginMode: 'cross' });
  });

  it('each hourly settlement of the held position appears in the funding history as size × mark × rate', async () => {
    const before = sim.clock.now();
    sim.clock.step(3 * 3_600_000);
    const history = await hl.fetchFundingHistory(BTC, before);
    const settlements = sim.market.fundingHistory('hyperliquid', 'BTC', { since: before });
    expect(history).toHaveLength(3);
    expect(settlements).toHaveLength(3);
    history.forEach((payment, i) => {
      const s = settlements[i];
      expect(payment.timestamp).toBe(s.time);
      expect(payment.amount).toBeCloseTo(-0.02 * s.markPrice * s.rate, 9);
    });
  });

  it('an order beyond the margin is refused with InsufficientFunds', async () => {
    await expect(hl.createOrder(BTC, 'market', 'buy', 50, mark())).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('an order the venue refuses for its size carries Hyperliquid\'s text, so ccxt raises InvalidOrder', async () => {
    sim.faults.inject({ venue: 'hyperliquid', kind: 'reject', reason: 'min-notional', times: 1 });
    const attempt = hl.createOrder(BTC, 'limit', 'buy', 0.01, Math.round(mark() * 0.9));
    await expect(attempt).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    await expect(attempt).rejects.toThrow('Order must have minimum value of $10.');
  });

  it('a wallet that is not registered gets "User or API Wallet … does not exist."', async () => {
    const strangerAddress = new ccxt.hyperliquid().ethGetAddressFromPrivateKey(STRANGER_KEY);
    const stranger = client(STRANGER_KEY, strangerAddress);
    await stranger.loadMarkets();
    const attempt = stranger.createOrder(BTC, 'limit', 'buy', 0.01, Math.round(mark() * 0.9));
    await expect(attempt).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    await expect(attempt).rejects.toThrow(`User or API Wallet ${strangerAddress.toLowerCase()} does not exist.`);
  });

  it('an action altered after signing recovers another signer and is refused', async () => {
    const request = (hl as unknown as { createOrdersRequest(orders: unknown[]): Record<string, unknown> }).createOrdersRequest([
      { symbol: BTC, type: 'limit', side: 'buy', amount: 0.01, price: Math.round(mark() * 0.9), params: {} },
    ]);
    const action = request.action as { orders: Array<{ s: string }> };
    action.orders[0].s = '0.5';
    const response = await fetch(`${sim.url}/exchange`, { method: 'POST', body: JSON.stringify(request) });
    const body = (await response.json()) as { status: string; response: string };
    expect(body.status).toBe('err');
    expect(body.response).toMatch(/^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
    expect(body.response).not.toContain(wallet.toLowerCase());
    expect(sim.accounts.openOrders('hyperliquid', wallet)).toHaveLength(0);
  });

  it('a signed request sent twice is refused the second time: the nonce is spent', async () => {
    const request = (hl as unknown as { createOrdersRequest(orders: unknown[]): Record<string, unknown> }).createOrdersRequest([
      { symbol: BTC, type: 'limit', side: 'buy', amount: 0.01, price: Math.round(mark() * 0.9), params: {} },
    ]);
    const send = async () => (await fetch(`${sim.url}/exchange`, { method: 'POST', body: JSON.stringify(request) })).json() as Promise<{ status: string; response: unknown }>;
    const first = await send();
    const second = await send();
    expect(first.status).toBe('ok');
    expect(second).toEqual({ status: 'err', response: `Invalid nonce: duplicate nonce ${String(request.nonce)}` });
    expect(sim.accounts.openOrders('hyperliquid', wallet)).toHaveLength(1);
    await hl.cancelOrder(sim.accounts.openOrders('hyperliquid', wallet)[0].orderId, BTC);
  });
});
