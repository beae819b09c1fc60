import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/ipc/contract.ts';
import { HEAP_LIMIT_MB, LARGE_CSV, writeLargeCsv } from '../../fixtures/largeFundingCsv.ts';

const CHILD = fileURLToPath(new URL('../../fixtures/importFundingFile.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ft-import-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importing a large funding file', () => {
  it(`streams 2 M rows into the store under a ${HEAP_LIMIT_MB} MB heap, listing the bad lines by number`, async () => {
    const path = join(dir, 'large.csv');
    await writeLargeCsv(path);
    // Two bad rows after the 2 M good ones (lines 2,000,002 and 2,000,003), and a repeat of line 2.
    const firstRow = `binanceusdm,S0/USDT:USDT,${new Date(LARGE_CSV.start).toISOString()},-0.00003,1`;
    appendFileSync(path, `bybitt,S0/USDT:USDT,2030-01-01T00:00:00Z,0.0001,1\nbybit,S0/USDT:USDT,2030-01-01T00:00:00Z,0.75,8\n${firstRow}\n`);
    expect(statSync(path).size).toBeGreaterThan(HEAP_LIMIT_MB * 1024 * 1024);
    const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, CHILD, join(dir, 'store'), path], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { result, stored, s7 } = JSON.parse(run.stdout) as { result: ImportResult; stored: number; s7: number };
    const bad = LARGE_CSV.rows + 2;
    expect(result).toEqual({
      fileName: 'large.csv',
      imported: LARGE_CSV.rows,
      rejected: 3,
      errors: [
        { line: bad, message: expect.stringMatching(/^venue "bybitt" is not a venue the terminal knows; did you mean bybit\?$/) },
        { line: bad + 1, message: expect.stringMatching(/^rate 0\.75 reads as 75 % per 8 h, .* the file looks like percent/) },
        { line: bad + 2, message: expect.stringMatching(/^duplicate settlement: binanceusdm S0\/USDT:USDT at 2024-01-01T00:00:00\.000Z already on line 2$/) },
      ],
    });
    expect(stored).toBe(LARGE_CSV.rows);
    expect(s7).toBe(LARGE_CSV.rows / LARGE_CSV.symbols);
  }, 300_000);
});
