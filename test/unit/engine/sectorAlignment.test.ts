import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { compareRows } from '../../../electron/engine/ranking.ts';
import { NOW, q } from './quotes.ts';
import { MAP, market } from '../../fixtures/engine/sectorMarket.ts';

const MINUTE = 60_000;

const row = (rows: Opportunity[], base: string) => rows.find((r) => r.base === base)!;

describe('sector alignment in the engine', () => {
  it('rows carry no alignment until the engine has a sector map', () => {
    const rows = new SignalEngine(DEFAULT_SETTINGS).apply(market(), NOW).batch.upserts;
    expect(rows.every((r) => r.alignment === null)).toBe(true);
  });

  it('tags an asset paid by its overheated sector\'s crowd confirmed, one paid against it contradicted, one in a quiet sector neutral', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply(market(), NOW);
    const out = engine.setSectorMap(MAP, NOW);
    expect(out.sectors?.sectors.find((s) => s.sector === 'HOT')?.signal).toBe('overheated');
    expect(out.sectors?.rotation.label).toBe('rotation out of HOT');
    const rows = out.batch.upserts;
    expect(row(rows, 'H1').alignment).toMatchObject({ tag: 'confirmed', sector: 'HOT' });
    expect(row(rows, 'HX').alignment).toMatchObject({ tag: 'contradicted', sector: 'HOT' });
    expect(row(rows, 'HX').alignment!.reason).toContain('HX funding is -0.100 %');
    expect(row(rows, 'C1').alignment).toMatchObject({ tag: 'neutral', sector: 'COLD' });
  });

  it('an asset the map does not place is neutral and says so', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply([...market(), q('okx', 'ZZZ', 0.0003)], NOW);
    const rows = engine.setSectorMap(MAP, NOW).batch.upserts;
    expect(row(rows, 'ZZZ').alignment).toEqual({ tag: 'neutral', sector: null, reason: 'ZZZ has no sector: place it in Settings to get a sector signal.' });
  });

  it('ranks by net carry whatever the alignment: a neutral setup paying more outranks a confirmed one, and alignment only breaks ties', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply(market(), NOW);
    const rows = engine.setSectorMap(MAP, NOW).batch.upserts;
    const h1 = row(rows, 'H1'), l1 = row(rows, 'L1');
    expect(h1.triggered || l1.triggered).toBe(false);
    expect(h1.alignment?.tag).toBe('confirmed');
    expect(l1.alignment?.tag).not.toBe('confirmed');
    expect(l1.netCarryPerDay!).toBeGreaterThan(h1.netCarryPerDay!);
    expect(l1.rank).toBeLessThan(h1.rank);
    const untriggered = [...rows].filter((r) => !r.triggered).sort((a, b) => a.rank - b.rank);
    for (let i = 1; i < untriggered.length; i++) expect(untriggered[i - 1].netCarryPerDay ?? -Infinity).toBeGreaterThanOrEqual(untriggered[i].netCarryPerDay ?? -Infinity);
  });

  it('between two rows paying the same, the confirmed one ranks first', () => {
    const same = { triggered: false, netCarryPerDay: 0.001, spreadPer8h: 0.0005 };
    const confirmed = { ...same, base: 'ZZ', alignment: { tag: 'confirmed' } } as unknown as Opportunity;
    const contradicted = { ...same, base: 'AA', alignment: { tag: 'contradicted' } } as unknown as Opportunity;
    expect([contradicted, confirmed].sort(compareRows).map((r) => r.base)).toEqual(['ZZ', 'AA']);
  });

  it('posts a snapshot only when it changed: a new minute with the same quotes sends none', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply(market(), NOW);
    expect(engine.setSectorMap(MAP, NOW).sectors).not.toBeNull();
    const later = NOW + MINUTE;
    expect(engine.apply(market().map((quote) => ({ ...quote, observedAt: later })), later).sectors).toBeNull();
    const hotter = later + MINUTE;
    const quotes = market().map((quote) => (quote.base === 'C1' || quote.base === 'C2' ? { ...quote, rate: 0.0004 } : quote));
    const moved = engine.apply(quotes.map((quote) => ({ ...quote, observedAt: hotter })), hotter);
    expect(moved.sectors?.sectors.find((s) => s.sector === 'COLD')?.medianPer8h).toBeCloseTo(0.0004, 12);
  });

  it('a map given before the first quotes does not leave the overlay empty until the next minute', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    expect(engine.setSectorMap(MAP, NOW).sectors?.sectors.every((s) => s.medianPer8h === null) ?? true).toBe(true);
    const out = engine.apply(market(), NOW + 1_000);
    expect(out.batch.full).toBe(true);
    expect(out.sectors?.sectors.find((s) => s.sector === 'HOT')?.signal).toBe('overheated');
    expect(out.batch.upserts.find((r) => r.base === 'H1')?.alignment?.tag).toBe('confirmed');
    // Once every asset is in, quotes within the minute are incremental again.
    expect(engine.apply(market().map((quote) => ({ ...quote, observedAt: NOW + 2_000 })), NOW + 2_000).batch.full).toBe(false);
  });

  it('seeded 4-h closes give the sector its price returns', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply(market(), NOW);
    engine.setSectorMap(MAP, NOW);
    // H1..H3 traded at 80 a day ago (live mark now is 100): +25 % over 24 h.
    const bases = ['H1', 'H2', 'H3'];
    const times = new Float64Array(bases.flatMap(() => [NOW - 28 * 3_600_000, NOW - 24 * 3_600_000]));
    const closes = new Float64Array(bases.flatMap(() => [79, 80]));
    const offsets = Int32Array.from([0, 2, 4, 6]);
    const out = engine.seedPrices(bases, offsets, times, closes, NOW);
    expect(out.sectors?.sectors.find((s) => s.sector === 'HOT')?.return24h).toBeCloseTo(0.25, 12);
  });
});
