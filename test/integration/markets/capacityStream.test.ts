/**
 * Capacity end to end (docs/domain.md §4 "Capacity"): a backend against the simulator reads the
 * top rows' books through the market-data worker and publishes what each pair takes at the
 * Settings impact on the `capacity` stream; each leg's figure is checked against the same book
 * read independently and walked by the brute-force reference, with the clock paused so the books
 * hold still. OKX's books are in contracts: the figure is in coins' USD all the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { ADAPTERS } from '../../../electron/backend/markets/adapters.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { CAPACITY_BOOK_LEVELS } from '../../../electron/backend/markets/capacityBooks.ts';
import { bookInCoins, unitsOfMarket } from '../../../electron/backend/markets/marketUnits.ts';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import { requests, streams } from '../../../shared/ipc/contract.ts';
import type { CapacitySnapshot, LegCapacity } from '../../../shared/domain/capacity.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { bruteForceCapacity } from '../../fixtures/capacityReference.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import { waitFor } from './simulatorHarness.ts';

const VENUES = ['binanceusdm', 'bybit', 'okx'] as const;

describe('capacity reaches the IPC stream', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'capacity-stream-'));
  const published: CapacitySnapshot[] = [];
  let sim: Simulator;
  let backend: Backend;
  let adapters: Partial<Record<VenueId, VenueAdapter>>;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 9, paused: true, startTime: START_TIME, venues: [...VENUES], universeSize: 12 });
    backend = await createBackend({
      mode: 'paper', baseUrl: sim.url, clock: sim.clock, dataDir, venues: [...VENUES], pollScale: 0.05,
      // Every payload as the renderer's checked bridge would read it.
      publish: (name, payload) => { if (name === 'capacity') published.push(streams.capacity.parse(payload)); },
    });
    adapters = Object.fromEntries(VENUES.map((venue) => [venue, ADAPTERS[venue]({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() })]));
  }, 30_000);

  afterAll(async () => {
    await backend.stop();
    await Promise.all(Object.values(adapters).map((adapter) => adapter.close()));
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The leg's book read again by the test, through its own ccxt exchange. */
  async function independentFigure(leg: LegCapacity, side: 'buy' | 'sell', impactBps: number): Promise<number> {
    const { exchange } = adapters[leg.venue]!;
    await exchange.loadMarkets();
    const book = bookInCoins(unitsOfMarket(exchange.market(leg.symbol)), await exchange.fetchOrderBook(leg.symbol, CAPACITY_BOOK_LEVELS));
    return bruteForceCapacity(book, side, impactBps);
  }

  it('publishes the ranked pairs\' capacity at 10 bps, each leg as its own book says, the pair limited by its smaller leg', async () => {
    await waitFor('a capacity snapshot with pairs', () => published.some((s) => s.pairs.length > 0), 30_000);
    const snapshot = published.find((s) => s.pairs.length > 0)!;
    expect(snapshot.impactBps).toBe(10);
    const { signals } = requests['markets.snapshot'].output.parse(((await dispatch(backend.handlers, 'markets.snapshot', undefined)) as { value: unknown }).value);
    const rows = new Map(signals.upserts.map((row) => [row.base, row]));
    for (const pair of snapshot.pairs) {
      const row = rows.get(pair.base)!;
      expect([pair.long.venue, pair.short.venue]).toEqual([row.longVenue, row.shortVenue]);
      expect(pair.long.error, pair.base).toBeNull();
      expect(pair.short.error, pair.base).toBeNull();
      expect(pair.notionalUsd).toBe(Math.min(pair.long.notionalUsd!, pair.short.notionalUsd!));
    }
    const okx = snapshot.pairs.find((pair) => pair.long.venue === 'okx' || pair.short.venue === 'okx')!;
    for (const [leg, side] of [[okx.long, 'buy'], [okx.short, 'sell']] as const) {
      expect(leg.notionalUsd!, `${leg.venue} ${leg.symbol}`).toBeGreaterThan(0);
      expect(leg.notionalUsd! / (await independentFigure(leg, side, 10))).toBeCloseTo(1, 6);
    }
  });

  it('reads one book per leg of the pairs it names, and answers the same snapshot on request', async () => {
    const before = published.length;
    const depthRequests = () => sim.log.list().filter((entry) => /depth|orderbook|books/.test(entry.path)).length;
    const requested = depthRequests();
    await waitFor('the next capacity pass', () => published.length > before, 30_000);
    const pass = published[published.length - 1];
    // Allow for the pass after it having started meanwhile: at most two passes' legs.
    expect(depthRequests() - requested).toBeGreaterThanOrEqual(2 * pass.pairs.length);
    expect(depthRequests() - requested).toBeLessThanOrEqual(4 * pass.pairs.length);
    const answer = await dispatch(backend.handlers, 'markets.capacity', undefined);
    expect(answer.ok).toBe(true);
    expect(requests['markets.capacity'].output.parse((answer as { value: unknown }).value)).toEqual(published[published.length - 1]);
  });

  it('a new impact in Settings is the next pass\'s, and a wider impact takes at least as much on the same books', async () => {
    const at10 = published[published.length - 1];
    const saved = await dispatch(backend.handlers, 'settings.set', { capacityImpactBps: 40 });
    expect(saved.ok).toBe(true);
    await waitFor('a pass at 40 bps', () => published.some((s) => s.impactBps === 40), 30_000);
    const at40 = published.find((s) => s.impactBps === 40)!;
    for (const pair of at40.pairs) {
      const before = at10.pairs.find((p) => p.base === pair.base && p.long.symbol === pair.long.symbol && p.short.symbol === pair.short.symbol);
      if (before) expect(pair.notionalUsd!).toBeGreaterThanOrEqual(before.notionalUsd!);
    }
    const refused = await dispatch(backend.handlers, 'settings.set', { capacityImpactBps: 0 });
    expect(refused.ok).toBe(false);
  });
});
