/**
 * Each injected fault, and each authentication or order failure, reaches ccxt `binanceusdm`
 * as the error class docs/ccxt.md documents (or the behaviour it documents, where ccxt throws
 * nothing).
 */
import ccxt from 'ccxt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { binanceClient, START_TIME } from './simulatorClients.ts';

const VENUE = 'binanceusdm';
let sim: Simulator;
let ex: ReturnType<typeof binanceClient>;

beforeAll(async () => {
  sim = await startSimulator({ seed: 9, paused: true, startTime: START_TIME, venues: [VENUE], universeSize: 30 });
  ex = binanceClient(sim, { apiKey: 'demo-key', secret: 'demo-secret' }, 800);
  await ex.loadMarkets();
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

const RATES = '/fapi/v1/premiumIndex';

describe('transport faults map to ccxt error classes', () => {
  it('HTTP 429 with Binance’s -1003 body → DDoSProtection', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'status', status: 429, path: RATES, times: 1 });
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.DDoSProtection);
  });

  it('HTTP 418 (IP ban) → DDoSProtection', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'status', status: 418, path: RATES, times: 1 });
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.DDoSProtection);
  });

  it('HTTP 502 from the CDN (HTML body) → ExchangeNotAvailable', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'status', status: 502, path: RATES, times: 1 });
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
  });

  it('HTTP 504 from the CDN (HTML body) → RequestTimeout', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'status', status: 504, path: RATES, times: 1 });
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.RequestTimeout);
  });

  it.each([500, 503])('HTTP %i with Binance’s -1001 body → OperationFailed, not a NetworkError (ccxt matches the body code first)', async (status) => {
    sim.faults.inject({ venue: VENUE, kind: 'status', status, path: RATES, times: 1 });
    const error = await ex.fetchFundingRates().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ccxt.OperationFailed);
    expect(error).not.toBeInstanceOf(ccxt.NetworkError);
  });

  it('a hang (no answer) → RequestTimeout after the client timeout', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'hang', path: RATES, times: 1 });
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.RequestTimeout);
  });

  it('a connection reset → NetworkError', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'reset', path: RATES, times: 1 });
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.NetworkError);
  });

  it('a 200 with a garbage (HTML) body makes fetchFundingRates return {} silently', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'garbage', path: RATES, times: 1 });
    expect(await ex.fetchFundingRates()).toEqual({});
  });

  it('a truncated JSON body makes fetchFundingRates return {} silently, like garbage', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'truncated', path: RATES, times: 1 });
    expect(await ex.fetchFundingRates()).toEqual({});
  });

  it('an empty list makes fetchFundingRates return {}', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'empty', path: RATES, times: 1 });
    expect(await ex.fetchFundingRates()).toEqual({});
  });

  it('a delayed answer still arrives intact', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'delay', delayMs: 150, path: RATES, times: 1 });
    expect(Object.keys(await ex.fetchFundingRates())).toHaveLength(sim.market.instruments(VENUE).length);
  });

  it('a fault with times: 2 affects exactly the next two matching requests', async () => {
    sim.log.clear();
    sim.faults.inject({ venue: VENUE, kind: 'status', status: 502, path: RATES, times: 2 });
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
    expect(Object.keys(await ex.fetchFundingRates()).length).toBeGreaterThan(0);
    expect(sim.log.list({ path: RATES }).map((e) => e.status)).toEqual([502, 502, 200]);
  });

  it('a venue that goes down refuses every path (NetworkError) until it comes back', async () => {
    sim.faults.setDown(VENUE, true);
    await expect(ex.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.NetworkError);
    await expect(ex.fetchOrderBook('BTC/USDT:USDT')).rejects.toBeInstanceOf(ccxt.NetworkError);
    sim.faults.setDown(VENUE, false);
    expect((await ex.fetchOrderBook('BTC/USDT:USDT')).bids.length).toBeGreaterThan(0);
  });
});

describe('authentication as Binance checks it', () => {
  it('a wrong secret fails the HMAC signature check (-1022) → AuthenticationError', async () => {
    const wrong = binanceClient(sim, { apiKey: 'demo-key', secret: 'not-the-secret' });
    await wrong.loadMarkets();
    await expect(wrong.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    expect(sim.log.list({ path: '/fapi/v3/account' }).at(-1)?.status).toBe(400);
  });

  it('an unknown API key (-2015) → AuthenticationError', async () => {
    const stranger = binanceClient(sim, { apiKey: 'nobody', secret: 'demo-secret' });
    await stranger.loadMarkets();
    await expect(stranger.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
  });

  it('a timestamp outside recvWindow of both wall-clock and simulated time (-1021) → InvalidNonce', async () => {
    const skewed = binanceClient(sim, { apiKey: 'demo-key', secret: 'demo-secret' });
    skewed.options.timeDifference = 3_600_000;
    await skewed.loadMarkets();
    await expect(skewed.fetchBalance()).rejects.toBeInstanceOf(ccxt.InvalidNonce);
  });

  it('credentials added at run time are accepted; removed ones are refused', async () => {
    sim.credentials.add({ venue: VENUE, apiKey: 'alice', secret: 's3cret' });
    const alice = binanceClient(sim, { apiKey: 'alice', secret: 's3cret' });
    await alice.loadMarkets();
    expect((await alice.fetchBalance()).USDT.total).toBe(100_000);
    sim.credentials.remove(VENUE, 'alice');
    await expect(alice.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
  });
});

describe('order rejections carry Binance’s codes', () => {
  it('an unknown order (-2013) → OrderNotFound', async () => {
    await expect(ex.fetchOrder('999999', 'BTC/USDT:USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('on a loopback URL, linear-only codes (-2019, -4164, -2022) degrade to plain ExchangeError, as docs/ccxt.md warns', async () => {
    sim.faults.inject({ venue: VENUE, kind: 'reject', reason: 'insufficient-margin', times: 1 });
    const error = await ex.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.01).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ccxt.ExchangeError);
    expect(error).not.toBeInstanceOf(ccxt.InsufficientFunds);
    expect(String(error)).toContain('-2019');
    await expect(ex.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.001)).rejects.toThrow(/-4164/);
    await expect(ex.createOrder('BTC/USDT:USDT', 'market', 'sell', 0.01, undefined, { reduceOnly: true })).rejects.toThrow(/-2022/);
  });

  it('with ccxt’s linear exception table applied to the loopback URL, they map to InsufficientFunds and InvalidOrder', async () => {
    const linear = binanceClient(sim, { apiKey: 'demo-key', secret: 'demo-secret' });
    const table = (linear.exceptions as Record<string, Record<string, unknown>>).linear;
    linear.getExceptionsByUrl = (_url: string, exactOrBroad: string) => (table[exactOrBroad] ?? {}) as Record<string, never>;
    await linear.loadMarkets();
    await expect(linear.createOrder('BTC/USDT:USDT', 'market', 'buy', 1000)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
    await expect(linear.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.001)).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    await expect(linear.createOrder('BTC/USDT:USDT', 'market', 'sell', 0.01, undefined, { reduceOnly: true })).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });
});
