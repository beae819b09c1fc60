/**
 * Lighter's settled funding through the backend as the symbol view asks for it (`createBackend`,
 * Demo mode, real DuckDB in a temp folder): `history.backfill` reads Lighter's `fundings` and the
 * store hands the hourly settlements back through `history.funding`, each the simulator's rate.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import { requests, type RequestName, type RequestOutput } from '../../../shared/ipc/contract.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'lighter-backfill-'));
const DAYS = 3;
let backend: Backend;

async function call<N extends RequestName>(name: N, input?: unknown): Promise<RequestOutput<N>> {
  const result = await dispatch(backend.handlers, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return requests[name].output.parse(result.value) as RequestOutput<N>;
}

beforeAll(async () => {
  backend = await createBackend({
    mode: 'demo', dataDir, venues: ['lighter'], pollScale: 0.05,
    // Demo's simulator on real time, as the backfill's window ends at the terminal's clock.
    demoSimulatorOptions: { universeSize: 5 },
    publish: () => {},
  });
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Lighter settlements through history.backfill', () => {
  it('the backfill stores every hourly ETH settlement of the window, with the simulator\'s rate, and history.funding returns them', async () => {
    // The backfill's targets are the venues' loaded markets: wait for Lighter's first market load.
    const outcome = await vi.waitFor(async () => {
      const results = await call('history.backfill', { base: 'ETH', days: DAYS });
      expect(results).toHaveLength(1);
      return results[0];
    }, { timeout: 30_000, interval: 100 });
    const stored = (await call('history.funding', { base: 'ETH' })).funding.filter((point) => point.venue === 'lighter');
    expect(outcome).toEqual({ venue: 'lighter', symbol: 'ETH/USDC:USDC', inserted: stored.length, error: null });
    // The window's hours (an hour mark may fall on either side of its ends).
    expect(stored.length).toBeGreaterThanOrEqual(DAYS * 24 - 1);
    const expected = backend.demo!.simulator.market.fundingHistory('lighter', '0', { since: stored[0].time, until: stored.at(-1)!.time });
    expect(stored.map((point) => [point.time, point.intervalHours])).toEqual(expected.map((s) => [s.time, 1]));
    stored.forEach((point, i) => expect({ time: point.time, rate: point.rate }).toEqual({ time: point.time, rate: expect.closeTo(expected[i].rate, 12) }));
  }, 60_000);
});
