import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../electron/cli/monitorScan.ts';

const MAIN = fileURLToPath(new URL('../../../electron/cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ft-cli-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 2_000_000;
const SYMBOLS = 400;
const START = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
/** A V8 old generation this small cannot hold the file as one string, let alone 2 M points. */
const HEAP_LIMIT_MB = 96;

/** 2 M settlements: 400 symbols on Binance and Bybit, hourly, written in blocks (the writer is bounded too). */
async function writeLargeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('venue,symbol,time,rate,interval_hours\n');
  const perHour = SYMBOLS * 2;
  for (let block = 0; block < ROWS / perHour; block++) {
    const time = new Date(START + block * HOUR).toISOString();
    let text = '';
    for (let s = 0; s < SYMBOLS; s++) {
      const rate = ((s % 7) - 3) * 1e-5 + block * 1e-9;
      text += `binanceusdm,S${s}/USDT:USDT,${time},${rate},1\nbybit,S${s}/USDT:USDT,${time},${rate + 2e-5},1\n`;
    }
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

describe('scan over a large file', () => {
  it(`reads 2 M rows as a stream under a ${HEAP_LIMIT_MB} MB heap and reports each symbol's latest settlement`, async () => {
    const path = join(dir, 'large.csv');
    await writeLargeCsv(path);
    expect(statSync(path).size).toBeGreaterThan(HEAP_LIMIT_MB * 1024 * 1024);
    const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, MAIN, 'scan', '--history', path, '--at', '2030-01-01T00:00:00Z', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as ScanResult;
    expect(result.assets).toHaveLength(SYMBOLS);
    const last = new Date(START + (ROWS / (SYMBOLS * 2) - 1) * HOUR).toISOString();
    for (const asset of result.assets) {
      expect(asset.quotes.map((q) => q.venue)).toEqual(['binanceusdm', 'bybit']);
      expect(asset.quotes.every((q) => q.fundingTime === last)).toBe(true);
      expect(asset.best?.shortVenue).toBe('bybit');
      expect(asset.best?.spreadPer8h).toBeCloseTo(2e-5 * 8, 12);
    }
  }, 180_000);
});
