import { describe, expect, it } from 'vitest';
import { formatAge, formatHours, formatPct, formatUsd, formatUsdCompact, formatUtcTime } from '../../../renderer/ui/format.ts';

describe('figures on screen', () => {
  it('a rate shows as a signed percent: 0.000125 → +0.0125%, −0.0003 → −0.0300%', () => {
    expect(formatPct(0.000125)).toBe('+0.0125%');
    expect(formatPct(-0.0003)).toBe('−0.0300%');
  });
  it('a value that rounds to zero carries no sign', () => {
    expect(formatPct(0.0000000001)).toBe('0.0000%');
    expect(formatPct(-0.0000000001, 1)).toBe('0.0%');
  });
  it('missing numbers show as a dash, never as 0', () => {
    expect(formatPct(null)).toBe('–');
    expect(formatHours(null)).toBe('–');
    expect(formatAge(null)).toBe('never');
  });
  it('OI and volume show in four characters with k / M / B, the USD in the header', () => {
    expect(formatUsdCompact(48_210_000)).toBe('48.2M');
    expect(formatUsdCompact(1_234_000_000)).toBe('1.23B');
    expect(formatUsdCompact(456_700)).toBe('457k');
    expect(formatUsdCompact(950)).toBe('950');
    expect(formatUsdCompact(null)).toBe('–');
  });

  it('dollar amounts show cents from one dollar up and four digits below it; zero is plain', () => {
    expect(formatUsd(79.2574)).toBe('79.26 USD');
    expect(formatUsd(-16.2368)).toBe('−16.24 USD');
    expect(formatUsd(-0.00001)).toBe('0.0000 USD');
    expect(formatUsd(13208.25)).toBe('13,208.25 USD');
    expect(formatUsd(0.01234)).toBe('0.0123 USD');
    expect(formatUsd(0)).toBe('0.00 USD');
  });
  it('ages read in seconds, minutes, hours', () => {
    expect(formatAge(4_200)).toBe('4 s');
    expect(formatAge(190_000)).toBe('3 m 10 s');
    expect(formatAge(7_500_000)).toBe('2 h 5 m');
  });
  it('long break-even times switch to days', () => {
    expect(formatHours(12.34)).toBe('12.3 h');
    expect(formatHours(72)).toBe('3.0 d');
  });
  it('settlement times are UTC, with the date when not today', () => {
    const now = Date.UTC(2026, 2, 10, 23, 0);
    expect(formatUtcTime(Date.UTC(2026, 2, 10, 23, 30), now)).toBe('23:30 UTC');
    expect(formatUtcTime(Date.UTC(2026, 2, 11, 0, 0), now)).toBe('03-11 00:00 UTC');
  });
});
