/**
 * A market-data worker that dies is restarted with the venues on: the request it left
 * unanswered is refused in words, the main thread hears why, and polls and requests resume.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMarketFeed, type MarketFeed } from '../../../electron/backend/marketFeed/marketFeed.ts';
import type { VenueHealth } from '../../../shared/domain/quotes.ts';
import { startPausedSimulator, waitFor, type Simulator } from './simulatorHarness.ts';

const VENUE = 'bybit';
let sim: Simulator;
let feed: MarketFeed;
let health: VenueHealth[] = [];
const errors: string[] = [];

beforeAll(async () => {
  sim = await startPausedSimulator([VENUE]);
  feed = startMarketFeed({
    venues: [VENUE], baseUrl: sim.url, clock: sim.clock, pollScale: 0.05,
    workerUrl: new URL('../../fixtures/crashingMarketWorker.ts', import.meta.url),
    onQuotes: () => {}, onHealth: (h) => { health = h; }, onAlert: () => {}, onError: (message) => errors.push(message),
  });
  feed.start();
  await waitFor('quotes', () => feed.quotes().length > 0);
});

afterAll(async () => {
  await feed?.stop();
  await sim?.close();
});

it('refuses the request in flight, says so, restarts, and polls and answers again', async () => {
  await expect(feed.symbolsFor('CRASH')).rejects.toThrow(/Market data stopped \(its worker exited with code 3\) before answering/);
  await waitFor('the restart reported', () => errors.length > 0);
  expect(errors).toEqual(['market data worker exited unexpectedly (code 3); restarting it for bybit']);
  // A new worker starts with fresh health: its first good poll is after the crash.
  const polls = sim.log.list({ venue: VENUE }).length;
  health = [];
  await waitFor('a poll by the new worker', () => health[0]?.status === 'ok' && sim.log.list({ venue: VENUE }).length > polls);
  expect((await feed.symbolsFor('BTC')).map((s) => s.venue)).toEqual([VENUE]);
  expect(feed.quotes()).toHaveLength(sim.market.instruments(VENUE).length);
});
