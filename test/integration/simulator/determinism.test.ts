/** Same seed and the same steps give byte-identical responses; another seed gives another market. */
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME } from './simulatorClients.ts';

const started: Simulator[] = [];
afterAll(() => Promise.all(started.map((sim) => sim.close())));

async function start(seed: number): Promise<Simulator> {
  const sim = await startSimulator({ seed, paused: true, startTime: START_TIME, venues: ['binanceusdm'], universeSize: 40 });
  started.push(sim);
  return sim;
}

const PATHS = [
  '/fapi/v1/premiumIndex',
  '/fapi/v1/fundingInfo',
  '/fapi/v1/fundingRate?symbol=BTCUSDT&limit=50',
  '/fapi/v1/depth?symbol=ETHUSDT&limit=50',
  '/fapi/v1/klines?symbol=SOLUSDT&interval=15m&limit=100',
  '/fapi/v1/ticker/24hr',
];

async function snapshot(sim: Simulator): Promise<string[]> {
  return Promise.all(PATHS.map(async (path) => (await fetch(sim.url + path)).text()));
}

describe('determinism', () => {
  it('two simulators with the same seed answer byte for byte the same, before and after the same steps', async () => {
    const [a, b] = [await start(77), await start(77)];
    expect(await snapshot(a)).toEqual(await snapshot(b));
    for (const ms of [90_000, 3_600_000, 8 * 3_600_000 + 17]) {
      a.clock.step(ms);
      b.clock.step(ms);
      expect(await snapshot(a)).toEqual(await snapshot(b));
    }
  });

  it('the answer does not depend on which requests came first', async () => {
    const [a, b] = [await start(78), await start(78)];
    await fetch(a.url + '/fapi/v1/depth?symbol=BTCUSDT&limit=5');
    a.clock.step(12 * 3_600_000);
    b.clock.step(12 * 3_600_000);
    expect((await snapshot(a)).reverse()).toEqual((await snapshot(b)).reverse());
  });

  it('another seed gives another market', async () => {
    const [a, b] = [await start(79), await start(80)];
    const [ra, rb] = [await snapshot(a), await snapshot(b)];
    expect(ra[0]).not.toEqual(rb[0]);
    expect(ra[2]).not.toEqual(rb[2]);
  });
});
