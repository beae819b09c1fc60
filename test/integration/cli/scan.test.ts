import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import type { ScanResult } from '../../../electron/cli/monitorScan.ts';
import { sevenVenuesCsv } from '../../unit/history/realFundingData.ts';

const MAIN = fileURLToPath(new URL('../../../electron/cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ft-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The CLI as a user runs it: a separate Node 24 process (vitest runs under the project's Node). */
function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

async function inProcess(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('scan as a child process', () => {
  it('scans a year of hourly funding on three venues (over 200 k rows in one file) without running out of stack', () => {
    const start = Date.UTC(2025, 0, 1);
    const lines = ['venue,symbol,time,rate,interval_hours,mark_price'];
    for (let h = 0; h < 366 * 24 * 25; h++) {
      const time = start + h * 3_600_000 / 25;
      lines.push(`hyperliquid,BTC/USDC:USDC,${time},0.0000125,1,`, `binanceusdm,BTC/USDT:USDT,${time},0.0001,8,`);
      if (h % 4 === 0) lines.push(`bybit,BTC/USDT:USDT,${time},0.00005,8,`);
    }
    expect(lines.length).toBeGreaterThan(200_000);
    const run = cli('scan', '--history', file('year.csv', lines.join('\n')), '--at', '2025-12-31T23:00:00Z', '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as ScanResult;
    expect(result.assets.map((a) => a.base)).toEqual(['BTC']);
    expect(result.assets[0].quotes).toHaveLength(3);
  }, 60_000);

  it('prints the scan --json object over real 7-venue BTC and ETH history converted to the project format', () => {
    const btc = file('btc.csv', sevenVenuesCsv('BTC-USDT'));
    const eth = file('eth.csv', sevenVenuesCsv('ETH-USDT'));
    const run = cli('scan', '--history', btc, eth, '--at', '2023-06-01T00:00:00Z', '--json');
    expect(run.err).toMatch(/^scan: dydx, htx, mexc: not venues the terminal monitors .*; left out of the scan\n$/);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as ScanResult;
    expect(result.at).toBe('2023-06-01T00:00:00.000Z');
    expect(result.assets.map((a) => a.base).sort()).toEqual(['BTC', 'ETH']);
    // Hand-checked in test/unit/cli/historyScan.test.ts: binance 0.00002096 vs bybit 0.0001.
    const btcAsset = result.assets.find((a) => a.base === 'BTC')!;
    expect(btcAsset.best).toMatchObject({ longVenue: 'binanceusdm', shortVenue: 'bybit' });
    expect(Object.keys(btcAsset.quotes[0])).toEqual(['venue', 'symbol', 'rate', 'intervalHours', 'ratePer8h', 'apr', 'fundingTime']);
    // The monitor's order: neither is triggered, so by expected net edge per day, higher first.
    const nets = result.assets.map((a) => a.expectedNetPerDay!);
    expect(result.assets.every((a) => !a.triggered)).toBe(true);
    expect(nets).toEqual([...nets].sort((a, b) => b - a));
  }, 60_000);

  it('a bad row exits 2 with stderr naming the file and the line, and prints no result', () => {
    const bad = file('bad.csv', 'venue,symbol,time,rate,interval_hours\nbybit,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8\nbybit,BTC/USDT:USDT,2024-01-01T08:00:00Z,0.0001,0\n');
    const run = cli('scan', '--history', bad, '--at', '2024-01-02T00:00:00Z', '--json');
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toContain(`${bad}:3: interval_hours must be greater than 0, found 0`);
  });

  it('a missing file exits 2 naming it', () => {
    const run = cli('scan', '--history', join(dir, 'nope.csv'));
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${join(dir, 'nope.csv')}: cannot read the file (ENOENT)`);
  });
});

describe('scan and the command registry in-process', () => {
  const good = file('good.csv', 'venue,symbol,time,rate,interval_hours\nhyperliquid,BTC/USDC:USDC,2024-01-01T00:00:00Z,0.0000125,1\nokx,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0003,8\n');

  it('without --json prints an aligned table with units and the best pair', async () => {
    const run = await inProcess('scan', '--history', good, '--at', '2024-01-01T00:00:00Z');
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[1]).toMatch(/^BASE\s+VENUE\s+SYMBOL\s+RATE %\/int\s+INT h\s+RATE %\/8h\s+APR %\s+SETTLED \(UTC\)$/);
    expect(lines[2]).toMatch(/^BTC\s+hyperliquid\s+BTC\/USDC:USDC\s+0\.00125\s+1\s+0\.0100\s+10\.95\s+2024-01-01 00:00$/);
    expect(lines[3]).toMatch(/^BTC\s+okx\s+BTC\/USDT:USDT\s+0\.03000\s+8\s+0\.0300\s+32\.85\s+2024-01-01 00:00$/);
    expect(lines[2].length).toBe(lines[3].length); // columns aligned: rows end at the same place
    expect(run.out).toContain('BTC: long hyperliquid / short okx, spread 0.0200 % per 8 h (21.90 % APR)');
  });

  it('an --at without a time zone is refused with exit 2', async () => {
    const run = await inProcess('scan', '--history', good, '--at', '2024-01-01 00:00');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--at: time "2024-01-01 00:00" has no time zone/);
  });

  it('--help and -h print the usage on stdout and exit 0; no command or an unknown one exits 2 on stderr', async () => {
    for (const args of [['--help'], ['-h']]) {
      const run = await inProcess(...args);
      expect([run.code, run.err]).toEqual([0, '']);
      expect(run.out).toMatch(/commands: scan, study, backtest/);
    }
    const none = await inProcess();
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^no command given\n.*commands: scan, study, backtest/s);
    const unknown = await inProcess('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('unknown command "frobnicate": the commands are scan, study, backtest (--help for more)\n');
  });

  it('an unexpected failure inside a command exits 1 and names the command', async () => {
    let err = '';
    const code = await runCli(['boom'], { out: () => undefined, err: (t) => (err += t) }, { boom: async () => { throw new TypeError('broken'); } });
    expect(code).toBe(1);
    expect(err).toBe('boom failed: TypeError: broken\n');
  });
});
