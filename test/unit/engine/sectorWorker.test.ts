import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { SectorSnapshotSchema } from '../../../shared/domain/sectors.ts';
import { startEngine, type EngineHandle } from '../../../electron/backend/engineClient/engineClient.ts';
import type { SectorSnapshot } from '../../../electron/engine/sectors.ts';
import { MAP, market } from '../../fixtures/engine/sectorMarket.ts';
import { NOW } from './quotes.ts';

let handle: EngineHandle | null = null;
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 10 });
afterEach(async () => {
  await handle?.stop();
  handle = null;
});

describe('sector overlay through the real engine worker', () => {
  it('computes the snapshot in the worker, posts it once per change, and tags every row', async () => {
    const snapshots: SectorSnapshot[] = [];
    const errors: string[] = [];
    const clock = { now: NOW };
    handle = startEngine({
      settings: DEFAULT_SETTINGS, now: () => clock.now, onSignals: () => {}, onAlerts: () => {},
      onError: (message) => errors.push(message), onSectors: (snapshot) => snapshots.push(snapshot),
    });
    const engine = handle;
    engine.pushQuotes(market());
    await eventually(() => expect(engine.latest().upserts).toHaveLength(13));
    expect(engine.latestSectors()).toBeNull();

    engine.setSectorMap(MAP);
    await eventually(() => expect(engine.latest().upserts.every((row) => row.alignment !== null)).toBe(true));
    expect(snapshots).toHaveLength(1);
    const snapshot = SectorSnapshotSchema.parse(engine.latestSectors());
    expect(snapshot.rotation.outOf).toEqual(['HOT']);
    const tags = Object.fromEntries(engine.latest().upserts.map((row) => [row.base, row.alignment!.tag]));
    expect(tags).toMatchObject({ H1: 'confirmed', HX: 'contradicted', C1: 'neutral' });
    // The worker's rows are ranked by money; alignment is carried on them, not ranked by.
    const ranked = [...engine.latest().upserts].sort((a, b) => a.rank - b.rank);
    for (let i = 1; i < ranked.length; i++) {
      if (ranked[i - 1].triggered === ranked[i].triggered) expect(ranked[i - 1].netCarryPerDay ?? -Infinity).toBeGreaterThanOrEqual(ranked[i].netCarryPerDay ?? -Infinity);
    }

    // Closes a day old, sent as columns: the worker derives the sector's 24-h return from them.
    engine.seedPrices(new Map(['H1', 'H2', 'H3'].map((base) => [base, { times: [NOW - 24 * 3_600_000], closes: [50] }])));
    await eventually(() => expect(snapshots).toHaveLength(2));
    expect(engine.latestSectors()!.sectors.find((s) => s.sector === 'HOT')!.return24h).toBeCloseTo(1, 12);
    expect(errors).toEqual([]);
  });
});
