/**
 * The watched-asset price backfill against the simulator, through ccxt via the market-data
 * service and into a real DuckDB store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarketData, type MarketData } from '../../../electron/backend/markets/marketData.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { backfillWatchedPrices, priceTargets, type PriceSeed } from '../../../electron/backend/sectors/priceBackfill.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { startSimulator } from '../../../electron/simulator/server.ts';
import { waitFor } from '../markets/simulatorHarness.ts';

const VENUES: VenueId[] = ['binanceusdm', 'bybit'];
const H = 3_600_000;
let sim: Awaited<ReturnType<typeof startSimulator>>;
let market: MarketData;
let store: Store;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 5, speed: 1, paused: true, venues: VENUES, universeSize: 12 });
  market = createMarketData({ venues: VENUES, baseUrl: sim.url, now: () => sim.clock.now(), pollScale: 0.05, onQuotes: () => {}, onHealth: () => {}, onAlert: () => {} });
  market.start();
  await waitFor('quotes from both venues', () => VENUES.every((venue) => market.quotes().some((quote) => quote.venue === venue)));
  store = await openStore(':memory:');
});

afterAll(async () => {
  await market?.stop();
  await store?.close();
  await sim?.close();
});

/** The simulator's native id of a ccxt unified symbol on a venue. */
function simId(venue: VenueId, symbol: string): string {
  const instrument = sim.market.instruments(venue).find((i) => `${i.base}/${i.quote}:${i.settle}` === symbol);
  if (!instrument) throw new Error(`no simulated ${venue} instrument for ${symbol}`);
  return instrument.id;
}

describe('price backfill for watched assets', () => {
  it('stores 3 days of 4-h closes equal to the simulator\'s candles for every live base, one request at a time per venue, skipping a failing symbol', async () => {
    const quotes = market.quotes();
    const targets = priceTargets(quotes);
    expect(targets.map((t) => t.base)).toEqual([...new Set(quotes.map((q) => q.base))].sort());
    // The first Binance klines request fails with a 500: that symbol is skipped, the job goes on.
    sim.faults.inject({ venue: 'binanceusdm', kind: 'status', status: 500, path: '/fapi/v1/klines', times: 1 });
    const inFlight = new Map<VenueId, number>();
    let maxInFlight = 0;
    const seeds: PriceSeed[] = [];
    const warnings: string[] = [];
    const report = await backfillWatchedPrices({
      quotes: () => quotes,
      priceHistory: async (venue, symbol, since, timeframe) => {
        inFlight.set(venue, (inFlight.get(venue) ?? 0) + 1);
        maxInFlight = Math.max(maxInFlight, inFlight.get(venue)!);
        try { return await market.priceHistory(venue, symbol, since, timeframe); } finally { inFlight.set(venue, inFlight.get(venue)! - 1); }
      },
      store, seed: (prices) => seeds.push(prices), log: { info: () => {}, warn: (message) => warnings.push(message) },
      now: () => sim.clock.now(), delayMs: 1,
    });
    expect(maxInFlight).toBe(1);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]).toMatchObject({ venue: 'binanceusdm' });
    expect(warnings).toEqual(['price backfill: symbol skipped']);

    const now = sim.clock.now();
    const good = targets.filter((t) => t.symbol !== report.failed[0].symbol || t.venue !== 'binanceusdm');
    expect(seeds).toHaveLength(1);
    expect([...seeds[0].keys()].sort()).toEqual(good.map((t) => t.base).sort());
    for (const target of good) {
      const stored = await store.history.prices({ base: target.base, from: now - 4 * 24 * H, to: now });
      const candles = sim.market.candles(target.venue, simId(target.venue, target.symbol), 4 * H, { since: now - 3 * 24 * H, until: now });
      expect(stored.length).toBeGreaterThanOrEqual(18);
      // Each close stamped at its candle's end (the running candle's at the fetch), never at its opening.
      const closeAt = new Map(candles.map((c) => [Math.min(c.time + 4 * H, now), c.close]));
      for (const point of stored) expect(Math.abs(point.close - closeAt.get(point.time)!) / closeAt.get(point.time)!).toBeLessThan(1e-3);
      for (const point of stored) expect(point.time).toBeLessThanOrEqual(now);
      // Seeded per unit of the base at the times the closes became known.
      const seed = seeds[0].get(target.base)!;
      expect(seed.times.at(-1)).toBeLessThanOrEqual(now);
      expect(seed.times[0]).toBe(stored[0].time);
      expect(seed.closes[0]).toBeCloseTo(stored[0].close / target.multiplier, 12);
    }
    expect(report.stored).toBe((await Promise.all(good.map((t) => store.history.prices({ base: t.base, from: 0, to: now + H })))).reduce((n, rows) => n + rows.length, 0));
  });
});
