import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import type { ScanResult } from '../../../electron/cli/monitorScan.ts';
import { ratePer8h } from '../../../shared/funding/normalise.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 11, paused: true, universeSize: 30, venues: ['binanceusdm', 'okx'] });
});
afterAll(() => sim.close());

async function scan(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['scan', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('scan --live against the venue simulator', () => {
  it('prints every venue quote at the settlement it will be paid at, with the cross-venue spread', async () => {
    const run = await scan('--live', '--venues', 'binanceusdm,okx', '--base-url', sim.url, '--wait', '15', '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as ScanResult;
    const btc = result.assets.find((a) => a.base === 'BTC')!;
    expect(btc.quotes.map((q) => q.venue).sort()).toEqual(['binanceusdm', 'okx']);
    const binance = btc.quotes.find((q) => q.venue === 'binanceusdm')!;
    const state = sim.market.funding('binanceusdm', 'BTCUSDT');
    expect(binance.rate).toBe(state.rate);
    expect(binance.intervalHours).toBe(state.intervalHours);
    expect(binance.ratePer8h).toBeCloseTo(ratePer8h(state.rate, state.intervalHours), 15);
    expect(binance.fundingTime).toBe(new Date(state.nextFundingTime).toISOString());
    expect(btc.best?.spreadPer8h).toBeCloseTo(Math.abs(btc.quotes[0].ratePer8h - btc.quotes[1].ratePer8h), 15);
  });

  it('a venue that is down is named on stderr and left out; the others are scanned', async () => {
    sim.faults.setDown('okx', true);
    try {
      const run = await scan('--live', '--venues', 'binanceusdm,okx', '--base-url', sim.url, '--wait', '5', '--json');
      expect(run.code).toBe(0);
      expect(run.err).toMatch(/^OKX: no quotes \(.+\); left out of the scan$/m);
      const venues = new Set((JSON.parse(run.out) as ScanResult).assets.flatMap((a) => a.quotes.map((q) => q.venue)));
      expect([...venues]).toEqual(['binanceusdm']);
    } finally {
      sim.faults.clear();
    }
  });

  it('refuses a non-loopback base URL and mixing --live with --history', async () => {
    expect((await scan('--live', '--base-url', 'https://fapi.binance.com')).code).toBe(2);
    const mixed = await scan('--live', '--history', 'x.csv');
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/do not mix/);
  });
});
