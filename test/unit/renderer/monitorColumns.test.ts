import { describe, expect, it } from 'vitest';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import { fitColumns, MIN_VENUE_COLUMNS, monitorColumns } from '../../../renderer/features/monitor/columns.ts';
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
  it('a 1600-px window (1567 px of grid), as at first start, drops Long and Short, Net now with Velocity, Regime, then the last two venue columns, so Capacity, OI and Basis stay (1,514 px at the narrowest)', () => {
    const { shown, dropped } = fitColumns(columns, 1567, hiddenWith());
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'venue-kucoinfutures', 'venue-aster']);
    expect(ids(shown)).toEqual(expect.arrayContaining(['capacity', 'oi', 'basis', 'history']));
    expect(shown.filter((c) => c.venue)).toHaveLength(6);
    expect(total(shown)).toBeLessThanOrEqual(1567);
    for (const c of shown) expect(c.width).toBeGreaterThanOrEqual(c.minWidth);
  });

  it('with all eleven venues on at 1600, monitoring-only venues give way first, then the last listed, down to six: the same columns as with eight', () => {
    const { shown, dropped } = fitColumns(columns, 1567, new Set(['volume', 'basisZ', 'paid']));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'venue-lighter', 'venue-paradex', 'venue-bingx', 'venue-kucoinfutures', 'venue-aster']);
    expect(ids(shown)).toEqual(ids(fitColumns(columns, 1567, hiddenWith()).shown));
  });

  it('a column the trader turned on never gives way: BingX chosen at 1600 shows, and the sixth venue (Hyperliquid) gives way instead', () => {
    const { shown, dropped } = fitColumns(columns, 1567, new Set(DEFAULT_HIDDEN_COLUMNS.filter((c) => c !== 'venue-bingx')), new Set(['venue-bingx']));
    expect(ids(shown)).toContain('venue-bingx');
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'venue-kucoinfutures', 'venue-aster', 'venue-hyperliquid']);
    expect(total(shown)).toBeLessThanOrEqual(1567);
    // Chosen beyond the room there is, the grid scrolls rather than drop the trader's choice.
    const all = new Set(columns.map((c) => c.id));
    expect(fitColumns(columns, 1567, new Set(), all).dropped).toEqual([]);
  });

  it('at 1600 with one venue hidden (KuCoin Futures) the seventh still gives way; Capacity, OI and Basis keep their room', () => {
    const { shown, dropped } = fitColumns(columns, 1567, hiddenWith('venue-kucoinfutures'));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'venue-aster']);
    expect(ids(shown)).toEqual(expect.arrayContaining(['capacity', 'oi', 'basis']));
  });

  // Narrowest widths at 1280 with four venues: rank 45, Asset 90, 4 × 113 = 452, Spread 70, APR 58, Capacity 66,
  // OI 60, Basis 60, Exp. net 72, Break-even 85, Next 90, Signal 92: 1,240 px.
  it('a 1280-px window (1247 px of grid) keeps four venues, then gives n up, so Capacity, OI and Basis stay and nothing scrolls', () => {
    const { shown, dropped } = fitColumns(columns, 1247, hiddenWith());
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'venue-kucoinfutures', 'venue-aster', 'venue-hyperliquid', 'venue-gate', 'history']);
    expect(ids(shown)).toEqual(['rank', 'base', ...shownAtStart.slice(0, MIN_VENUE_COLUMNS).map((v) => `venue-${v}`), 'spread', 'apr', 'oi', 'capacity', 'basis', 'edge', 'breakEven', 'next', 'signal']);
    expect(shown.filter((c) => c.venue)).toHaveLength(MIN_VENUE_COLUMNS);
    expect(total(shown)).toBeLessThanOrEqual(1247);
    for (const c of shown) expect(c.width).toBeGreaterThanOrEqual(c.minWidth);
  });

  it('narrower than the four venues and the key columns, Capacity and then OI with Basis give way before the grid scrolls', () => {
    expect(fitColumns(columns, 1180, hiddenWith()).dropped.slice(-2)).toEqual(['history', 'capacity']);
    expect(fitColumns(columns, 1100, hiddenWith()).dropped.slice(-4)).toEqual(['history', 'capacity', 'oi', 'basis']);
    const { shown } = fitColumns(columns, 1000, hiddenWith());
    expect(shown.filter((c) => c.venue)).toHaveLength(MIN_VENUE_COLUMNS);
    expect(total(shown)).toBeGreaterThan(1000);
  });

  it('venues the trader hid give their room to the others: without Aster, Gate, Bitget and KuCoin the 1280 window keeps the four left with n up', () => {
    const { shown, dropped } = fitColumns(columns, 1247, hiddenWith('venue-aster', 'venue-gate', 'venue-bitget', 'venue-kucoinfutures'));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'history']);
    expect(shown.filter((c) => c.venue).map((c) => c.venue)).toEqual(['binanceusdm', 'bybit', 'okx', 'hyperliquid']);
    expect(total(shown)).toBeLessThanOrEqual(1247);
  });

  it('volume turned on at 1600 (KuCoin hidden) takes a sixth venue\'s room, Capacity, OI and Basis staying; one more venue hidden makes room without it', () => {
    expect(fitColumns(columns, 1567, new Set(['basisZ', 'paid', 'venue-kucoinfutures', 'venue-bingx', 'venue-paradex', 'venue-lighter', 'venue-aster'])).dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'venue-hyperliquid']);
    const { shown, dropped } = fitColumns(columns, 1567, new Set(['basisZ', 'paid', 'venue-kucoinfutures', 'venue-bingx', 'venue-paradex', 'venue-lighter', 'venue-aster', 'venue-gate']));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity']);
    expect(ids(shown)).toEqual(expect.arrayContaining(['oi', 'volume', 'capacity', 'basis']));
  });

  it('Paid 7d starts hidden; ticked at 1600 it shows (the trader chose it) and a sixth venue gives way, Capacity, OI and Basis staying', () => {
    expect(DEFAULT_HIDDEN_COLUMNS).toContain('paid');
    const hidden = new Set(DEFAULT_HIDDEN_COLUMNS.filter((c) => c !== 'paid'));
    const { shown, dropped } = fitColumns(columns, 1567, hidden, new Set(['paid']));
    expect(dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'venue-kucoinfutures', 'venue-aster', 'venue-hyperliquid']);
    expect(ids(shown)).toEqual(expect.arrayContaining(['paid', 'capacity', 'oi', 'basis']));
    // Not chosen (a saved view from before the chooser recorded choices), it gives way with Basis z before any venue.
    expect(fitColumns(columns, 1567, hidden).dropped).toEqual(['long', 'short', 'carry', 'velocity', 'regime', 'paid', 'venue-kucoinfutures', 'venue-aster']);
  });
});
