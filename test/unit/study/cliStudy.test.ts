import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { study } from '../../../electron/cli/study.ts';
import type { CliIo } from '../../../electron/cli/io.ts';
import { flat, T0, H, U } from './fixture.ts';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
  return io;
}

/** Three sectors; DeFi's funding jumps at grid 4 and its price falls 10 % 24 h later. */
function writeFixture(): { dir: string; history: string; prices: string; sectors: string } {
  const dir = mkdtempSync(join(tmpdir(), 'study-cli-'));
  const rates: Record<string, number[]> = {
    AAA: flat(1, 10), AAB: flat(2, 10), AAC: flat(3, 10), MMA: flat(1, 10), MMB: flat(1, 10), MMC: flat(1, 10),
    DDA: [2, 2, 2, 2, 12, 12, 12, 12, 12, 12], DDB: [2, 2, 2, 2, 12, 12, 12, 12, 12, 12], DDC: [2, 2, 2, 2, 12, 12, 12, 12, 12, 12],
  };
  const funding = ['venue,symbol,time,rate,interval_hours'];
  const prices = ['venue,symbol,time,close'];
  for (const [base, list] of Object.entries(rates)) {
    list.forEach((r, g) => funding.push(`binanceusdm,${base}/USDT:USDT,${new Date(T0 + g * 8 * H).toISOString()},${r * U},8`));
    for (let g = 0; g < 13; g++) prices.push(`binanceusdm,${base}/USDT:USDT,${T0 + g * 8 * H},${base.startsWith('DD') && g >= 7 ? 90 : 100}`);
  }
  const files = { history: join(dir, 'funding.csv'), prices: join(dir, 'prices.csv'), sectors: join(dir, 'sectors.csv') };
  writeFileSync(files.history, funding.join('\n'));
  writeFileSync(files.prices, prices.join('\n'));
  writeFileSync(files.sectors, 'base,sector\nAAA,L1\nAAB,L1\nAAC,L1\nDDA,DeFi\nDDB,DeFi\nDDC,DeFi\nMMA,Meme\nMMB,Meme\nMMC,Meme\n');
  return { dir, ...files };
}

describe('CLI study', () => {
  it('prints params, in-sample, out-of-sample, all and the event list as JSON', async () => {
    const f = writeFixture();
    const io = capture();
    const code = await study(['--history', f.history, '--prices', f.prices, '--sectors', f.sectors, '--threshold', String(8 * U), '--horizon-hours', '24', '--json'], io);
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['params', 'inSample', 'outOfSample', 'all', 'events']));
    expect(out.params).toMatchObject({ threshold: 8 * U, horizonHours: 24, k: 0.02 });
    expect(out.all).toMatchObject({ n: 1, hits: 1, hitRate: 1, baseRate: 0.1, lift: 10 });
    expect(out.all.ci95).toHaveLength(2);
    expect(out.events).toEqual([{ sector: 'DeFi', time: new Date(T0 + 32 * H).toISOString(), divergence: 10 * U, sectorReturn: 0.9 - 1, marketReturn: 0, hit: true }]);
  });

  it('--model adds the walk-forward model per horizon with its verdict against the base rate', async () => {
    const f = writeFixture();
    const io = capture();
    const code = await study(['--history', f.history, '--prices', f.prices, '--sectors', f.sectors, '--horizon-hours', '24,48', '--model', '--json'], io);
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout);
    expect(Object.keys(out.byHorizon)).toEqual(['24', '48']);
    // Ten grid points are far too few to train on: the model says so instead of inventing a number.
    expect(out.model['24']).toMatchObject({ outOfSample: { n: 0 }, verdict: expect.stringContaining('not enough history') });
  });

  it('a bad line exits 2 naming the file and the line', async () => {
    const f = writeFixture();
    const bad = join(f.dir, 'bad-prices.csv');
    writeFileSync(bad, 'venue,symbol,time,close\nbinanceusdm,AAA/USDT:USDT,1767225600000,100\nbinanceusdm,AAA/USDT:USDT,yesterday,100\n');
    const io = capture();
    const code = await study(['--history', f.history, '--prices', bad, '--sectors', f.sectors, '--json'], io);
    expect(code).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toContain(`${bad}:3:`);
  });

  it('a missing file, an unknown option or a non-numeric threshold exits 2 with the reason', async () => {
    const f = writeFixture();
    for (const argv of [
      ['--history', join(f.dir, 'nope.csv'), '--prices', f.prices],
      ['--history', f.history, '--prices', f.prices, '--window', '3'],
      ['--history', f.history, '--prices', f.prices, '--threshold', 'abc'],
      ['--prices', f.prices],
    ]) {
      const io = capture();
      expect(await study(argv, io)).toBe(2);
      expect(io.stderr).toMatch(/nope\.csv|--window|--threshold "abc"|--history/);
    }
  });
});
