import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange, MarketInterface } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME, pointerAt } from './simulatorClients.ts';

let sim: Simulator;

const pointedAt = pointerAt(() => sim);
let hl: Exchange;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, paused: true, startTime: START_TIME, venues: ['hyperliquid'], universeSize: 40 });
  // ccxt's default market types (spot, swap, hip3) and its currencies call: all answered.
  hl = pointedAt(new ccxt.hyperliquid({ enableRateLimit: false, timeout: 3000 }));
  await hl.loadMarkets();
});

afterAll(async () => {
  await sim.close();
});

const instruments = () => sim.market.instruments('hyperliquid');
/** ccxt upper-cases the coin in the symbol (`kPEPE` → `KPEPE/USDC:USDC`) and keeps it in `baseName`. */
const symbolOf = (coin: string) => `${coin.toUpperCase()}/USDC:USDC`;
/** ccxt keeps the venue's coin name on its Hyperliquid markets, outside the declared type. */
const baseNameOf = (market: MarketInterface) => (market as MarketInterface & { baseName?: string }).baseName;

describe('hyperliquid info wire through ccxt', () => {
  it('lists every perp as COIN/USDC:USDC with its universe index as id, kPEPE-style coins kept', () => {
    const swaps = Object.values(hl.markets ?? {}).filter((m) => m.swap && (m.info as { hip3?: boolean }).hip3 !== true);
    expect(swaps.map(baseNameOf).sort()).toEqual(instruments().map((i) => i.id).sort());
    instruments().forEach((instrument, index) => {
      const market = hl.market(symbolOf(instrument.id));
      expect(market.id).toBe(String(index));
      expect(market.limits.leverage?.max).toBe(instrument.maxLeverage);
    });
  });

  it('lists each HIP-3 dex\'s perps as DEX-COIN/<collateral>:<collateral>, its asset id 100000 + 10000 × its dex\'s place in perpDexs + its index', () => {
    const dexes = sim.market.perpDexs();
    expect(dexes.map((dex) => [dex.name, dex.collateral])).toEqual([['xyz', 'USDC'], ['flx', 'USDH']]);
    dexes.forEach((dex, place) => dex.instruments.forEach((instrument, index) => {
      const market = hl.market(`${instrument.id.replace(':', '-').toUpperCase()}/${dex.collateral}:${dex.collateral}`);
      expect([baseNameOf(market), market.id, market.settle]).toEqual([instrument.id, String(100_000 + 10_000 * (place + 1) + index), dex.collateral]);
    }));
  });

  it('a per-1000 coin keeps its venue name kPEPE as baseName under the symbol KPEPE/USDC:USDC', () => {
    expect(instruments().map((i) => i.id)).toContain('kPEPE');
    expect(baseNameOf(hl.market('KPEPE/USDC:USDC'))).toBe('kPEPE');
  });

  it('reports the hourly rate, mark and oracle price of every perp, settling at the next hour', async () => {
    const rates = await hl.fetchFundingRates();
    expect(Object.keys(rates)).toHaveLength(instruments().length);
    for (const instrument of instruments()) {
      const funding = sim.market.funding('hyperliquid', instrument.id);
      const ticker = sim.market.ticker('hyperliquid', instrument.id);
      const rate = rates[symbolOf(instrument.id)];
      expect(funding.intervalHours).toBe(1);
      expect(rate.interval).toBe('1h');
      expect(rate.fundingRate).toBe(funding.rate);
      expect(rate.markPrice).toBe(ticker.mark);
      expect(rate.indexPrice).toBe(ticker.index);
      expect(Number((rate.info as Record<string, unknown>).openInterest)).toBe(ticker.openInterestBase);
    }
  });

  it('returns hourly funding history points from a start time', async () => {
    const instrument = instruments()[0];
    const since = sim.clock.now() - 12 * 3_600_000;
    const history = await hl.fetchFundingRateHistory(symbolOf(instrument.id), since);
    const expected = sim.market.fundingHistory('hyperliquid', instrument.id, { since, limit: 500 });
    expect(history).toHaveLength(12);
    expect(history.map((h) => [h.timestamp, h.fundingRate])).toEqual(expected.map((s) => [s.time, s.rate]));
    expect(Number(history[1].timestamp) - Number(history[0].timestamp)).toBe(3_600_000);
  });

  it('serves the L2 book at the simulated prices and sizes', async () => {
    const instrument = instruments()[1];
    const book = await hl.fetchOrderBook(symbolOf(instrument.id));
    const expected = sim.market.orderBook('hyperliquid', instrument.id, 20);
    expect(book.bids).toEqual(expected.bids);
    expect(book.asks).toEqual(expected.asks);
    expect(book.timestamp).toBe(expected.time);
  });

  it('serves 15-minute candles between two times', async () => {
    const instrument = instruments()[0];
    const until = sim.clock.now();
    const since = until - 6 * 3_600_000;
    const candles = await hl.fetchOHLCV(symbolOf(instrument.id), '15m', since, undefined, { until });
    const expected = sim.market.candles('hyperliquid', instrument.id, 900_000, { since, until, limit: 5000 });
    expect(candles.length).toBe(expected.length);
    expect(candles.map((c) => [c[0], c[1], c[4], c[5]])).toEqual(expected.map((c) => [c.time, c.open, c.close, c.volume]));
  });

  it('answers the server time from the simulated clock', async () => {
    expect(await hl.fetchTime()).toBe(sim.clock.now());
  });

  it('an unknown request type gets Hyperliquid\'s 422', async () => {
    const response = await fetch(`${sim.url}/info`, { method: 'POST', body: JSON.stringify({ type: 'noSuchThing' }) });
    expect(response.status).toBe(422);
  });

  it('maps an injected 429 to RateLimitExceeded and a 502 to ExchangeNotAvailable', async () => {
    sim.faults.inject({ venue: 'hyperliquid', kind: 'status', status: 429, times: 1 });
    await expect(hl.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.RateLimitExceeded);
    sim.faults.inject({ venue: 'hyperliquid', kind: 'status', status: 502, times: 1 });
    await expect(hl.fetchFundingRates()).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
  });
});
