/**
 * A venue moving a symbol to another interval while it trades (Binance and Bybit move a
 * capped symbol to 1 h) shows in the next quote on every venue that has intervals.
 * Hyperliquid settles hourly by design and is not part of this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { ADAPTERS } from '../../../electron/backend/markets/adapters.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { servedBySimulator, simIdOf, startPausedSimulator } from './simulatorHarness.ts';
import type { Simulator } from './simulatorHarness.ts';

const venues = (['binanceusdm', 'bybit', 'okx', 'bitget', 'gate'] as VenueId[]).filter(servedBySimulator);
let sim: Simulator;
const adapters = new Map<VenueId, VenueAdapter>();

beforeAll(async () => {
  sim = await startPausedSimulator(venues);
  // cadenceScale 0: every poll re-reads everything (fundingInfo, markets), as if each cadence had elapsed.
  for (const venue of venues) adapters.set(venue, ADAPTERS[venue]({ connection: { baseUrl: sim.url }, cadenceScale: 0, now: () => sim.clock.now() }));
});

afterAll(async () => {
  await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
  await sim?.close();
});

describe.each(venues)('%s interval change', (venue) => {
  it.each([1, 4])('a symbol moved to %i h is quoted on %i h with the matching next settlement', async (hours) => {
    const adapter = adapters.get(venue)!;
    await adapter.poll();
    const market = adapter.markets().find((m) => m.base === 'ETH' && m.settle === 'USDT')!;
    sim.market.setInterval(venue, simIdOf(market), hours);
    const quote = (await adapter.poll()).find((q) => q.symbol === market.symbol)!;
    expect(quote.intervalHours).toBe(hours);
    expect(quote.nextFundingTime).toBe(sim.market.funding(venue, simIdOf(market)).nextFundingTime);
  });
});
