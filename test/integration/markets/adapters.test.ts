/**
 * Each venue adapter, through ccxt's real HTTP code, against the simulator's wire for that
 * venue: the quotes equal the simulator's state. The clock is paused so both sides see the
 * same instant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../electron/backend/markets/adapters.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { CONTINUOUS_FUNDING_VENUES, VENUE_IDS } from '../../../shared/domain/venues.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { relativeGap, servedBySimulator, simIdOf, startPausedSimulator } from './simulatorHarness.ts';
import type { Simulator } from './simulatorHarness.ts';

const venues: VenueId[] = VENUE_IDS.filter(servedBySimulator);
/** Venues whose poll states no best bid or ask. */
const NO_TOUCH: ReadonlySet<VenueId> = new Set<VenueId>(['kucoinfutures', 'lighter']);
let sim: Simulator;
const adapters = new Map<VenueId, VenueAdapter>();

beforeAll(async () => {
  sim = await startPausedSimulator(venues);
  for (const venue of venues) adapters.set(venue, ADAPTERS[venue]({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() }));
});

afterAll(async () => {
  await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
  await sim?.close();
});

/** The adapter's market for `base`, loading markets first so each test stands alone. */
async function marketOf(venue: VenueId, base: string) {
  const adapter = adapters.get(venue)!;
  await adapter.poll();
  return adapter.markets().find((m) => m.base === base && m.settle !== 'USDC') ?? adapter.markets().find((m) => m.base === base)!;
}

/** The venue's linear perps the terminal quotes: Hyperliquid's HIP-3 dexes' too, one settling in USDH. */
function linearPerps(venue: VenueId) {
  const dexes = venue === 'hyperliquid' ? sim.market.perpDexs().flatMap((dex) => dex.instruments) : [];
  return [...sim.market.instruments(venue), ...dexes].filter((i) => i.settle === 'USDT' || i.settle === 'USDC' || i.settle === 'USDH');
}

describe.each(venues)('%s adapter against the simulator', (venue) => {
  it('quotes every listed linear perp with the simulator\'s rate, interval, next settlement and mark', async () => {
    const quotes = await adapters.get(venue)!.poll();
    const byId = new Map(adapters.get(venue)!.markets().map((m) => [m.symbol, simIdOf(m)]));
    const instruments = linearPerps(venue);
    expect(quotes.length).toBe(instruments.length);
    for (const quote of quotes) {
      const id = byId.get(quote.symbol)!;
      const funding = sim.market.funding(venue, id);
      const ticker = sim.market.ticker(venue, id);
      expect({ symbol: quote.symbol, rate: quote.rate }).toEqual({ symbol: quote.symbol, rate: expect.closeTo(funding.rate, 8) });
      expect({ symbol: quote.symbol, interval: quote.intervalHours, next: quote.nextFundingTime })
        .toEqual({ symbol: quote.symbol, interval: funding.intervalHours, next: CONTINUOUS_FUNDING_VENUES.has(venue) ? null : funding.nextFundingTime });
      expect(relativeGap(quote.markPrice, ticker.mark)).toBeLessThan(1e-3);
      expect(quote.rateKind).toBe('predicted');
      if (quote.lastSettledRate !== null) expect(quote.lastSettledRate).toBeCloseTo(funding.lastSettledRate, 8);
    }
  });

  // KuCoin's contract list and Lighter's market details state no touch (docs/venues.md "Bid and ask"): their quotes carry none.
  it(NO_TOUCH.has(venue) ? 'states no bid or ask (the venue\'s poll has none)' : 'carries the best bid and ask of the simulator\'s book', async () => {
    const quotes = await adapters.get(venue)!.poll();
    const byId = new Map(adapters.get(venue)!.markets().map((m) => [m.symbol, simIdOf(m)]));
    for (const quote of quotes) {
      const ticker = sim.market.ticker(venue, byId.get(quote.symbol)!);
      if (NO_TOUCH.has(venue)) expect({ bid: quote.bid, ask: quote.ask }).toEqual({ bid: null, ask: null });
      else expect({ symbol: quote.symbol, bid: relativeGap(quote.bid ?? null, ticker.bid) < 1e-9, ask: relativeGap(quote.ask ?? null, ticker.ask) < 1e-9 }).toEqual({ symbol: quote.symbol, bid: true, ask: true });
    }
  });

  it('returns settled funding history with the simulator\'s rates and inferred intervals', async () => {
    const adapter = adapters.get(venue)!;
    const market = await marketOf(venue, 'BTC');
    const now = sim.clock.now();
    const since = now - 3 * 86_400_000;
    const points = await adapter.fundingHistory(market.symbol, since, now);
    const expected = sim.market.fundingHistory(venue, simIdOf(market), { since, until: now });
    expect(points.map((p) => p.time)).toEqual(expected.map((s) => s.time));
    points.forEach((point, i) => {
      expect(point.rate).toBeCloseTo(expected[i].rate, 8);
      expect(point.intervalHours).toBe(expected[i].intervalHours);
    });
  });

  it('returns hourly closes equal to the simulator\'s candles, each stamped when it became known (the candle\'s end, the running one now)', async () => {
    const adapter = adapters.get(venue)!;
    const market = await marketOf(venue, 'ETH');
    const now = sim.clock.now();
    const since = Math.floor((now - 2 * 86_400_000) / 3_600_000) * 3_600_000;
    const points = await adapter.priceHistory(market.symbol, since, '1h', now);
    const expected = sim.market.candles(venue, simIdOf(market), 3_600_000, { since, until: now });
    expect(points.length).toBeGreaterThanOrEqual(47);
    const closeAt = new Map(expected.map((c) => [Math.min(c.time + 3_600_000, now), c.close]));
    for (const point of points) expect(relativeGap(point.close, closeAt.get(point.time)!)).toBeLessThan(1e-3);
    expect(Math.max(...points.map((p) => p.time))).toBeLessThanOrEqual(now);
  });
});
