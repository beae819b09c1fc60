import type { VenueId } from '../../shared/domain/venues.ts';
import { demoCredential } from '../simulator/credentials.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server.ts';

export type { Simulator } from '../simulator/server.ts';

/** What a test may change of Demo's simulator (its universe, faults, fee tiers…). */
export type DemoSimulatorOptions = Partial<SimulatorOptions>;

/**
 * Demo mode: the venue simulator runs in this process on a loopback port and the ccxt
 * instances are pointed at it. Real time (speed 1), so countdowns on screen match the
 * simulated settlements; hourly symbols make a window pass every hour.
 */
export interface DemoVenues {
  url: string;
  wsUrl: string;
  simulator: Simulator;
  /** The simulator's built-in account: paper brokers sign their reads of the venues' terms with it. */
  readCredentials: (venue: VenueId) => { apiKey: string; secret: string; password?: string };
  close(): Promise<void>;
}

export async function startDemoVenues(options: { seed: number; venues: VenueId[]; simulator?: DemoSimulatorOptions }): Promise<DemoVenues> {
  const simulator = await startSimulator({ port: 0, seed: options.seed, speed: 1, venues: options.venues, ...options.simulator });
  return { url: simulator.url, wsUrl: simulator.wsUrl, simulator, readCredentials: demoCredential, close: () => simulator.close() };
}
