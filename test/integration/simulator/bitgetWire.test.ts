import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

let sim: Simulator;

const pointedAt = pointerAt(() => sim);
let bitget: Exchange;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['bitget'], universeSize: 40 });
  // ccxt's default market types (spot + six swap product types): the wire must answer them all.
  bitget = pointedAt(new ccxt.bitget({ enableRateLimit: false, timeout: 3000, options: { defaultType: 'swap' } }));
  await bitget.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const instruments = () => sim.market.instruments('bitget');
const symbolOf = (base: string) => `${base}/USDT:USDT`;

describe('bitget v2 mix wire through ccxt', () => {
  it('lists every simulated USDT-FUTURES contract as a linear swap', () => {
    const swaps = Object.values(bitget.markets ?? {}).filter((m) => m.swap);
    expect(swaps.map((m) => m.id).sort()).toEqual(instruments().map((i) => i.id).sort());
    const instrument = instruments()[0];
    const market = bitget.market(symbolOf(instrument.base));
    expect(market.linear).toBe(true);
    expect(market.precision.amount).toBe(instrument.stepSize);
    expect(market.limits.amount?.min).toBe(instrument.minQty);
  });

  it('reports the current rate, mark and index of every contract from the tickers', async () => {
    const rates = await bitget.fetchFundingRates(undefined, { productType: 'USDT-FUTURES' });
    expect(Object.keys(rates)).toHaveLength(instruments().length);
    for (const instrument of instruments()) {
      const rate = rates[symbolOf(instrument.base)];
      const ticker = sim.market.ticker('bitget', instrument.id);
      expect(rate.fundingRate).toBe(sim.market.funding('bitget', instrument.id).rate);
      expect(rate.markPrice).toBe(ticker.mark);
      expect(rate.indexPrice).toBe(ticker.index);
      expect(Number((rate.info as Record<string, unknown>).holdingAmount)).toBe(ticker.openInterestBase);
    }
  });

  it('reports each contract\'s own interval and next settlement from current-fund-rate', async () => {
    const intervals = await bitget.fetchFundingIntervals(undefined, { productType: 'USDT-FUTURES' });
    const seen = new Set<string>();
    for (const instrument of instruments()) {
      const funding = sim.market.funding('bitget', instrument.id);
      const entry = intervals[symbolOf(instrument.base)];
      expect(entry.interval).toBe(`${funding.intervalHours}h`);
      expect(entry.fundingTimestamp).toBe(funding.nextFundingTime);
      seen.add(String(entry.interval));
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('fetchFundingRate of one contract agrees with the model', async () => {
    const instrument = instruments()[2];
    const rate = await bitget.fetchFundingRate(symbolOf(instrument.base));
    const funding = sim.market.funding('bitget', instrument.id);
    expect([rate.fundingRate, rate.fundingTimestamp, rate.interval]).toEqual([funding.rate, funding.nextFundingTime, `${funding.intervalHours}h`]);
  });

  it('returns the newest settlements of a contract as its funding history', async () => {
    const instrument = instruments()[1];
    const history = await bitget.fetchFundingRateHistory(symbolOf(instrument.base), undefined, 30);
    const expected = sim.market.fundingHistory('bitget', instrument.id, { limit: 30 });
    expect(history.length).toBe(expected.length);
    expect(history.map((h) => [h.timestamp, h.fundingRate])).toEqual(expected.map((s) => [s.time, s.rate]));
  });

  it('serves the merged depth at the simulated prices', async () => {
    const instrument = instruments()[0];
    const book = await bitget.fetchOrderBook(symbolOf(instrument.base), 15);
    const expected = sim.market.orderBook('bitget', instrument.id, 15);
    expect(book.bids).toEqual(expected.bids);
    expect(book.asks).toEqual(expected.asks);
  });

  it('serves hourly candles between two times', async () => {
    const instrument = instruments()[0];
    const until = sim.clock.now();
    const since = until - 24 * 3_600_000;
    const candles = await bitget.fetchOHLCV(symbolOf(instrument.base), '1h', since, 24, { until });
    const expected = sim.market.candles('bitget', instrument.id, 3_600_000, { since, until, limit: 24 });
    expect(candles.length).toBeGreaterThan(0);
    expect(candles.map((c) => [c[0], c[2], c[3], c[5]])).toEqual(expected.slice(-candles.length).map((c) => [c.time, c.high, c.low, c.volume]));
  });

  it('reports open interest in coins', async () => {
    const instrument = instruments()[0];
    const oi = await bitget.fetchOpenInterest(symbolOf(instrument.base));
    expect(oi.openInterestAmount).toBe(sim.market.ticker('bitget', instrument.id).openInterestBase);
  });

  it('reports the mark and index price of one contract', async () => {
    const instrument = instruments()[3];
    const ticker = await bitget.fetchMarkPrice(symbolOf(instrument.base));
    const expected = sim.market.ticker('bitget', instrument.id);
    expect([ticker.markPrice, ticker.indexPrice]).toEqual([expected.mark, expected.index]);
  });

  it('answers the server time from the simulated clock', async () => {
    expect(await bitget.fetchTime()).toBe(sim.clock.now());
  });

  it('maps an injected 429 to DDoSProtection and a 503 to ExchangeNotAvailable', async () => {
    sim.faults.inject({ venue: 'bitget', kind: 'status', status: 429, times: 1 });
    await expect(bitget.fetchFundingRates(undefined, { productType: 'USDT-FUTURES' })).rejects.toBeInstanceOf(ccxt.DDoSProtection);
    sim.faults.inject({ venue: 'bitget', kind: 'status', status: 503, times: 1 });
    await expect(bitget.fetchFundingRates(undefined, { productType: 'USDT-FUTURES' })).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
  });
});
