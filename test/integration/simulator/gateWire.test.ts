import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

let sim: Simulator;

const pointedAt = pointerAt(() => sim);
let gate: Exchange;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['gate'], universeSize: 40 });
  // ccxt's default market types (spot, swap usdt+btc, future, option): the wire must answer them all.
  gate = pointedAt(new ccxt.gate({ enableRateLimit: false, timeout: 3000, options: { defaultType: 'swap' } }));
  await gate.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const instruments = () => sim.market.instruments('gate');

describe('gate futures wire through ccxt', () => {
  it('lists every simulated USDT contract as a linear swap with its quanto multiplier', () => {
    const swaps = Object.values(gate.markets ?? {}).filter((m) => m.swap);
    expect(swaps.map((m) => m.id).sort()).toEqual(instruments().map((i) => i.id).sort());
    for (const instrument of instruments()) {
      const market = gate.market(`${instrument.base}/USDT:USDT`);
      expect(market.contractSize).toBe(instrument.contractSize);
      expect(market.linear).toBe(true);
      expect(market.limits.leverage?.max).toBe(instrument.maxLeverage);
    }
  });

  it("reports the running period's rate (funding_rate; the deprecated indicative field repeats it), the interval and the next settlement of each contract", async () => {
    const rates = await gate.fetchFundingRates(undefined, { settle: 'usdt' });
    expect(Object.keys(rates)).toHaveLength(instruments().length);
    for (const instrument of instruments()) {
      const funding = sim.market.funding('gate', instrument.id);
      const ticker = sim.market.ticker('gate', instrument.id);
      const rate = rates[`${instrument.base}/USDT:USDT`];
      expect(rate.fundingRate).toBe(funding.rate);
      expect(rate.nextFundingRate).toBe(funding.rate);
      expect(rate.interval).toBe(`${funding.intervalHours}h`);
      expect(rate.fundingTimestamp).toBe(funding.nextFundingTime);
      expect(rate.markPrice).toBe(ticker.mark);
      expect(rate.indexPrice).toBe(ticker.index);
    }
  });

  it('reports open interest in contracts in the tickers', async () => {
    const tickers = await gate.fetchTickers(undefined, { type: 'swap', settle: 'usdt' });
    const instrument = instruments()[0];
    const expected = Math.round(sim.market.ticker('gate', instrument.id).openInterestBase / instrument.contractSize);
    expect(Number((tickers[`${instrument.base}/USDT:USDT`].info as Record<string, unknown>).total_size)).toBe(expected);
  });

  it('returns the settled funding history of a contract, oldest first', async () => {
    const instrument = instruments()[1];
    const since = sim.clock.now() - 3 * 86_400_000;
    const history = await gate.fetchFundingRateHistory(`${instrument.base}/USDT:USDT`, since, 50);
    const expected = sim.market.fundingHistory('gate', instrument.id, { since, limit: 50 });
    expect(history.length).toBeGreaterThan(0);
    expect(history.map((h) => [h.timestamp, h.fundingRate])).toEqual(expected.map((s) => [s.time, s.rate]));
  });

  it('serves the order book in contracts at the simulated prices', async () => {
    const instrument = instruments()[0];
    const book = await gate.fetchOrderBook(`${instrument.base}/USDT:USDT`, 10);
    const expected = sim.market.orderBook('gate', instrument.id, 10);
    expect(book.bids[0]).toEqual([expected.bids[0][0], Math.round(expected.bids[0][1])]);
    expect(book.asks[0]).toEqual([expected.asks[0][0], Math.round(expected.asks[0][1])]);
    expect(book.bids).toHaveLength(expected.bids.length);
  });

  it('serves hourly candles from a start time', async () => {
    const instrument = instruments()[0];
    const since = sim.clock.now() - 24 * 3_600_000;
    const candles = await gate.fetchOHLCV(`${instrument.base}/USDT:USDT`, '1h', since, 12);
    const expected = sim.market.candles('gate', instrument.id, 3_600_000, { since, until: since + 11 * 3_600_000 });
    expect(candles.length).toBe(expected.length);
    expect(candles.map((c) => [c[0], c[1], c[4]])).toEqual(expected.map((c) => [c.time, c.open, c.close]));
  });

  it('answers the server time from the simulated clock', async () => {
    expect(await gate.fetchTime()).toBe(sim.clock.now());
  });

  it('an unknown contract is answered with Gate\'s CONTRACT_NOT_FOUND label', async () => {
    const response = await fetch(`${sim.url}/api/v4/futures/usdt/funding_rate?contract=NOPE_USDT`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ label: 'CONTRACT_NOT_FOUND', message: 'contract NOPE_USDT not found' });
  });

  it('maps an injected 429 to RateLimitExceeded and a 503 to ExchangeNotAvailable', async () => {
    sim.faults.inject({ venue: 'gate', kind: 'status', status: 429, times: 1 });
    await expect(gate.fetchFundingRates(undefined, { settle: 'usdt' })).rejects.toBeInstanceOf(ccxt.RateLimitExceeded);
    sim.faults.inject({ venue: 'gate', kind: 'status', status: 503, times: 1 });
    await expect(gate.fetchFundingRates(undefined, { settle: 'usdt' })).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
  });
});
