import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

let sim: Simulator;

const pointedAt = pointerAt(() => sim);

let okx: Exchange;
let requests = 0;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['okx'], universeSize: 40 });
  okx = pointedAt(new ccxt.okx({ enableRateLimit: false, timeout: 3000, options: { fetchMarkets: { types: ['swap'] }, defaultType: 'swap' } }));
  okx.fetchImplementation = ((input: RequestInfo | URL, init?: RequestInit) => {
    requests += 1;
    return fetch(input, init);
  }) as typeof fetch;
  await okx.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const HOUR = 3_600_000;
const instruments = () => sim.market.instruments('okx');
const markets = () => okx.markets ?? {};
const symbolOf = (instrument: { base: string; settle: string }) => `${instrument.base}/${instrument.settle}:${instrument.settle}`;

describe('okx v5 swap wire through ccxt: market data', () => {
  it('loads every simulated swap with its contract value, lot, minimum and leverage', () => {
    const swaps = Object.values(markets()).filter((market) => market.swap);
    expect(swaps.map((market) => market.id).sort()).toEqual(instruments().map((instrument) => instrument.id).sort());
    for (const instrument of instruments()) {
      const market = markets()[symbolOf(instrument)];
      expect(market.linear).toBe(true);
      expect(market.active).toBe(true);
      expect(market.contractSize).toBe(instrument.contractSize);
      expect(market.precision.amount).toBe(instrument.stepSize);
      expect(market.precision.price).toBe(instrument.tickSize);
      expect(market.limits.amount.min).toBe(instrument.minQty);
      expect(market.limits.leverage.max).toBe(instrument.maxLeverage);
    }
  });

  it('reports every swap\'s running rate, next settlement and interval in one request (instId=ANY)', async () => {
    const before = requests;
    const rates = await okx.fetchFundingRates();
    expect(requests - before).toBe(1);
    expect(Object.keys(rates)).toHaveLength(instruments().length);
    for (const instrument of instruments()) {
      const funding = sim.market.funding('okx', instrument.id);
      const rate = rates[symbolOf(instrument)];
      expect(rate.fundingRate).toBe(funding.rate);
      expect(rate.fundingTimestamp).toBe(funding.nextFundingTime);
      expect(rate.nextFundingTimestamp).toBe(funding.nextFundingTime + funding.intervalHours * HOUR);
      expect(rate.interval).toBe(`${funding.intervalHours}h`);
    }
  });

  it('reports one swap\'s rate with the last settled one beside it', async () => {
    const instrument = instruments()[3];
    const rate = await okx.fetchFundingRate(symbolOf(instrument));
    const funding = sim.market.funding('okx', instrument.id);
    expect(rate.fundingRate).toBe(funding.rate);
    expect(Number((rate.info as Record<string, string>).settFundingRate)).toBe(funding.lastSettledRate);
  });

  it('serves mark prices for every swap (the funding endpoint has none)', async () => {
    const marks = await okx.fetchMarkPrices();
    for (const instrument of instruments()) {
      expect(marks[symbolOf(instrument)].markPrice).toBe(Number(sim.market.ticker('okx', instrument.id).mark.toFixed(instrument.pricePrecision)));
    }
  });

  it('returns the settled funding history of a swap, oldest first, equal to the market', async () => {
    const instrument = instruments()[0];
    const since = sim.clock.now() - 3 * 86_400_000;
    const history = await okx.fetchFundingRateHistory(symbolOf(instrument), since, 10);
    const expected = sim.market.fundingHistory('okx', instrument.id, { since, limit: 10 });
    expect(history.length).toBeGreaterThan(0);
    expect(history.map((entry) => [entry.timestamp, entry.fundingRate])).toEqual(expected.map((entry) => [entry.time, entry.rate]));
  });

  it('serves the order book in contracts at the simulated prices', async () => {
    const instrument = instruments()[0];
    const book = await okx.fetchOrderBook(symbolOf(instrument), 20);
    const expected = sim.market.orderBook('okx', instrument.id, 20);
    expect(book.asks).toHaveLength(expected.asks.length);
    expect(book.bids[0].slice(0, 2)).toEqual([Number(expected.bids[0][0].toFixed(instrument.pricePrecision)), expected.bids[0][1]]);
    expect(book.asks[0].slice(0, 2)).toEqual([Number(expected.asks[0][0].toFixed(instrument.pricePrecision)), expected.asks[0][1]]);
  });

  it('serves hourly and UTC-daily candles from a start time, oldest first, volume in the base coin', async () => {
    const instrument = instruments()[0];
    const price = (value: number) => Number(value.toFixed(instrument.pricePrecision));
    const since = sim.clock.now() - 24 * HOUR;
    const hourly = await okx.fetchOHLCV(symbolOf(instrument), '1h', since, 12);
    const expected = sim.market.candles('okx', instrument.id, HOUR, { since: since, until: since + 12 * HOUR - 1, limit: 12 });
    expect(hourly.map((c) => [c[0], c[1], c[4], c[5]])).toEqual(expected.map((c) => [c.time, price(c.open), price(c.close), c.volume]));
    const daily = await okx.fetchOHLCV(symbolOf(instrument), '1d', undefined, 3);
    expect(daily.map((c) => c[0])).toEqual(sim.market.candles('okx', instrument.id, 24 * HOUR, { limit: 3 }).map((c) => c.time));
  });

  it('reports open interest in contracts and in the base coin', async () => {
    const instrument = instruments()[1];
    const interest = await okx.fetchOpenInterest(symbolOf(instrument));
    const base = sim.market.ticker('okx', instrument.id).openInterestBase;
    expect(interest.openInterestAmount).toBe(base / instrument.contractSize);
  });

  it('answers the server time from the simulated clock', async () => {
    expect(await okx.fetchTime()).toBe(sim.clock.now());
  });

  it('an unknown instrument is a BadSymbol (51001)', async () => {
    await expect(okx.publicGetPublicFundingRate({ instId: 'NOPE-USDT-SWAP' })).rejects.toBeInstanceOf(ccxt.BadSymbol);
  });

  it('maps an injected 429 (body 50011) to RateLimitExceeded and a 503 (50013) to ExchangeNotAvailable', async () => {
    sim.faults.inject({ venue: 'okx', kind: 'status', status: 429, times: 1 });
    await expect(okx.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.RateLimitExceeded);
    sim.faults.inject({ venue: 'okx', kind: 'status', status: 503, times: 1 });
    await expect(okx.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
  });
});
