import type { Opportunity, VenuePair } from '../../../shared/domain/signals.ts';

/** One line of the grid: an asset row, or one of the other venue pairs of an expanded asset under it. */
export type GridLine = { kind: 'asset'; row: Opportunity } | { kind: 'pair'; row: Opportunity; pair: VenuePair; nth: number };

/** The grid's lines in order and the line of each asset row (for the cursor to scroll to). */
export function gridLines(rows: readonly Opportunity[], expanded: ReadonlySet<string>): { lines: GridLine[]; lineOf(index: number): number } {
  const lines: GridLine[] = [];
  const starts = expanded.size === 0 ? null : new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (starts) starts[i] = lines.length;
    lines.push({ kind: 'asset', row });
    if (!expanded.has(row.base)) continue;
    (row.otherPairs ?? []).forEach((pair, p) => lines.push({ kind: 'pair', row, pair, nth: p + 2 }));
  }
  return { lines, lineOf: (index) => (starts ? starts[index] : index) };
}
