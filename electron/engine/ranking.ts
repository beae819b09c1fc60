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
 * edge per day (funding under the pair's decay less costs both ways, docs/domain.md §1), then
 * the instantaneous net carry, then gross spread; sector alignment only breaks ties that money
 * leaves, so a thin "confirmed" spread never outranks a wide neutral one (alignment is a tag,
 * a filter and a checklist item, docs/domain.md §2.5). Then base name, so every order is total
 * and a row's rank depends only on the rows, not on how they were computed.
 */
export function compareRows(a: Opportunity, b: Opportunity): number {
  if (a.triggered !== b.triggered) return a.triggered ? -1 : 1;
  return descNullsLast(a.expectedNetPerDay ?? null, b.expectedNetPerDay ?? null) || descNullsLast(a.netCarryPerDay, b.netCarryPerDay)
    || descNullsLast(a.spreadPer8h, b.spreadPer8h)
    || alignmentTier(a) - alignmentTier(b) || (a.base < b.base ? -1 : a.base > b.base ? 1 : 0);
}

/** Whether `a` and `b` compare on exactly the same key (`compareRows` reads nothing else): one can take the other's place in the order. */
export function sameRankKey(a: Opportunity, b: Opportunity): boolean {
  return a.base === b.base && a.triggered === b.triggered && (a.expectedNetPerDay ?? null) === (b.expectedNetPerDay ?? null) && a.netCarryPerDay === b.netCarryPerDay
    && a.spreadPer8h === b.spreadPer8h && alignmentTier(a) === alignmentTier(b);
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
