/**
 * The pattern requests as wired in the backend (`createBackend`, Demo mode, real DuckDB in a temp
 * folder): history imported through the contract, the study run through the contract, and a
 * sector placed through `sectors.set` changing the next study. Outputs checked by their schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import { requests, type RequestName, type RequestOutput } from '../../../shared/ipc/contract.ts';
import { DEFAULT_SECTOR_MAP } from '../../../shared/sectors/taxonomy.ts';
import { binanceQ1Csv } from '../../unit/history/realFundingData.ts';
import { binancePriceCsv, hasBinanceQ1, mappedMarkets } from './binanceSlice.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'patterns-backend-'));
let backend: Backend;

async function call<N extends RequestName>(name: N, input?: unknown): Promise<RequestOutput<N>> {
  const result = await dispatch(backend.handlers, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return requests[name].output.parse(result.value) as RequestOutput<N>;
}

describe.skipIf(!hasBinanceQ1)('patterns.study in the backend', () => {
  const markets = hasBinanceQ1 ? mappedMarkets(40) : [];

  beforeAll(async () => {
    backend = await createBackend({
      mode: 'demo', dataDir, venues: ['binanceusdm'], pollScale: 0.05,
      demoSimulatorOptions: { paused: true, startTime: Date.UTC(2026, 2, 4), universeSize: 5 },
      publish: () => {},
    });
    expect((await call('history.importCsv', { fileName: 'funding.csv', text: binanceQ1Csv(markets) })).rejected).toBe(0);
    expect((await call('history.importPrices', { fileName: 'prices.csv', text: binancePriceCsv(markets) })).rejected).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the study over the imported history and follows a sector placed in Settings', async () => {
    const input = { threshold: 0.0001, horizonHours: 24, k: 0.02 };
    const before = await call('patterns.study', input);
    expect(before.coverage.fundingRows).toBeGreaterThan(0);
    const layer1 = before.coverage.sectors.find((s) => s.name === 'Layer 1')?.assets ?? 0;
    const moved = markets.map((m) => m.slice(0, -4)).find((base) => DEFAULT_SECTOR_MAP.get(base) === 'Layer 1');
    if (!moved) throw new Error('the slice holds no Layer 1 market');
    await call('sectors.set', { base: moved, sector: 'Meme' });
    const after = await call('patterns.study', input);
    expect(after.coverage.sectors.find((s) => s.name === 'Layer 1')?.assets ?? 0).toBe(layer1 - 1);
  }, 60_000);
});
