/**
 * Scenario control: the `/__sim/…` HTTP API and the library API change what ccxt sees —
 * clock, rates, faults, credentials, scheduled events, partial fills — and the request log
 * records what was received.
 */
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { isLoopback } from '../../../electron/simulator/control.ts';
import { binanceClient, START_TIME } from './simulatorClients.ts';

const VENUE = 'binanceusdm';
let sim: Simulator;
let ex: ReturnType<typeof binanceClient>;

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sim.url}/__sim${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 12, paused: true, startTime: START_TIME, venues: [VENUE], universeSize: 30 });
  ex = binanceClient(sim, { apiKey: 'demo-key', secret: 'demo-secret' });
  await ex.loadMarkets();
});
afterAll(() => sim.close());

describe('control API over HTTP', () => {
  it('steps the paused clock and reports the state', async () => {
    const stepped = await control('POST', '/clock', { action: 'step', ms: 90_000 });
    expect(stepped.json).toMatchObject({ now: START_TIME + 90_000, paused: true });
    const state = (await control('GET', '/state')).json as { now: number; venues: Array<{ venue: string; instruments: number }> };
    expect(state.now).toBe(START_TIME + 90_000);
    expect(state.venues).toEqual([{ venue: VENUE, instruments: 30, down: false }]);
  });

  it('a rate set over HTTP is what ccxt reads, and is what settles', async () => {
    await control('POST', '/rate', { venue: VENUE, id: 'BTCUSDT', rate: 0.00123 });
    expect((await ex.fetchFundingRate('BTC/USDT:USDT')).fundingRate).toBe(0.00123);
    const next = sim.market.funding(VENUE, 'BTCUSDT').nextFundingTime;
    await control('POST', '/clock', { action: 'step', ms: next - sim.clock.now() });
    const [settled] = await ex.fetchFundingRateHistory('BTC/USDT:USDT', next, 1);
    expect(settled.fundingRate).toBe(0.00123);
    await control('POST', '/rate', { venue: VENUE, id: 'BTCUSDT', rate: null });
  });

  it('a premium held over HTTP moves this venue\'s mark and book away from the index, and its funding follows', async () => {
    const rateBefore = (await ex.fetchFundingRate('BTC/USDT:USDT')).fundingRate!;
    const held = await control('POST', '/premium', { venue: VENUE, id: 'BTCUSDT', premium: 0.02 });
    expect(held.status).toBe(200);
    await control('POST', '/clock', { action: 'step', ms: 3_600_000 });
    const after = await ex.fetchFundingRate('BTC/USDT:USDT');
    // Mark over index by the model's premium plus the 2 % held; the index itself did not jump.
    expect(after.markPrice! / after.indexPrice! - 1).toBeGreaterThan(0.019);
    const [bestBid] = (await ex.fetchOrderBook('BTC/USDT:USDT', 5)).bids[0];
    expect(bestBid! / after.indexPrice! - 1).toBeGreaterThan(0.018);
    expect(after.fundingRate!).toBeGreaterThan(rateBefore);
    expect((await control('POST', '/premium', { venue: VENUE, id: 'BTCUSDT', premium: 0.9 })).status).toBe(422);
    await control('POST', '/premium', { venue: VENUE, id: 'BTCUSDT', premium: 0 });
    const back = await ex.fetchFundingRate('BTC/USDT:USDT');
    expect(Math.abs(back.markPrice! / back.indexPrice! - 1)).toBeLessThan(0.005);
  });

  it('faults injected over HTTP reach ccxt; clearing them restores service', async () => {
    const fault = (await control('POST', '/faults', { venue: VENUE, kind: 'status', status: 429, path: '/fapi/v1/premiumIndex' })).json as { id: string };
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.DDoSProtection);
    await control('DELETE', `/faults?id=${fault.id}`);
    expect(Object.keys(await ex.fetchFundingRates())).toHaveLength(30);
  });

  it('the log lists what was received, with venue and status', async () => {
    const log = (await control('GET', `/log?venue=${VENUE}&path=/fapi/v1/premiumIndex`)).json as Array<{ method: string; status: number; fault?: string }>;
    expect(log.map((entry) => entry.status)).toContain(429);
    expect(log.every((entry) => entry.method === 'GET')).toBe(true);
  });

  it('a balance set over HTTP is what ccxt reads', async () => {
    await control('POST', '/balance', { venue: VENUE, apiKey: 'demo-key', amount: 1234.5 });
    expect((await ex.fetchBalance()).USDT.total).toBeCloseTo(1234.5 + sim.accounts.positions(VENUE, 'demo-key').reduce((s, p) => s + p.unrealisedPnl, 0), 6);
    await control('POST', '/balance', { venue: VENUE, apiKey: 'demo-key', amount: 100_000 });
  });

  it('a bad request names what is wrong', async () => {
    const answer = await control('POST', '/rate', { venue: 'nasdaq', id: 'BTCUSDT', rate: 0.01 });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'unknown venue "nasdaq"' });
  });

  it('only loopback addresses may use it', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true]);
    expect(['10.0.0.2', '192.168.1.5', undefined].map(isLoopback)).toEqual([false, false, false]);
  });
});

describe('library API', () => {
  it('a scheduled rate change takes effect at its time: the settlement after it pays the new rate, the one before does not', async () => {
    sim.market.setInterval(VENUE, 'XRPUSDT', 1);
    const first = sim.market.funding(VENUE, 'XRPUSDT').nextFundingTime;
    sim.schedule(first + 30 * 60_000, { kind: 'rate', venue: VENUE, id: 'XRPUSDT', rate: -0.0009 });
    sim.clock.advanceTo(first + 2 * 3_600_000 + 1);
    const settled = await ex.fetchFundingRateHistory('XRP/USDT:USDT', first, 3);
    expect(settled.map((s) => s.timestamp)).toEqual([first, first + 3_600_000, first + 2 * 3_600_000]);
    expect(settled[0].fundingRate).not.toBe(-0.0009);
    expect(settled.slice(1).map((s) => s.fundingRate)).toEqual([-0.0009, -0.0009]);
    expect(sim.scheduled()).toHaveLength(0);
  });

  it('a scheduled outage takes the venue down and a later event brings it back', async () => {
    const now = sim.clock.now();
    sim.schedule(now + 1000, { kind: 'down', venue: VENUE });
    sim.schedule(now + 2000, { kind: 'up', venue: VENUE });
    sim.clock.step(1000);
    await expect(ex.fetchTime()).rejects.toBeInstanceOf(ccxt.NetworkError);
    sim.clock.step(1000);
    expect(await ex.fetchTime()).toBe(sim.clock.now());
  });

  it('a partial-fill fault fills only its share of the next market order; the rest expires', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'partial', fraction: 0.5, path: '/fapi/v1/order', times: 1 });
    const order = await ex.createOrder('ETH/USDT:USDT', 'market', 'buy', 4);
    expect(order.filled).toBe(2);
    expect(order.status).toBe('expired');
    const next = await ex.createOrder('ETH/USDT:USDT', 'market', 'buy', 4);
    expect(next.filled).toBe(4);
  });
});
