import { describe, expect, it } from 'vitest';
import { independentWindows } from '../../../electron/engine/study.ts';
import { wilsonInterval } from '../../../electron/engine/proportions.ts';

const H = 3_600_000;

describe('the study\'s interval stands on independent outcome windows', () => {
  it('events whose 24-h windows overlap count once; one at or after a window\'s end opens the next', () => {
    // 8-h grid: 0, 8, 16 h overlap the window opened at 0; 24 h opens a new one; 30 h falls inside it.
    expect(independentWindows([0, 8 * H, 16 * H, 24 * H, 30 * H], 24 * H)).toBe(2);
    expect(independentWindows([24 * H, 0, 48 * H], 24 * H)).toBe(3);
    expect(independentWindows([], 24 * H)).toBe(0);
  });

  it('two sectors\' events at the same grid time share the market return and count once', () => {
    expect(independentWindows([16 * H, 16 * H], 24 * H)).toBe(1);
  });

  it('Wilson on an effective n is wider than on the raw count, and equals it when every event is independent', () => {
    const raw = wilsonInterval(2, 20)!;
    const effective = wilsonInterval(2, 20, 5)!;
    expect(effective[0]).toBeLessThan(raw[0]);
    expect(effective[1]).toBeGreaterThan(raw[1]);
    expect(wilsonInterval(2, 20, 20)).toEqual(raw);
    // Hand-checked: 1 hit in 10 on 10 independent trials is Wilson's 1.79 %–40.4 %.
    const [lo, hi] = wilsonInterval(1, 10)!;
    expect(lo).toBeCloseTo(0.0179, 4);
    expect(hi).toBeCloseTo(0.4042, 4);
  });
});
