import { describe, expect, it } from 'vitest';
import { feeSchedule, feeSourceText, tiersOf } from '../../../shared/domain/fees.ts';
import { VENUE_IDS, VENUES } from '../../../shared/domain/venues.ts';

describe('the fees in force and their sources', () => {
  const readAt = Date.UTC(2026, 0, 5, 21, 30);
  const schedule = feeSchedule(
    [{ venue: 'binanceusdm', taker: 0.0004 }, { venue: 'bybit', taker: 0.0001, maker: 0 }],
    new Map([['bybit', { taker: 0.0003, maker: 0.00005, readAt }]]),
  );
  const of = (venue: string) => schedule.find((f) => f.venue === venue)!;

  it('the account\'s tier outranks what is typed; a taker typed alone is kept, its maker the default', () => {
    expect(of('bybit').taker).toEqual({ rate: 0.0003, source: 'account', readAt });
    expect(of('binanceusdm').taker).toEqual({ rate: 0.0004, source: 'settings', readAt: null });
    expect(of('binanceusdm').maker).toEqual({ rate: VENUES.binanceusdm.makerFee, source: 'default', readAt: null });
    expect(of('okx').taker).toEqual({ rate: VENUES.okx.takerFee, source: 'default', readAt: null });
    expect(schedule.map((f) => f.venue)).toEqual([...VENUE_IDS]);
    expect(tiersOf(schedule).find((t) => t.venue === 'binanceusdm')).toEqual({ venue: 'binanceusdm', taker: 0.0004, maker: VENUES.binanceusdm.makerFee });
  });

  it('says each source in the trader\'s words', () => {
    expect(feeSourceText(of('bybit').taker)).toBe('account (read 21:30 UTC)');
    expect(feeSourceText(of('binanceusdm').taker)).toBe('Settings');
    expect(feeSourceText(of('binanceusdm').maker)).toBe('venue default');
  });
});
