/**
 * Sets `key` in `map`, then drops the oldest-inserted entries beyond `bound`: a cache keyed by
 * data version or parameter set holds at most `bound` entries however long the session runs
 * (docs/architecture.md, "Memory").
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, bound: number): void {
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= bound) break;
    map.delete(oldest);
  }
}
