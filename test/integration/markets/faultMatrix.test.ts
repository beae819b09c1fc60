/**
 * The fault matrix: every venue the simulator serves × 429, 418, 503, hang, slow, garbage,
 * empty, reset, through the real pollers, adapters and ccxt against the simulator's fault
 * injection. The bounds of docs/health.md are asserted as counts of polls on a manual clock:
 * degraded at the first faulty poll, down by the third, no poll overlapping a hung one, and
 * healthy on the first good poll after the fault is cleared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { FaultDriver, MATRIX_FAULTS } from './faultDriver.ts';
import { servedBySimulator, startPausedSimulator } from './simulatorHarness.ts';
import type { Simulator } from './simulatorHarness.ts';

const venues: VenueId[] = VENUE_IDS.filter(servedBySimulator);
let sim: Simulator;
const drivers = new Map<VenueId, FaultDriver>();

beforeAll(async () => {
  sim = await startPausedSimulator(venues);
  for (const venue of venues) {
    const driver = new FaultDriver(sim, venue);
    await driver.start();
    drivers.set(venue, driver);
  }
});

afterAll(async () => {
  await Promise.all([...drivers.values()].map((driver) => driver.stop()));
  await sim?.close();
});

describe.each(venues)('%s under faults', (venue) => {
  it.each(MATRIX_FAULTS)('$name: degraded at the first faulty poll, down by the third, ok on the first good poll', async (fault) => {
    const driver = drivers.get(venue)!;
    expect(driver.status()).toBe('ok');
    const outage = await driver.outage(fault);
    const downAt = outage.statuses.indexOf('down') + 1;
    expect(outage.statuses[0]).toBe('degraded');
    expect(downAt).toBeGreaterThan(1);
    expect(downAt).toBeLessThanOrEqual(driver.bounds.downAfterPolls);
    expect(outage.statuses.slice(0, downAt - 1).every((status) => status === 'degraded')).toBe(true);
    // A hung poll is counted late mark by mark; no second poll is sent beside it.
    expect(outage.pollsDuringFault).toBe(fault.hangs ? 1 : downAt);
    expect(outage.pollsToRecover).toBe(1);
    expect(driver.poller.health()).toMatchObject({ status: 'ok', consecutiveErrors: 0, lastError: null, stale: false });
  });
});
