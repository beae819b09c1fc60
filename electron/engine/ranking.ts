import type { Opportunity } from '../../shared/domain/signals.ts';

function descNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/** Confirmed before neutral before contradicted; rows without sector data count as neutral. */
function alignmentTier(row: Opportunity): number {
  const tag = row.alignment?.tag ?? 'neutral';
  return tag === 'confirmed' ? 0 : tag === 'neutral' ? 1 : 2;
}

/**
 * The monitor's order: triggered rows first (a trader acts on those), then by expected net
 * carry per day after fees, then gross spread; sector alignment only breaks ties that money
 * leaves, so a thin "confirmed" spread never outranks a wide neutral one (alignment is a tag,
 * a filter and a checklist item, docs/domain.md §2.5). Then base name, so every order is total
 * and a row's rank depends only on the rows, not on how they were computed.
 */
export function compareRows(a: Opportunity, b: Opportunity): number {
  if (a.triggered !== b.triggered) return a.triggered ? -1 : 1;
  return descNullsLast(a.netCarryPerDay, b.netCarryPerDay) || descNullsLast(a.spreadPer8h, b.spreadPer8h)
    || alignmentTier(a) - alignmentTier(b) || (a.base < b.base ? -1 : a.base > b.base ? 1 : 0);
}

/**
 * The new order after the `changed` rows were recomputed and the `gone` ones dropped: the
 * untouched rows keep their (sorted) order, the changed ones are sorted and merged in, so an
 * update of k rows out of n costs O(n + k log k) instead of a full sort.
 */
export function mergeOrder(order: readonly string[], rows: ReadonlyMap<string, Opportunity>, changed: ReadonlySet<string>, gone: ReadonlySet<string>): string[] {
  const kept = order.filter((base) => !changed.has(base) && !gone.has(base));
  const moved = [...changed].filter((base) => rows.has(base)).sort((x, y) => compareRows(rows.get(x)!, rows.get(y)!));
  const merged: string[] = new Array(kept.length + moved.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k++) {
    const takeKept = j >= moved.length || (i < kept.length && compareRows(rows.get(kept[i])!, rows.get(moved[j])!) <= 0);
    merged[k] = takeKept ? kept[i++] : moved[j++];
  }
  return merged;
}

/**
 * Sorts rows that were sorted before this update and moved a little: insertion sort costs
 * O(n + inversions) there. Past a budget of moves the input was not nearly sorted after all
 * and the built-in O(n log n) sort finishes the job.
 */
export function sortNearlySorted(rows: Opportunity[]): Opportunity[] {
  let budget = rows.length * 8;
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    let j = i - 1;
    while (j >= 0 && compareRows(rows[j], row) > 0) {
      rows[j + 1] = rows[j];
      j--;
      if (--budget === 0) {
        rows[j + 1] = row;
        return rows.sort(compareRows);
      }
    }
    rows[j + 1] = row;
  }
  return rows;
}
