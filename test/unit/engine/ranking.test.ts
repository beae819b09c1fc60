import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { compareRows, mergeOrder, sortNearlySorted } from '../../../electron/engine/ranking.ts';
import { makeQuoteSet, seededRandom } from '../../fixtures/engine/quoteSet.ts';
import { NOW } from './quotes.ts';

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

  it('merging re-sorted changed rows into the kept order equals sorting everything', () => {
    const changed = new Set(bases(sorted.filter((_, i) => i % 11 === 0)));
    const gone = new Set(bases(sorted.filter((_, i) => i % 13 === 5)));
    const byBase = new Map(rows.map((r) => [r.base, r]));
    for (const base of changed) byBase.set(base, { ...byBase.get(base)!, netCarryPerDay: -byBase.get(base)!.netCarryPerDay! });
    for (const base of gone) byBase.delete(base);
    const expected = bases([...byBase.values()].sort(compareRows));
    expect(mergeOrder(bases(sorted), byBase, changed, gone)).toEqual(expected);
  });
});
