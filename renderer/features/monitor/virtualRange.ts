/** Rows of a fixed-height list that intersect the viewport, plus `overscan` on each side. */
export interface RowRange {
  /** First index rendered. */
  start: number;
  /** One past the last index rendered. */
  end: number;
}

export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan: number): RowRange {
  if (total === 0 || viewportHeight <= 0) return { start: 0, end: Math.min(total, overscan) };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + viewportHeight) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(total, last + overscan) };
}

/** The scrollTop that brings row `index` into view with the least movement (null: already visible). */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return null;
}

