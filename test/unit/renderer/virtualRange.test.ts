import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleRange } from '../../../renderer/features/monitor/virtualRange.ts';

describe('virtualised rows: only the rows in view (plus overscan) are rendered', () => {
  it('at the top, 3,000 rows in a 520 px viewport of 26 px rows render 20 + overscan', () => {
    expect(visibleRange(0, 520, 26, 3000, 5)).toEqual({ start: 0, end: 25 });
  });

  it('the rendered count does not grow with the list length', () => {
    const a = visibleRange(26 * 1000, 520, 26, 3000, 5);
    const b = visibleRange(26 * 1000, 520, 26, 300_000, 5);
    expect(a.end - a.start).toBe(b.end - b.start);
    expect(a).toEqual({ start: 995, end: 1025 });
  });

  it('near the end the range is clipped to the list', () => {
    expect(visibleRange(26 * 2990, 520, 26, 3000, 5)).toEqual({ start: 2985, end: 3000 });
  });

  it('a partly visible row counts as visible', () => {
    expect(visibleRange(13, 26, 26, 100, 0)).toEqual({ start: 0, end: 2 });
  });

  it('an empty list renders nothing', () => {
    expect(visibleRange(0, 500, 26, 0, 5)).toEqual({ start: 0, end: 0 });
  });
});

describe('keeping the cursor row in view', () => {
  it('scrolls up to a row above the viewport and down to one below it, by the least amount', () => {
    expect(scrollToReveal(2, 260, 520, 26)).toBe(52);
    expect(scrollToReveal(40, 0, 520, 26)).toBe(41 * 26 - 520);
  });
  it('does not scroll when the row is already fully visible', () => {
    expect(scrollToReveal(5, 0, 520, 26)).toBeNull();
  });
});
