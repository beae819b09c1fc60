import { describe, expect, it } from 'vitest';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import { fitColumns, monitorColumns } from '../../../renderer/features/monitor/columns.ts';
import { DEFAULT_HIDDEN_COLUMNS } from '../../../renderer/store/monitorViewStore.ts';

const columns = monitorColumns(VENUE_IDS);
const total = (cs: readonly { width: number }[]) => cs.reduce((sum, c) => sum + c.width, 0);
const ids = (cs: readonly { id: string }[]) => cs.map((c) => c.id);
const hiddenWith = (...ids: string[]) => new Set([...DEFAULT_HIDDEN_COLUMNS, ...ids]);
/** The venues whose columns start hidden (monitored only, and past what fits 1600 px). */
const STARTS_HIDDEN: readonly string[] = ['bingx', 'paradex', 'lighter'];
const shownAtStart = VENUE_IDS.filter((v) => !STARTS_HIDDEN.includes(v));

describe('the monitor columns fit the window', () => {
  it('with room for every column at its preferred width, nothing is dropped and nothing shrinks', () => {
    const { shown, dropped } = fitColumns(columns, 3000, new Set());
    expect(dropped).toEqual([]);
    expect(shown.map((c) => c.width)).toEqual(columns.map((c) => c.width));
  });

  // BingX's, Paradex's and Lighter's columns start hidden (more than eight venue columns do not fit 1600 px).
  it('at first start every venue column but BingX\'s, Paradex\'s and Lighter\'s is shown', () => {
    expect(fitColumns(columns, 3000, hiddenWith()).shown.filter((c) => c.venue).map((c) => c.venue)).toEqual(shownAtStart);
  });

  // Narrowest widths: rank 45, Asset 90, eight venues shown 8 × 113 = 904, Spread 70, APR 58, OI 60,
  // Vol 24h 60, Capacity 66, Basis 60, Basis z 56, Long and Short 92 each, Exp. net 72, Net now 64, n 48,
  // Break-even 85, Next 90, Velocity 80, Regime 76, Signal 92: 2,260 px.
  it('a 1600-px window (1567 px of grid), volume and basis z hidden as at first start, drops Long and Short, Net now with Velocity, Regime, Capacity, then OI with Basis (1,554 px left)', () => {
    const { shown, dropped } = fitColumns(columns, 1567, hiddenWith());
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'capacity', 'oi', 'basis']);
    expect(total(shown)).toBeLessThanOrEqual(1567);
    for (const c of shown) expect(c.width).toBeGreaterThanOrEqual(c.minWidth);
  });

  it('at 1600 with one venue hidden (KuCoin Futures) OI and Basis have room (1,561 px), Capacity not yet; a second venue hidden brings it', () => {
    expect(fitColumns(columns, 1567, hiddenWith('venue-kucoinfutures', 'venue-aster')).dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime']);
    const { shown, dropped } = fitColumns(columns, 1567, hiddenWith('venue-kucoinfutures'));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'capacity']);
    expect(ids(shown)).toEqual(expect.arrayContaining(['oi', 'basis']));
    expect(total(shown)).toBeLessThanOrEqual(1567);
  });

  it('a 1280-px window (1247 px of grid) drops every droppable column and still needs 1,554 px: the grid scrolls', () => {
    const { shown, dropped } = fitColumns(columns, 1247, hiddenWith());
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'capacity', 'oi', 'basis']);
    expect(ids(shown)).toEqual(['rank', 'base', ...shownAtStart.map((v) => `venue-${v}`), 'spread', 'apr', 'edge', 'history', 'breakEven', 'next', 'signal']);
    expect(total(shown)).toBe(1554);
  });

  it('venues the trader hid give their room to the others: without Aster, Gate, Bitget and KuCoin the 1280 window fits with OI and basis', () => {
    const { shown, dropped } = fitColumns(columns, 1247, hiddenWith('venue-aster', 'venue-gate', 'venue-bitget', 'venue-kucoinfutures'));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'capacity']);
    expect(total(shown)).toBeLessThanOrEqual(1247);
  });

  it('volume turned on at 1600 (KuCoin hidden) goes with Capacity ahead of OI and basis; two more venues hidden make room for both', () => {
    expect(fitColumns(columns, 1567, new Set(['basisZ', 'paid', 'venue-kucoinfutures', 'venue-bingx', 'venue-paradex', 'venue-lighter', 'venue-aster'])).dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'volume', 'capacity']);
    const { shown, dropped } = fitColumns(columns, 1567, new Set(['basisZ', 'paid', 'venue-kucoinfutures', 'venue-bingx', 'venue-paradex', 'venue-lighter', 'venue-aster', 'venue-gate']));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity']);
    expect(ids(shown)).toEqual(expect.arrayContaining(['oi', 'volume', 'capacity', 'basis']));
  });

  it('Paid 7d starts hidden; turned on at 1600 with KuCoin hidden it gives way before OI and basis do, with volume and basis z', () => {
    expect(DEFAULT_HIDDEN_COLUMNS).toContain('paid');
    // With Capacity shown too, Paid 7d goes first and Capacity after it.
    expect(fitColumns(columns, 1567, new Set(['volume', 'basisZ', 'venue-kucoinfutures', 'venue-bingx', 'venue-paradex', 'venue-lighter'])).dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'paid', 'capacity']);
    const { shown, dropped } = fitColumns(columns, 1567, new Set(['volume', 'basisZ', 'capacity', 'venue-kucoinfutures', 'venue-bingx', 'venue-paradex', 'venue-lighter']));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'paid']);
    expect(ids(shown)).toEqual(expect.arrayContaining(['oi', 'basis']));
    const roomier = fitColumns(columns, 1567, new Set(['volume', 'basisZ', 'capacity', 'venue-kucoinfutures', 'venue-bingx', 'venue-paradex', 'venue-lighter', 'venue-aster']));
    expect(ids(roomier.shown)).toEqual(expect.arrayContaining(['paid', 'oi', 'basis']));
  });
});
