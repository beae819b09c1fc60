import type { AccrualRow } from '../domain/fundingAccrual.ts';

/**
 * Per asset and timeline bucket, the mean over its venue symbols of their funding per 8 h
 * (docs/domain.md, "Accumulated funding"); null where none of them settled in the bucket.
 */
export function assetTimelines(rows: readonly AccrualRow[]): Map<string, Array<number | null>> {
  const sums = new Map<string, { total: number[]; count: number[] }>();
  for (const row of rows) {
    let acc = sums.get(row.base);
    if (!acc) sums.set(row.base, (acc = { total: row.per8h.map(() => 0), count: row.per8h.map(() => 0) }));
    row.per8h.forEach((value, k) => {
      if (value === null) return;
      acc.total[k] += value;
      acc.count[k] += 1;
    });
  }
  return new Map([...sums].map(([base, { total, count }]) => [base, total.map((t, k) => (count[k] === 0 ? null : t / count[k]))]));
}

/** What a venue pair collected: the short leg's funding less the long leg's, per window and per bucket. */
export interface PairAccrual {
  /** Per window (1, 7, 30 d), decimal of one leg's notional. */
  sums: [number, number, number];
  /** Per window, the fewer of the two legs' settlements against those a full window holds. */
  coverage: Array<{ counted: number; expected: number }>;
  /** Per bucket, short minus long per 8 h; null where either leg settled nothing. */
  per8h: Array<number | null>;
}

export function pairAccrual(long: AccrualRow, short: AccrualRow): PairAccrual {
  const window = (k: 0 | 1 | 2) => short.sums[k] - long.sums[k];
  const coverage = (k: 0 | 1 | 2) => {
    const legs = [long, short].map((leg) => ({ counted: leg.settlements[k], expected: leg.expected[k] }));
    // The leg with the larger share missing says how partial the pair's figure is.
    return legs.reduce((worst, leg) => (leg.counted * worst.expected < worst.counted * leg.expected ? leg : worst));
  };
  return {
    sums: [window(0), window(1), window(2)],
    coverage: [coverage(0), coverage(1), coverage(2)],
    per8h: short.per8h.map((s, k) => (s === null || long.per8h[k] === null ? null : s - long.per8h[k]!)),
  };
}
