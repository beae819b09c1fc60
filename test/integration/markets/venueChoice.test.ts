/**
 * Venue choice (docs/venues.md, "Venue choice"): a venue switched off while running stops
 * being polled (counted in the simulator's request log), its quotes and health leave the
 * snapshot and its exchange is no longer served; switched on again it is polled and quoted anew.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMarketData, type MarketData } from '../../../electron/backend/markets/marketData.ts';
import type { VenueHealth } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { startPausedSimulator, waitFor, type Simulator } from './simulatorHarness.ts';

const KEPT: VenueId = 'binanceusdm';
const SWITCHED: VenueId = 'bybit';

let sim: Simulator;
let market: MarketData;
let health: VenueHealth[] = [];

const requestsTo = (venue: VenueId) => sim.log.list({ venue }).length;
const quotedVenues = () => new Set(market.quotes().map((quote) => quote.venue));

beforeEach(async () => {
  sim = await startPausedSimulator([KEPT, SWITCHED]);
  market = createMarketData({
    venues: [KEPT, SWITCHED],
    baseUrl: sim.url,
    now: () => sim.clock.now(),
    pollScale: 0.02,
    timeoutMs: 400,
    onQuotes: () => undefined,
    onHealth: (h) => { health = h; },
    onAlert: () => undefined,
  });
  market.start();
  await waitFor('both venues quoted', () => quotedVenues().has(KEPT) && quotedVenues().has(SWITCHED));
});

afterEach(async () => {
  await market?.stop();
  await sim?.close();
});

describe('switching a venue off and on', () => {
  it('stops its polls, drops its quotes and brings them back when switched on', async () => {
    await market.setVenues([KEPT]);
    expect(market.venues()).toEqual([KEPT]);
    expect(quotedVenues()).toEqual(new Set([KEPT]));
    expect(health.map((h) => h.venue)).toEqual([KEPT]);
    expect(() => market.publicExchange(SWITCHED)).toThrow(/switched off/);

    const switchedBefore = requestsTo(SWITCHED);
    const keptBefore = requestsTo(KEPT);
    // The kept venue polls several more times; the switched one not once.
    await waitFor('kept venue polled 5 more times', () => requestsTo(KEPT) >= keptBefore + 5);
    expect(requestsTo(SWITCHED)).toBe(switchedBefore);
    expect(quotedVenues().has(SWITCHED)).toBe(false);

    await market.setVenues([KEPT, SWITCHED]);
    await waitFor('switched venue quoted again', () => quotedVenues().has(SWITCHED));
    expect(requestsTo(SWITCHED)).toBeGreaterThan(switchedBefore);
    expect(health.map((h) => h.venue).sort()).toEqual([KEPT, SWITCHED].sort());
  });
});
