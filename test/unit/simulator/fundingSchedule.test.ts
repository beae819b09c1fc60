import { describe, expect, it } from 'vitest';
import { FundingSchedule, type PeriodRate } from '../../../electron/simulator/fundingSchedule.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1, 0, 30);

function schedule(rate: PeriodRate, opts: { hours?: number; cap?: number; switchesOnCap?: boolean } = {}) {
  const cap = opts.cap ?? 0.003;
  return new FundingSchedule({
    rules: { baseIntervalHours: opts.hours ?? 8, cap, floor: -cap, switchesOnCap: opts.switchesOnCap ?? true },
    historyStart: T0,
    rate,
    markAt: (time) => 100 + time / HOUR / 1e6,
  });
}

describe('FundingSchedule', () => {
  it('settles on UTC boundaries of its interval (4 h: 04:00, 08:00, …)', () => {
    const s = schedule(() => 0.0001, { hours: 4 });
    s.advance(T0 + 13 * HOUR);
    expect(s.history().map((h) => new Date(h.time).toISOString().slice(11, 16))).toEqual(['04:00', '08:00', '12:00']);
  });

  it('clamps each rate to the cap and floor and rounds it to 8 decimals', () => {
    const rates = [0.01, -0.02, 0.000123456789];
    let i = 0;
    const s = schedule(() => rates[i++], { switchesOnCap: false });
    s.advance(T0 + 24 * HOUR);
    expect(s.history().map((h) => h.rate)).toEqual([0.003, -0.003, 0.00012346]);
  });

  it('a settlement at the cap moves the symbol to 1 h; a day off the cap moves it back on its own boundaries', () => {
    let capped = true;
    const s = schedule(() => (capped ? 0.01 : 0.0001));
    s.advance(T0 + 8 * HOUR);
    expect(s.intervalHours).toBe(1);
    expect(s.nextFundingTime).toBe(Date.UTC(2026, 0, 1, 9));
    capped = false;
    s.advance(Date.UTC(2026, 0, 2, 8, 30));
    expect(s.intervalHours).toBe(8);
    expect(s.nextFundingTime).toBe(Date.UTC(2026, 0, 2, 16));
    const hours = s.history().map((h) => h.intervalHours);
    expect(hours[0]).toBe(8);
    expect(hours.filter((h) => h === 1).length).toBe(24);
  });

  it('venues without cap switching keep their interval at the cap', () => {
    const s = schedule(() => 0.01, { switchesOnCap: false });
    s.advance(T0 + 48 * HOUR);
    expect(new Set(s.history().map((h) => h.intervalHours))).toEqual(new Set([8]));
  });

  it('a held rate settles as held; releasing it returns to the formula', () => {
    const s = schedule(() => 0.0002);
    s.setRate(-0.0007);
    s.advance(T0 + 8 * HOUR);
    s.setRate(null);
    s.advance(T0 + 16 * HOUR);
    expect(s.history().map((h) => h.rate)).toEqual([-0.0007, 0.0002]);
  });

  it('history: the newest `limit` without since, the oldest `limit` from since', () => {
    const s = schedule(() => 0.0001, { hours: 1 });
    s.advance(T0 + 10 * HOUR);
    const all = s.history();
    expect(all).toHaveLength(10);
    expect(s.history({ limit: 3 })).toEqual(all.slice(-3));
    expect(s.history({ since: all[2].time, limit: 3 })).toEqual(all.slice(2, 5));
    expect(s.history({ since: all[2].time, until: all[4].time })).toEqual(all.slice(2, 5));
  });
});
