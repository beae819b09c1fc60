import { describe, expect, it } from 'vitest';
import { formatCountdown, isWindowOpen, nextSettlementAfter } from '../../../shared/funding/settlements.ts';

const at = (iso: string) => Date.parse(iso);

/** Settlements in (from, until], each the next one after the last. */
function settlementsBetween(from: number, until: number, intervalHours: number): number[] {
  const out: number[] = [];
  for (let t = nextSettlementAfter(from, intervalHours); t <= until; t = nextSettlementAfter(t, intervalHours)) out.push(t);
  return out;
}

describe('next settlement, in UTC', () => {
  it('an 8-hour symbol at 23:59:59 UTC settles at the next midnight', () => {
    expect(nextSettlementAfter(at('2026-03-19T23:59:59Z'), 8)).toBe(at('2026-03-20T00:00:00Z'));
  });
  it('exactly on a boundary, the next settlement is the following one (the current one has passed)', () => {
    expect(nextSettlementAfter(at('2026-03-20T08:00:00Z'), 8)).toBe(at('2026-03-20T16:00:00Z'));
  });
  it('a 4-hour symbol at 01:30 settles at 04:00, a 1-hour one at 02:00', () => {
    expect(nextSettlementAfter(at('2026-03-20T01:30:00Z'), 4)).toBe(at('2026-03-20T04:00:00Z'));
    expect(nextSettlementAfter(at('2026-03-20T01:30:00Z'), 1)).toBe(at('2026-03-20T02:00:00Z'));
  });
  it('UTC has no daylight saving: the last Sunday of March keeps 8-hour boundaries', () => {
    expect(settlementsBetween(at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'), 8).map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-29T08:00:00.000Z',
      '2026-03-29T16:00:00.000Z',
      '2026-03-30T00:00:00.000Z',
    ]);
  });
  it('a day holds 24 hourly, 6 four-hourly and 3 eight-hourly settlements', () => {
    const from = at('2026-01-01T00:00:00Z');
    const until = at('2026-01-02T00:00:00Z');
    expect(settlementsBetween(from, until, 1)).toHaveLength(24);
    expect(settlementsBetween(from, until, 4)).toHaveLength(6);
    expect(settlementsBetween(from, until, 8)).toHaveLength(3);
  });
});

describe('countdowns and windows', () => {
  it('counts down in hh:mm:ss and never below zero', () => {
    expect(formatCountdown(3_723_000)).toBe('01:02:03');
    expect(formatCountdown(-5)).toBe('00:00:00');
    expect(formatCountdown(90_061_000)).toBe('1d 01:01:01');
  });
  it('the window opens N minutes before a settlement and closes at it', () => {
    const settle = at('2026-03-20T08:00:00Z');
    expect(isWindowOpen(settle, settle - 15 * 60_000, 15)).toBe(true);
    expect(isWindowOpen(settle, settle - 15 * 60_000 - 1, 15)).toBe(false);
    expect(isWindowOpen(settle, settle + 1, 15)).toBe(false);
  });
});
