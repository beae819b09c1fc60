/**
 * Every venue's own fault bodies, through ccxt, become the right VenueError: a garbage or
 * empty 200 is a bad response (never "no symbols"), a 429 in the venue's own shape is rate
 * limiting (OKX, Gate and Hyperliquid included, which ccxt maps differently).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { ADAPTERS } from '../../../electron/backend/markets/adapters.ts';
import { VENUES, VENUE_IDS } from '../../../shared/domain/venues.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { toVenueError } from '../../../electron/backend/markets/venueErrors.ts';
import type { VenueErrorKind } from '../../../electron/backend/markets/venueErrors.ts';
import type { FaultSpec } from '../../../electron/simulator/faults.ts';
import { servedBySimulator, startPausedSimulator } from './simulatorHarness.ts';
import type { Simulator } from './simulatorHarness.ts';

const venues: VenueId[] = VENUE_IDS.filter(servedBySimulator);
let sim: Simulator;
const adapters = new Map<VenueId, VenueAdapter>();

beforeAll(async () => {
  sim = await startPausedSimulator(venues);
  for (const venue of venues) {
    const adapter = ADAPTERS[venue]({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
    await adapter.poll();
    adapters.set(venue, adapter);
  }
});

afterAll(async () => {
  await Promise.all([...adapters.values()].map((adapter) => adapter.close()));
  await sim?.close();
});

const FAULTS: Array<[string, Omit<FaultSpec, 'venue'>, VenueErrorKind]> = [
  ['a garbage 200 body', { kind: 'garbage' }, 'bad-response'],
  ['an empty list', { kind: 'empty' }, 'bad-response'],
  ['HTTP 429 in the venue\'s own body', { kind: 'status', status: 429 }, 'rate-limited'],
];

describe.each(venues)('%s faults', (venue) => {
  it.each(FAULTS)('%s is a %s VenueError naming the venue', async (_name, fault, kind) => {
    const injected = sim.faults.inject({ venue, ...fault });
    try {
      const error = await adapters.get(venue)!.poll().then(() => null, (e: unknown) => toVenueError(venue, e));
      expect(error?.kind).toBe(kind);
      expect(error?.message.startsWith(VENUES[venue].label)).toBe(true);
    } finally {
      sim.faults.clear(injected.id);
    }
  });
});
