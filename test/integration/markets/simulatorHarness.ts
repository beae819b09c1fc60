/** Shared by the market-data integration tests: a simulator on 127.0.0.1 and a bounded wait. */
import { startSimulator } from '../../../electron/simulator/server.ts';
import { VENUE_WIRES } from '../../../electron/simulator/venues/index.ts';
import type { PerpMarket } from '../../../electron/backend/markets/perpMarkets.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;

export async function startPausedSimulator(venues: VenueId[], seed = 11): Promise<Simulator> {
  return startSimulator({ port: 0, seed, speed: 1, paused: true, venues });
}

/** Resolves when `condition` holds; fails naming `what` after `limitMs` (a bound, not a timing assertion). */
export async function waitFor(what: string, condition: () => boolean, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Relative closeness for prices the venue wire rounds to its tick. */
export function relativeGap(a: number | null, b: number): number {
  return a === null ? Infinity : Math.abs(a - b) / Math.abs(b);
}

/** The simulator's instrument id of a ccxt market: ccxt ids Hyperliquid perps by asset index, the wire by coin name. */
export function simIdOf(market: PerpMarket): string {
  return typeof market.info.name === 'string' ? market.info.name : market.id;
}

/** Venues whose wire the simulator serves today; tests for the others show as skipped. */
export function servedBySimulator(venue: VenueId): boolean {
  return VENUE_WIRES.some((wire) => wire.venue === venue);
}
