/**
 * ccxt caches a rejected `loadMarkets()` promise: an adapter that does not reload with
 * `loadMarkets(true)` after a failure stays broken forever. Against the simulator: the
 * instruments endpoint fails on the first attempts, then the venue must come up by itself.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMarketData } from '../../../electron/backend/markets/marketData.ts';
import type { MarketData } from '../../../electron/backend/markets/marketData.ts';
import type { VenueHealth } from '../../../shared/domain/quotes.ts';
import { startPausedSimulator, waitFor } from './simulatorHarness.ts';
import type { Simulator } from './simulatorHarness.ts';

let sim: Simulator | undefined;
let market: MarketData | undefined;

afterAll(async () => {
  await market?.stop();
  await sim?.close();
});

describe('a venue whose market list fails at start-up', () => {
  it('recovers on its own once the market list answers again', async () => {
    sim = await startPausedSimulator(['okx']);
    sim.faults.inject({ venue: 'okx', kind: 'status', status: 503, path: '/api/v5/public/instruments', times: 2 });
    let health: VenueHealth[] = [];
    market = createMarketData({
      venues: ['okx'],
      baseUrl: sim.url,
      now: () => sim!.clock.now(),
      pollScale: 0.01,
      onQuotes: () => undefined,
      onHealth: (h) => { health = h; },
      onAlert: () => undefined,
    });
    market.start();
    await waitFor('okx ok after failed market loads', () => health[0]?.status === 'ok');
    expect(health[0].errorCount).toBe(2);
    expect(market.quotes().length).toBe(sim.market.instruments('okx').length);
  });
});
