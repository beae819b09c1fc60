import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../electron/cli/monitorScan.ts';
import { BYBIT_PREMIUM, HEAP_LIMIT_MB, LARGE_CSV, writeLargeCsv } from '../../fixtures/largeFundingCsv.ts';

const MAIN = fileURLToPath(new URL('../../../electron/cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ft-cli-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { rows: ROWS, symbols: SYMBOLS, start: START, hourMs: HOUR } = LARGE_CSV;

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
      expect(asset.best?.spreadPer8h).toBeCloseTo(BYBIT_PREMIUM * 8, 12);
    }
  }, 180_000);
});
