/**
 * How soon a failing venue is shown as failing, and a recovered one as healthy, at the default
 * cadences: every venue × 429, 418, 503, hang, slow, garbage, empty, reset through the real
 * pollers and ccxt against the simulator, on the fault matrix's manual clock (terminal time, not
 * this machine's speed). Each cell runs a few times with the fault starting, and being cleared, at
 * a random moment within the cadence. Figures in seconds of terminal time and in polls.
 */
import { FaultDriver, MATRIX_FAULTS } from '../integration/markets/faultDriver.ts';
import type { Outage } from '../integration/markets/faultDriver.ts';
import { servedBySimulator, startPausedSimulator } from '../integration/markets/simulatorHarness.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';
import { percentile } from './sampleStats.ts';
import type { BenchResult } from './types.ts';

const ROUNDS = 3;

/** A small deterministic generator: the same phases on every run. */
function phases(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function figures(name: string, values: number[], unit: string, target?: string): BenchResult[] {
  return [
    { name: `${name} median`, value: percentile(values, 50), unit, target },
    { name: `${name} max`, value: Math.max(...values), unit },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const venues = VENUE_IDS.filter(servedBySimulator);
  const sim = await startPausedSimulator(venues);
  const random = phases(7);
  const outages: Outage[] = [];
  try {
    for (const venue of venues) {
      const driver = new FaultDriver(sim, venue);
      await driver.start();
      for (const fault of MATRIX_FAULTS) {
        for (let round = 0; round < ROUNDS; round++) outages.push(await driver.outage(fault, random(), random()));
      }
      await driver.stop();
    }
  } finally {
    await sim.close();
  }
  const seconds = (pick: (outage: Outage) => number) => outages.map((outage) => pick(outage) / 1000);
  return [
    ...figures('fault → degraded', seconds((o) => o.msToDegraded), 's'),
    ...figures('fault → down', seconds((o) => o.msToDown), 's', 'seconds, not tens of seconds'),
    ...figures('cleared → ok', seconds((o) => o.msToRecovered), 's'),
    ...figures('bad polls or late marks to down', outages.map((o) => o.statuses.indexOf('down') + 1), 'polls', '≤ 3'),
    ...figures('polls to recover', outages.map((o) => o.pollsToRecover), 'polls', '1'),
  ];
}
