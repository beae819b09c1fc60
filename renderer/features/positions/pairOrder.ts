import type { Pair, PairStatus } from '../../../shared/domain/orders.ts';

/** Pairs that still hold (or may hold) a position on a venue. */
const LIVE: ReadonlySet<PairStatus> = new Set(['opening', 'open', 'unhedged', 'closing']);

export function isLive(pair: Pair): boolean {
  return LIVE.has(pair.status);
}

/** Flat: no pair holds a leg with a size on any venue. */
export function isFlat(pairs: readonly Pair[]): boolean {
  return !pairs.some((p) => isLive(p) && p.legs.some((l) => l.size !== 0));
}

const RANK: Record<PairStatus, number> = { unhedged: 0, opening: 1, closing: 2, open: 3, failed: 4, closed: 5 };

/** UNHEDGED first (it must not be missed), then the other live pairs, newest first within a status. */
export function orderPairs(pairs: readonly Pair[]): { live: Pair[]; done: Pair[] } {
  const sorted = [...pairs].sort((a, b) => RANK[a.status] - RANK[b.status] || b.openedAt - a.openedAt);
  return { live: sorted.filter(isLive), done: sorted.filter((p) => !isLive(p)) };
}
