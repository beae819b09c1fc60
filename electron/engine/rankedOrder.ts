import type { Opportunity } from '../../shared/domain/signals.ts';
import { compareRows, sortNearlySorted } from './ranking.ts';

/**
 * The monitor's order kept between updates (the order itself is `compareRows`, see the engine
 * README's *Ranking*). A recomputed row leaves its place and is inserted at its new one by binary
 * search; only the positions those moves wrote are re-ranked, so an update of k rows out of n
 * costs O(k log n) comparisons plus the rows whose rank really moved (array shifts are memmoves).
 */
export class RankedOrder {
  /** Rows in rank order; ranks are set on `commit`. */
  private rows: Opportunity[] = [];
  /** [from, to] pairs of positions written since the last commit. */
  private spans: number[] = [];
  /** A removal or insertion alone shifts everything after it: positions from here on are re-ranked. */
  private tailFrom = Number.POSITIVE_INFINITY;
  /** Comparisons and rows visited; the ranking's share of the engine's work counter. */
  work = 0;
  /** Rows whose rank a commit set to a new value (a new row included; every row on a full commit): the rows re-ranked. */
  reranked = 0;

  get size(): number {
    return this.rows.length;
  }

  all(): readonly Opportunity[] {
    return this.rows;
  }

  /**
   * `previous` becomes `next`, which has the same ranking key (`sameRankKey`): it takes the
   * place and the rank of `previous`, nothing moves. Only before any other change of this
   * update, while every row's rank is still its position (as `commit` leaves them); false when
   * `previous` is not where its rank says (then the caller moves it instead).
   */
  keep(previous: Opportunity, next: Opportunity): boolean {
    const at = previous.rank - 1;
    if (this.rows[at] !== previous) return false;
    this.work++;
    this.rows[at] = next;
    next.rank = previous.rank;
    this.spans.push(at, at);
    return true;
  }

  /**
   * Many rows changed: each replaced row is overwritten in its place (its rank is still its
   * position, as for `keep`), removed rows leave, new ones are appended, and one nearly-sorted
   * pass orders them; every position counts as written.
   */
  rebuild(previous: readonly Opportunity[], next: readonly Opportunity[], removed: readonly Opportunity[], added: readonly Opportunity[]): void {
    for (let i = 0; i < previous.length; i++) this.rows[this.placeOf(previous[i])] = next[i];
    if (removed.length > 0) {
      const gone = new Set<Opportunity>();
      for (const row of removed) gone.add(this.rows[this.placeOf(row)]);
      this.rows = this.rows.filter((row) => !gone.has(row));
    }
    for (const row of added) this.rows.push(row);
    this.resort(this.rows);
  }

  /** Where `row` is: its rank's position while no row has moved in this update, else found by a scan. */
  private placeOf(row: Opportunity): number {
    this.work++;
    const at = row.rank - 1;
    if (this.rows[at] === row) return at;
    this.work += this.rows.length;
    const found = this.rows.indexOf(row);
    if (found < 0) throw new Error(`ranked order: ${row.base} is not in the order`);
    return found;
  }

  /** `previous` (as it is ranked now) becomes `next`, which may rank elsewhere. */
  replace(previous: Opportunity, next: Opportunity): void {
    const from = this.take(previous);
    const to = this.put(next);
    this.spans.push(Math.min(from, to), Math.max(from, to));
  }

  remove(previous: Opportunity): void {
    this.tailFrom = Math.min(this.tailFrom, this.take(previous));
  }

  insert(next: Opportunity): void {
    this.tailFrom = Math.min(this.tailFrom, this.put(next));
  }

  /** Rebuilds the order from `rows`, best given in the previous order (then it is nearly sorted). */
  resort(rows: Opportunity[]): void {
    this.work += rows.length;
    this.rows = sortNearlySorted(rows);
    this.spans.length = 0;
    this.tailFrom = 0;
  }

  /**
   * Sets ranks on every position written since the last commit (all of them when `full`) and
   * returns, in rank order, the `fresh` rows (new objects, ranked in place) and copies of the
   * rows whose rank moved; the copies replace the originals here, so the caller's map must too.
   * Counts as re-ranked the rows whose rank was set to a new value (every row when `full`).
   */
  commit(fresh: ReadonlySet<string>, full: boolean): Opportunity[] {
    const upserts: Opportunity[] = [];
    const visit = (i: number) => {
      this.work++;
      let row = this.rows[i];
      const rank = i + 1;
      if (full || row.rank !== rank) this.reranked++;
      if (fresh.has(row.base)) row.rank = rank;
      else if (row.rank !== rank) this.rows[i] = row = { ...row, rank };
      else if (!full) return;
      upserts.push(row);
    };
    if (full) for (let i = 0; i < this.rows.length; i++) visit(i);
    else for (const [from, to] of this.writtenRanges()) for (let i = from; i <= to; i++) visit(i);
    this.spans.length = 0;
    this.tailFrom = Number.POSITIVE_INFINITY;
    return upserts;
  }

  /**
   * A position outside every span was never written, so it holds the row it held before: the
   * union of the spans (merged, ascending) is all that can have moved.
   */
  private writtenRanges(): Array<[number, number]> {
    const end = this.rows.length - 1;
    const ranges: Array<[number, number]> = [];
    for (let k = 0; k < this.spans.length; k += 2) ranges.push([this.spans[k], Math.min(this.spans[k + 1], end)]);
    if (this.tailFrom <= end) ranges.push([this.tailFrom, end]);
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
      else merged.push(range);
    }
    this.work += ranges.length;
    return merged;
  }

  /** Removes `row` (found by binary search: the order is sorted by the rows it holds) and returns where it was. */
  private take(row: Opportunity): number {
    let at = this.firstNotBefore(row);
    if (this.rows[at] !== row) {
      // Only a comparison that is not a total order lands here; a scan keeps the state right.
      this.work += this.rows.length;
      at = this.rows.indexOf(row);
      if (at < 0) throw new Error(`ranked order: ${row.base} is not in the order`);
    }
    this.rows.splice(at, 1);
    return at;
  }

  /** Inserts `row` after every row that ranks before it and returns its position. */
  private put(row: Opportunity): number {
    const at = this.firstNotBefore(row);
    this.rows.splice(at, 0, row);
    return at;
  }

  private firstNotBefore(row: Opportunity): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      this.work++;
      if (compareRows(this.rows[mid], row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
