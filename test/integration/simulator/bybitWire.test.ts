import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

let sim: Simulator;

const pointedAt = pointerAt(() => sim);

let bybit: Exchange;
let requests = 0;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['bybit'], universeSize: 40 });
  bybit = pointedAt(new ccxt.bybit({
    enableRateLimit: false,
    timeout: 3000,
    options: { fetchMarkets: { types: ['linear'] }, enableUnifiedAccount: true, enableUnifiedMargin: false },
  }));
  bybit.fetchImplementation = ((input: RequestInfo | URL, init?: RequestInit) => {
    requests += 1;
    return fetch(input, init);
  }) as typeof fetch;
  await bybit.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const instruments = () => sim.market.instruments('bybit');
const markets = () => bybit.markets ?? {};
const symbolOf = (instrument: { base: string; settle: string }) => `${instrument.base}/${instrument.settle}:${instrument.settle}`;

describe('bybit v5 linear wire through ccxt: market data', () => {
  it('loads every simulated linear perpetual with its tick, step, minimums and leverage', () => {
    const swaps = Object.values(markets()).filter((market) => market.swap);
    expect(swaps.map((market) => market.id).sort()).toEqual(instruments().map((instrument) => instrument.id).sort());
    for (const instrument of instruments()) {
      const market = markets()[symbolOf(instrument)];
      expect(market.linear).toBe(true);
      expect(market.active).toBe(true);
      expect(market.precision.price).toBe(instrument.tickSize);
      expect(market.precision.amount).toBe(instrument.stepSize);
      expect(market.limits.amount.min).toBe(instrument.minQty);
      expect(market.limits.cost.min).toBe(instrument.minNotional);
      expect(market.limits.leverage.max).toBe(instrument.maxLeverage);
    }
  });

  it('pages the instrument list with a cursor until every symbol is listed', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await bybit.publicGetV5MarketInstrumentsInfo({ category: 'linear', limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...page.result.list.map((row: { symbol: string }) => row.symbol));
      cursor = page.result.nextPageCursor || undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(Math.ceil(instruments().length / 7));
    expect(seen).toEqual(instruments().map((instrument) => instrument.id));
  });

  it('reports the running rate, next settlement and per-symbol interval of every symbol in one request', async () => {
    const before = requests;
    const rates = await bybit.fetchFundingRates();
    expect(requests - before).toBe(1);
    expect(Object.keys(rates)).toHaveLength(instruments().length);
    for (const instrument of instruments()) {
      const funding = sim.market.funding('bybit', instrument.id);
      const ticker = sim.market.ticker('bybit', instrument.id);
      const rate = rates[symbolOf(instrument)];
      expect(rate.fundingRate).toBe(funding.rate);
      expect(rate.fundingTimestamp).toBe(funding.nextFundingTime);
      expect(rate.interval).toBe(`${funding.intervalHours}h`);
      expect(rate.markPrice).toBe(Number(ticker.mark.toFixed(instrument.pricePrecision)));
      expect(rate.timestamp).toBe(sim.clock.now());
    }
  });

  it('lists symbols on 1 h, 4 h and 8 h intervals, each as its own interval', () => {
    const intervals = new Set(instruments().map((instrument) => sim.market.funding('bybit', instrument.id).intervalHours));
    for (const instrument of instruments()) {
      const minutes = Number((markets()[symbolOf(instrument)].info as { fundingInterval: number }).fundingInterval);
      expect(minutes).toBe(sim.market.funding('bybit', instrument.id).intervalHours * 60);
    }
    expect(intervals.size).toBeGreaterThan(1);
  });

  it('returns the settled funding history of a symbol, oldest first, equal to the market', async () => {
    const instrument = instruments()[0];
    const since = sim.clock.now() - 3 * 86_400_000;
    const history = await bybit.fetchFundingRateHistory(symbolOf(instrument), since, 10);
    const until = since + 10 * sim.market.funding('bybit', instrument.id).intervalHours * 3_600_000;
    const expected = sim.market.fundingHistory('bybit', instrument.id, { since, until, limit: 10 });
    expect(history.length).toBeGreaterThan(0);
    expect(history.map((entry) => [entry.timestamp, entry.fundingRate])).toEqual(expected.map((entry) => [entry.time, entry.rate]));
  });

  it('returns the newest settlements when no start is given', async () => {
    const instrument = instruments()[1];
    const history = await bybit.fetchFundingRateHistory(symbolOf(instrument), undefined, 5);
    const expected = sim.market.fundingHistory('bybit', instrument.id, { limit: 5 });
    expect(history.map((entry) => entry.timestamp)).toEqual(expected.map((entry) => entry.time));
  });

  it('serves the order book at the simulated depth and prices', async () => {
    const instrument = instruments()[0];
    const book = await bybit.fetchOrderBook(symbolOf(instrument), 20);
    const expected = sim.market.orderBook('bybit', instrument.id, 20);
    expect(book.bids).toHaveLength(expected.bids.length);
    expect(book.bids[0][0]).toBe(Number(expected.bids[0][0].toFixed(instrument.pricePrecision)));
    expect(book.asks[0][0]).toBe(Number(expected.asks[0][0].toFixed(instrument.pricePrecision)));
    expect(Number(book.bids[0][0])).toBeLessThan(Number(book.asks[0][0]));
  });

  it('serves hourly candles from a start time, oldest first', async () => {
    const instrument = instruments()[0];
    const since = sim.clock.now() - 24 * 3_600_000;
    const candles = await bybit.fetchOHLCV(symbolOf(instrument), '1h', since, 12);
    const start = Math.ceil(since / 3_600_000) * 3_600_000;
    const expected = sim.market.candles('bybit', instrument.id, 3_600_000, { since: start, limit: 12 });
    const price = (value: number) => Number(value.toFixed(instrument.pricePrecision));
    expect(candles).toHaveLength(expected.length);
    expect(candles.map((c) => [c[0], c[1], c[4], c[5]])).toEqual(expected.map((c) => [c.time, price(c.open), price(c.close), c.volume]));
  });

  it('reports open interest in the base coin', async () => {
    const instrument = instruments()[2];
    const interest = await bybit.fetchOpenInterest(symbolOf(instrument));
    const expected = sim.market.ticker('bybit', instrument.id).openInterestBase;
    expect(interest.openInterestAmount).toBe(Number(expected.toFixed(instrument.qtyPrecision)));
  });

  it('answers the server time from the simulated clock', async () => {
    expect(await bybit.fetchTime()).toBe(sim.clock.now());
  });

  it('an unknown symbol is a BadSymbol', async () => {
    await expect(bybit.publicGetV5MarketTickers({ category: 'linear', symbol: 'NOPEUSDT' })).rejects.toBeInstanceOf(ccxt.BadSymbol);
  });

  it('maps an injected 429 to RateLimitExceeded and a 502 to ExchangeNotAvailable', async () => {
    sim.faults.inject({ venue: 'bybit', kind: 'status', status: 429, times: 1 });
    await expect(bybit.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.RateLimitExceeded);
    sim.faults.inject({ venue: 'bybit', kind: 'status', status: 502, times: 1 });
    await expect(bybit.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
  });
});
