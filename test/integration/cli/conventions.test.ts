import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScanArgs } from '../../../electron/cli/scan.ts';
import { parseWebArgs } from '../../../electron/host/main.ts';
import { runCli } from '../../../electron/cli/main.ts';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';

/** The command-line conventions of `cli`, `web` and `sim`, run as a user runs them. */
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; bin: Record<string, string> };
const dir = mkdtempSync(join(tmpdir(), 'ft-conventions-'));
const csv = join(dir, 'funding.csv');
writeFileSync(csv, 'venue,symbol,time,rate,interval_hours\nbinanceusdm,BTC/USDT:USDT,2026-01-01T00:00:00Z,0.0001,8\nokx,BTC/USDT:USDT,2026-01-01T00:00:00Z,0.0003,8\n');

function run(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const ENTRY_POINTS = [['cli', 'electron/cli/main.ts'], ['web', 'electron/host/main.ts'], ['sim', 'electron/simulator/main.ts']] as const;

describe.each(ENTRY_POINTS)('%s', (name, script) => {
  it('--help prints the usage on stdout and exits 0', () => {
    const r = run(script, '--help');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^usage: /);
  });

  it('--version prints the version alone', () => {
    expect(run(script, '--version')).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  it('an unknown option is one line on stderr, exit 2', () => {
    const r = run(script, ...(name === 'cli' ? ['scan', '--bogus'] : ['--bogus']));
    expect([r.code, r.out]).toEqual([2, '']);
    const command = name === 'cli' ? 'scan' : name;
    expect(r.err).toBe(`${command}: Unknown option '--bogus' (${command} --help lists the options)\n`);
  });
});

describe('options', () => {
  it('--flag=value reads as --flag value', () => {
    const spaced = parseScanArgs(['--history', csv, '--at', '2026-01-02T00:00:00Z', '--json'], 0);
    const joined = parseScanArgs([`--history=${csv}`, '--at=2026-01-02T00:00:00Z', '--json'], 0);
    expect(joined).toEqual(spaced);
    expect(parseWebArgs(['--port=8123', '--demo'], '/home/t')).toEqual({ port: 8123, demo: true, dataDir: '/home/t/.funding-terminal/demo', freshStore: false });
    expect(parseWebArgs(['--fresh-store'], '/home/t')).toMatchObject({ freshStore: true });
    expect(parseWebArgs(['--demo', '--speed=10'], '/home/t')).toMatchObject({ demo: true, speed: 10 });
    expect(() => parseWebArgs(['--demo', '--speed', '3'])).toThrow('web: --speed takes one of 1, 2, 5, 10 (times real time), not "3"');
    expect(() => parseWebArgs(['--speed', '2'])).toThrow('web: --speed sets the Demo clock: give it with --demo (live and paper venues run on real time)');
    expect([parseWebArgs(['-h']), parseScanArgs(['-h'], 0)]).toEqual(['help', 'help']);
  });

  it('a list option takes the files after it; -- ends the options', () => {
    expect(parseScanArgs(['--history', 'a.csv', 'b.csv', '--json'], 0)).toMatchObject({ files: ['a.csv', 'b.csv'], json: true });
    expect(() => parseScanArgs(['--json', 'a.csv'], 0)).toThrow('scan: unexpected argument "a.csv" (scan --help lists the options)');
    expect(() => parseScanArgs(['--history', 'a.csv', '--', 'b.csv'], 0)).toThrow(/unexpected argument "b\.csv"/);
  });

  it('a missing value and a bad number are one line each', () => {
    expect(run('electron/cli/main.ts', 'scan', '--history', csv, '--at')).toMatchObject({ code: 2, err: "scan: Option '--at <value>' argument missing (scan --help lists the options)\n" });
    expect(() => parseWebArgs(['--port', 'x'])).toThrow('web: --port takes a whole number from 0 to 65535 (0 = any free port), not "x"');
  });
});

describe('web on a port in use', () => {
  let blocker: ReturnType<typeof createServer>;
  let port = 0;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => blocker.close(resolve)));

  it('says so in one line and exits 2, having opened nothing', () => {
    const dataDir = join(dir, 'web-data');
    const r = run('electron/host/main.ts', '--demo', '--port', String(port), '--data-dir', dataDir);
    expect(r).toEqual({ code: 2, out: '', err: `web: port ${port} on 127.0.0.1 is in use; pick another with --port N, or --port 0 for any free port\n` });
    expect(() => statSync(dataDir)).toThrow(/ENOENT/);
  });
});

describe('scan --live that got nothing', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, paused: true, universeSize: 10, venues: ['binanceusdm', 'okx'] });
    sim.faults.setDown('binanceusdm', true);
    sim.faults.setDown('okx', true);
  });
  afterAll(() => sim.close());

  it('exits 1 with every venue named, and prints no result', async () => {
    let out = '';
    let err = '';
    const code = await runCli(['scan', '--live', '--venues=binanceusdm,okx', `--base-url=${sim.url}`, '--wait=5', '--json'], { out: (t) => (out += t), err: (t) => (err += t) });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^Binance.*left out of the scan$/m);
    expect(err).toMatch(/^OKX: .*left out of the scan$/m);
    expect(err).toMatch(/^scan: no venue answered with a funding rate/m);
  });
});

describe('the installed command and the README commands', () => {
  it('package.json names a funding-terminal command that runs the CLI', () => {
    expect(pkg.bin).toEqual({ 'funding-terminal': 'electron/cli/bin.mjs' });
    expect(statSync(pkg.bin['funding-terminal']).mode & 0o111).not.toBe(0);
    expect(readFileSync(pkg.bin['funding-terminal'], 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(run(pkg.bin['funding-terminal'], '--version')).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  it('"npm run -s cli -- scan … --json" prints JSON and nothing else on stdout', async () => {
    const child = spawn('npm', ['run', '-s', 'cli', '--', 'scan', '--history', csv, '--at', '2026-01-02T00:00:00Z', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(out).assets[0].base).toBe('BTC');
  });

  it('every README command of the CLI that asks for JSON is run with -s (npm\'s banner would go to stdout)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const jsonCommands = readme.split('\n').filter((line) => /npm run.* cli .*--json/.test(line));
    expect(jsonCommands.length).toBeGreaterThan(0);
    for (const line of jsonCommands) expect(line).toMatch(/npm run -s cli --/);
  });
});
