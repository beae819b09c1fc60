/**
 * A simulator for the wire checks: the venues asked for, the demo credentials, an hour of
 * simulated time to settle funding in, and helpers that leave rows in every list the
 * terminal reads (a position, a resting order, a funding settlement).
 */
import { afterAll } from 'vitest';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { DEFAULT_UNIVERSE_SIZE } from '../../../electron/simulator/universe.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import { addWalletAccounts } from '../trading/harness.ts';

export async function startWireSimulator(venues: VenueId[]): Promise<Simulator> {
  const sim = await startSimulator({ seed: 3, paused: true, startTime: START_TIME, venues, universeSize: DEFAULT_UNIVERSE_SIZE, initialBalance: 100_000 });
  addWalletAccounts(sim, venues);
  return sim;
}

/** Steps the simulated clock past the instrument's next settlement, so the account is paid or charged. */
export function settleOnce(sim: Simulator, venue: VenueId, instrumentId: string): void {
  sim.clock.advanceTo(sim.market.funding(venue, instrumentId).nextFundingTime + 1_000);
}

/** The last reads of a wire flow: the position held, then one settlement and the funding it booked. */
export async function readPositionAndFunding(sim: Simulator, exchange: Exchange, venue: VenueId, instrumentId: string, symbol: string): Promise<void> {
  await exchange.fetchPositions([symbol]);
  settleOnce(sim, venue, instrumentId);
  await exchange.fetchFundingHistory(symbol);
}

/** Closes the clients and the simulator after the file's tests (read when they end). */
export function closeAfterAll(open: () => { exchanges: Exchange[]; sim: Simulator }): void {
  afterAll(async () => {
    const { exchanges, sim } = open();
    for (const exchange of exchanges) await exchange.close();
    await sim.close();
  });
}
