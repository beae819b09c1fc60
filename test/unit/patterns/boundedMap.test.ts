import { describe, expect, it } from 'vitest';
import { setBounded } from '../../../electron/backend/patterns/boundedMap.ts';

describe('setBounded', () => {
  it('holds at most the bound, dropping the oldest-inserted entries first', () => {
    const map = new Map<string, number>();
    for (let version = 0; version < 100; version++) setBounded(map, `v${version}`, version, 16);
    expect(map.size).toBe(16);
    expect([...map.keys()]).toEqual(Array.from({ length: 16 }, (_, i) => `v${84 + i}`));
  });

  it('updating a key already held adds no entry and evicts nothing', () => {
    const map = new Map([['a', 1], ['b', 2]]);
    setBounded(map, 'a', 3, 2);
    expect([...map]).toEqual([['a', 3], ['b', 2]]);
  });

  it('a map filled beyond the bound before is cut back to it on the next set', () => {
    const map = new Map(Array.from({ length: 10 }, (_, i) => [i, i] as [number, number]));
    setBounded(map, 10, 10, 3);
    expect([...map.keys()]).toEqual([8, 9, 10]);
  });
});
