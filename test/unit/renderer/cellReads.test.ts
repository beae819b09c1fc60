import { describe, expect, it } from 'vitest';
import { sameCell, sameData, sameRowView } from '../../../renderer/features/monitor/cellReads.ts';
import { monitorColumns, type Column } from '../../../renderer/features/monitor/columns.ts';
import { leg, row } from './opportunityFixture.ts';

const columns = monitorColumns(['binanceusdm', 'okx']);
const col = (id: string): Column => columns.find((c) => c.id === id)!;
const before = row('BTC', {
  legs: [leg('binanceusdm', 0.0001, { observedAt: 1 }), leg('okx', 0.0004, { observedAt: 1 })],
  longVenue: 'binanceusdm', shortVenue: 'okx', spreadPer8h: 0.0003, rank: 1,
});
const moved = (patch: Parameters<typeof row>[1]) => ({ ...before, ...patch });

describe('which monitor cells a changed row re-renders', () => {
  it('compares plain data by value and leaves out a quote\'s time', () => {
    expect(sameData({ a: [1, { b: 2, observedAt: 1 }] }, { a: [1, { b: 2, observedAt: 9 }] })).toBe(true);
    expect(sameData({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });

  it('a row whose quotes only had their time moved draws the same, cell by cell and as a whole', () => {
    const later = moved({ legs: before.legs.map((l) => ({ ...l, observedAt: 2 })) });
    for (const c of columns) expect(sameCell(c, before, later)).toBe(true);
    expect(sameRowView(columns, before, later)).toBe(true);
  });

  it('a moved rate re-renders its venue cell and the cells reading it, not the other venue\'s nor the rank', () => {
    const later = moved({ legs: [before.legs[0], { ...before.legs[1], ratePer8h: 0.0005 }], spreadPer8h: 0.0004 });
    expect(sameCell(col('venue-okx'), before, later)).toBe(false);
    expect(sameCell(col('spread'), before, later)).toBe(false);
    expect(sameCell(col('venue-binanceusdm'), before, later)).toBe(true);
    expect(sameCell(col('rank'), before, later)).toBe(true);
    expect(sameRowView(columns, before, later)).toBe(false);
  });

  it('a venue cell re-renders when the pair\'s long or short moves to or from it', () => {
    const later = moved({ longVenue: 'okx', shortVenue: 'binanceusdm' });
    expect(sameCell(col('venue-okx'), before, later)).toBe(false);
    expect(sameCell(col('venue-binanceusdm'), before, later)).toBe(false);
  });

  it('a column it knows nothing of re-renders whenever the row object is replaced', () => {
    const unknown = { ...col('rank'), id: 'new-column' };
    expect(sameCell(unknown, before, before)).toBe(true);
    expect(sameCell(unknown, before, moved({}))).toBe(false);
  });

  it('the row\'s own marks count: triggered, every leg stale', () => {
    expect(sameRowView(columns, before, moved({ triggered: true }))).toBe(false);
    expect(sameRowView(columns, before, moved({ legs: before.legs.map((l) => ({ ...l, stale: true })) }))).toBe(false);
  });
});
