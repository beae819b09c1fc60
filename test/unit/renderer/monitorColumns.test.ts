import { describe, expect, it } from 'vitest';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import { fitColumns, monitorColumns } from '../../../renderer/features/monitor/columns.ts';

const columns = monitorColumns(VENUE_IDS);
const total = (cs: readonly { width: number }[]) => cs.reduce((sum, c) => sum + c.width, 0);
const ids = (cs: readonly { id: string }[]) => cs.map((c) => c.id);

describe('the monitor columns fit the window', () => {
  it('with room for every column at its preferred width, nothing is dropped and nothing shrinks', () => {
    const { shown, dropped } = fitColumns(columns, 3000, new Set());
    expect(dropped).toEqual([]);
    expect(shown.map((c) => c.width)).toEqual(columns.map((c) => c.width));
  });

  // Narrowest widths: rank 45, Asset 78, seven venues 7 × 113 = 791, Spread 70, APR 58, Long and
  // Short 92 each, Exp. net 72, Net now 64, n 48, Break-even 85, Next 80, Velocity 80, Regime 76,
  // Signal 92: 1,823 px.
  it('a 1600-px window (1567 px of grid) drops Long and Short, then Net now with Velocity (1,495 px left), and the rest fits', () => {
    const { shown, dropped } = fitColumns(columns, 1567, new Set());
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity']);
    expect(total(shown)).toBeLessThanOrEqual(1567);
    for (const c of shown) expect(c.width).toBeGreaterThanOrEqual(c.minWidth);
  });

  it('a 1280-px window (1247 px of grid) drops every droppable column and still needs 1,419 px: the grid scrolls', () => {
    const { shown, dropped } = fitColumns(columns, 1247, new Set());
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime']);
    expect(ids(shown)).toEqual(['rank', 'base', ...VENUE_IDS.map((v) => `venue-${v}`), 'spread', 'apr', 'edge', 'history', 'breakEven', 'next', 'signal']);
    expect(total(shown)).toBe(1419);
  });

  it('venues the trader hid give their room to the others: without Aster, Gate and Bitget the 1280 window fits and Regime stays', () => {
    const { shown, dropped } = fitColumns(columns, 1247, new Set(['venue-aster', 'venue-gate', 'venue-bitget']));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity']);
    expect(total(shown)).toBeLessThanOrEqual(1247);
  });
});
