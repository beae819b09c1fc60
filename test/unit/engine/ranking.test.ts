import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { compareRows, sortNearlySorted } from '../../../electron/engine/ranking.ts';
import { RankedOrder } from '../../../electron/engine/rankedOrder.ts';
import { makeQuoteSet, seededRandom } from '../../fixtures/engine/quoteSet.ts';
import { DEFAULT_HALF_SPREAD } from '../../../shared/risk/roundTrip.ts';
import { NOW, q } from './quotes.ts';

const rows = new SignalEngine(DEFAULT_SETTINGS).apply(makeQuoteSet(300, NOW, 4), NOW).batch.upserts;
const sorted = [...rows].sort(compareRows);
const bases = (list: Opportunity[]) => list.map((r) => r.base);

describe('ranking order', () => {
  it('sorting a nearly sorted list (neighbours swapped) gives the same order as a full sort', () => {
    const nearly = [...sorted];
    for (let i = 0; i + 1 < nearly.length; i += 7) [nearly[i], nearly[i + 1]] = [nearly[i + 1], nearly[i]];
    expect(bases(sortNearlySorted(nearly))).toEqual(bases(sorted));
  });

  it('a scrambled list exhausts the insertion budget and still comes out fully sorted', () => {
    const random = seededRandom(3);
    const scrambled = [...sorted].sort(() => random() - 0.5);
    expect(bases(sortNearlySorted(scrambled))).toEqual(bases(sorted));
  });

  it('moving changed rows, dropping gone ones and adding new ones in place equals sorting everything, ranks included', () => {
    const order = new RankedOrder();
    order.resort([...rows]);
    order.commit(new Set(bases(rows)), true);
    const byBase = new Map(order.all().map((r) => [r.base, r]));
    const changed = new Set<string>();
    for (const [i, row] of [...order.all()].entries()) {
      if (i % 13 === 5) {
        order.remove(row);
        byBase.delete(row.base);
      } else if (i % 11 === 0) {
        const next = { ...row, expectedNetPerDay: -row.expectedNetPerDay!, rank: 0 };
        order.replace(row, next);
        byBase.set(row.base, next);
        changed.add(row.base);
      }
    }
    const added = { ...sorted[0], base: 'ZNEW', rank: 0 };
    order.insert(added);
    byBase.set(added.base, added);
    changed.add(added.base);
    const upserts = order.commit(changed, false);
    for (const row of upserts) byBase.set(row.base, row);
    const expected = [...byBase.values()].sort(compareRows);
    expect(bases([...order.all()])).toEqual(bases(expected));
    expect(order.all().map((r) => r.rank)).toEqual(expected.map((_, i) => i + 1));
    expect(upserts.map((r) => r.rank)).toEqual([...upserts.map((r) => r.rank)].sort((a, b) => a - b));
    for (const base of changed) expect(upserts.some((r) => r.base === base)).toBe(true);
  });

  it('one row moving a few places re-ranks only the rows between its old and new place', () => {
    const order = new RankedOrder();
    order.resort([...rows]);
    order.commit(new Set(bases(rows)), true);
    const at = 100;
    const row = order.all()[at];
    const above = order.all()[at - 3];
    const next = { ...row, triggered: above.triggered, expectedNetPerDay: above.expectedNetPerDay! + 1e-12, netCarryPerDay: above.netCarryPerDay, spreadPer8h: above.spreadPer8h, alignment: above.alignment, rank: 0 };
    order.replace(row, next);
    const upserts = order.commit(new Set([row.base]), false);
    expect(upserts.map((r) => r.base)).toEqual([row.base, ...bases(sorted.slice(at - 3, at))]);
    expect(upserts.map((r) => r.rank)).toEqual([at - 2, at - 1, at, at + 1]);
  });
});

describe('ranking with the bid–ask spread (docs/domain.md §4 "Costs both ways")', () => {
  // Two assets with the same funding on the same venues and the same marks: one quoted with a
  // 1-bp touch on both venues, one with a 20-bp touch (a thin alt's), one whose venues state none.
  const funding = (base: string, touch: { bid: number; ask: number } | { bid: null; ask: null }) => [
    q('binanceusdm', base, 0.0001, 8, touch),
    q('bybit', base, 0.0009, 8, touch),
  ];
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  const ranked = engine.apply([
    ...funding('WIDE', { bid: 99.9, ask: 100.1 }),
    ...funding('TIGHT', { bid: 99.995, ask: 100.005 }),
    ...funding('UNSEEN', { bid: null, ask: null }),
  ], NOW).batch.upserts;
  const row = (base: string) => ranked.find((r) => r.base === base)!;

  it('a wide-spread asset ranks below a tight one with the same funding, by the crossing it pays both ways', () => {
    expect([row('TIGHT').spreadPer8h, row('TIGHT').carry!.expectedFunding]).toEqual([row('WIDE').spreadPer8h, row('WIDE').carry!.expectedFunding]);
    expect(row('TIGHT').rank).toBeLessThan(row('WIDE').rank);
    // Half of 1 bp and of 20 bp, on both legs, in and out.
    expect(row('TIGHT').carry!.crossing).toBeCloseTo(4 * 0.00005, 12);
    expect(row('WIDE').carry!.crossing).toBeCloseTo(4 * 0.001, 12);
    const days = DEFAULT_SETTINGS.holdingDays;
    expect(row('TIGHT').expectedNetPerDay! - row('WIDE').expectedNetPerDay!).toBeCloseTo((4 * 0.001 - 4 * 0.00005) / days, 12);
  });

  it('a pair whose venues state no bid or ask takes the default half-spread, is flagged, and ranks between', () => {
    expect(row('UNSEEN').carry!.defaultSpreadLegs).toEqual(['long', 'short']);
    expect(row('TIGHT').carry!.defaultSpreadLegs).toEqual([]);
    expect(row('UNSEEN').carry!.crossing).toBeCloseTo(4 * DEFAULT_HALF_SPREAD, 12);
    expect([row('TIGHT').rank < row('UNSEEN').rank, row('UNSEEN').rank < row('WIDE').rank]).toEqual([true, true]);
  });
});
