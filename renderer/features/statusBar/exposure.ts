import type { HoldingMismatch, Pair, PairStatus } from '../../../shared/domain/orders.ts';

/** Statuses in which a pair still holds (or is about to hold) a position on some venue. */
const LIVE: ReadonlySet<PairStatus> = new Set(['opening', 'open', 'unhedged', 'closing']);

export interface ExposureSummary {
  /** Pairs with a leg open and no matching hedge: the trader must act on these. */
  unhedged: readonly Pair[];
  /** Every pair still holding a position, the unhedged ones included. */
  live: number;
}

export function exposureSummary(pairs: readonly Pair[]): ExposureSummary {
  return {
    unhedged: pairs.filter((p) => p.status === 'unhedged'),
    live: pairs.filter((p) => LIVE.has(p.status)).length,
  };
}

/** "BTC, ETH": the bases of the unhedged pairs, each once, in the order given. */
export function unhedgedBases(unhedged: readonly Pair[]): string {
  const bases = unhedged.map((p) => p.legs[0]?.symbol.split('/')[0] ?? p.pairId);
  return [...new Set(bases)].join(', ');
}

/** Every venue/symbol found holding other than approved, each once (pairs on one symbol share it). */
export function mismatchesOf(pairs: readonly Pair[]): HoldingMismatch[] {
  const byLeg = new Map<string, HoldingMismatch>();
  for (const pair of pairs) for (const m of pair.mismatches) byLeg.set(`${m.venue} ${m.symbol}`, m);
  return [...byLeg.values()];
}
