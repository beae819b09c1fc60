/**
 * The best bid and ask reach the monitor's row from the simulator through ccxt: Binance's book
 * tickers and Bybit's tickers polled by the adapters, carried as the market feed carries quotes
 * (quote columns), into the engine; the row's legs hold the simulator's touch and its Exp. net
 * counts the crossing of exactly that spread (docs/domain.md §4 "Costs both ways").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../electron/backend/markets/adapters.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { QuoteDecoder, QuoteEncoder } from '../../../electron/engine/quoteColumns.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { simIdOf, startPausedSimulator, type Simulator } from './simulatorHarness.ts';

const VENUES: VenueId[] = ['binanceusdm', 'bybit'];
let sim: Simulator;
const adapters = new Map<VenueId, VenueAdapter>();

beforeAll(async () => {
  sim = await startPausedSimulator(VENUES);
  for (const venue of VENUES) adapters.set(venue, ADAPTERS[venue]({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() }));
});

afterAll(async () => {
  await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
  await sim?.close();
});

describe('bid and ask from the simulator to the engine row', () => {
  it("BTC's row holds each venue's book top and its crossing is half of each spread in and out", async () => {
    const quotes = (await Promise.all(VENUES.map((venue) => adapters.get(venue)!.poll()))).flat();
    const carried = new QuoteDecoder().decode(new QuoteEncoder().encode(quotes));
    const now = sim.clock.now();
    const row = new SignalEngine(DEFAULT_SETTINGS).apply(carried, now).batch.upserts.find((r) => r.base === 'BTC')!;
    const halfSpreads = VENUES.map((venue) => {
      const market = adapters.get(venue)!.markets().find((m) => m.base === 'BTC' && m.settle === 'USDT')!;
      const ticker = sim.market.ticker(venue, simIdOf(market));
      const leg = row.legs.find((l) => l.venue === venue && l.symbol === market.symbol)!;
      expect({ venue, bid: leg.bid, ask: leg.ask }).toEqual({ venue, bid: expect.closeTo(ticker.bid, 6), ask: expect.closeTo(ticker.ask, 6) });
      return (leg.ask! - leg.bid!) / 2 / leg.markPrice!;
    });
    expect(row.carry!.defaultSpreadLegs).toEqual([]);
    expect(row.carry!.crossing).toBeCloseTo(2 * (halfSpreads[0] + halfSpreads[1]), 12);
    expect(row.carry!.crossing).toBeGreaterThan(0);
  });
});
