/** `npm run sim`: the entry prints its loopback URL, serves, and exits cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, parseArgs } from '../../../electron/simulator/main.ts';

const MAIN = join(import.meta.dirname, '../../../electron/simulator/main.ts');

describe('simulator entry point', () => {
  it('reads its flags, replay paths included', () => {
    expect(parseArgs(['--port', '0', '--seed', '9', '--speed', '3600', '--replay', 'a.csv', 'b', '--paused', '--start', '2026-03-01T00:00:00Z'])).toEqual({
      port: 0, seed: 9, speed: 3600, replay: ['a.csv', 'b'], paused: true, startTime: Date.UTC(2026, 2, 1),
    });
    expect(() => parseArgs(['--speed', 'fast'])).toThrow(UsageError);
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown argument --bogus/);
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
