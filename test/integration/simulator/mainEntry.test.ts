/** `npm run sim`: the entry prints its loopback URL, serves, and exits cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimArgs } from '../../../electron/simulator/main.ts';
import { UsageError } from '../../../electron/cli/io.ts';

const MAIN = join(import.meta.dirname, '../../../electron/simulator/main.ts');

describe('simulator entry point', () => {
  it('reads its flags, replay paths included', () => {
    expect(parseSimArgs(['--port', '0', '--seed', '9', '--speed', '3600', '--replay', 'a.csv', 'b', '--paused', '--start', '2026-03-01T00:00:00Z'])).toEqual({
      port: 0, seed: 9, speed: 3600, replay: ['a.csv', 'b'], paused: true, startTime: Date.UTC(2026, 2, 1),
    });
    expect(parseSimArgs(['--port=0', '--seed=9', '--replay=a.csv', '--replay', 'b'])).toEqual({ port: 0, seed: 9, replay: ['a.csv', 'b'] });
    expect(parseSimArgs(['-h'])).toBe('help');
    expect(() => parseSimArgs(['--speed', 'fast'])).toThrow(UsageError);
    expect(() => parseSimArgs(['--speed', 'fast'])).toThrow('sim: --speed takes a number greater than 0, not "fast"');
    expect(() => parseSimArgs(['--bogus'])).toThrow("sim: Unknown option '--bogus' (sim --help lists the options)");
  });

  it('prints "listening http://127.0.0.1:PORT", answers there, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--seed', '3', '--size', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^listening (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`simulator exited early with ${code}`)));
    });
    const time = (await (await fetch(`${url}/fapi/v1/time`)).json()) as { serverTime: number };
    expect(time.serverTime).toBeGreaterThan(0);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
