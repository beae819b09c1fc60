import { describe, expect, it } from 'vitest';
import { DemoClockPatchSchema, demoTimeAt } from '../../../shared/domain/demoClock.ts';

describe("Demo's clock as the screen shows it", () => {
  const read = { now: Date.UTC(2026, 2, 4, 7, 59, 0), speed: 10, paused: false };

  it('runs at its speed from the moment it was read, and stands still while paused', () => {
    expect(demoTimeAt(read, 1_000, 1_000)).toBe(read.now);
    expect(demoTimeAt(read, 1_000, 7_000)).toBe(read.now + 60_000);
    expect(demoTimeAt({ ...read, paused: true }, 1_000, 7_000)).toBe(read.now);
  });

  it('takes the offered speeds or a pause, and says which speeds there are otherwise', () => {
    expect(DemoClockPatchSchema.parse({ speed: 5 })).toEqual({ speed: 5 });
    expect(DemoClockPatchSchema.parse({ paused: true })).toEqual({ paused: true });
    const wrong = DemoClockPatchSchema.safeParse({ speed: 3 });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues[0].message).toBe('the demo clock runs at 1, 2, 5, 10 times real time');
    expect(DemoClockPatchSchema.safeParse({}).error!.issues[0].message).toBe('say a speed or whether the clock is paused');
  });
});
