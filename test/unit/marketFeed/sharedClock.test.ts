import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSharedClock, readSharedRate, shareClock } from '../../../electron/backend/marketFeed/sharedClock.ts';
import { SimClock } from '../../../electron/simulator/clock.ts';

/**
 * The venues' clock as the market-data worker reads it from shared memory: the simulator's
 * clock followed through pauses, steps and speed. Real time is vitest's fake `Date`, so both
 * sides read the same instant.
 */
const START = Date.UTC(2026, 2, 4, 7, 59, 0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 11, 3));
});
afterEach(() => vi.useRealTimers());

describe('a shared simulator clock', () => {
  it('reads the paused time, and each step the moment it is taken', () => {
    const clock = new SimClock({ startTime: START, paused: true });
    const shared = shareClock(clock);
    const read = readSharedClock(shared.buffer);
    expect(read()).toBe(START);
    vi.advanceTimersByTime(5_000);
    expect(read()).toBe(START);
    clock.step(61_000);
    expect(read()).toBe(START + 61_000);
    clock.advanceTo(START + 3_600_000);
    expect(read()).toBe(clock.now());
    shared.stop();
  });

  it('runs at the clock\'s speed between its ticks', () => {
    const clock = new SimClock({ startTime: START, speed: 60 });
    const shared = shareClock(clock);
    const read = readSharedClock(shared.buffer);
    vi.advanceTimersByTime(1_000);
    expect(read()).toBe(START + 60_000);
    expect(read()).toBe(clock.now());
    clock.pause();
    vi.advanceTimersByTime(1_000);
    expect(read()).toBe(START + 60_000);
    shared.stop();
  });

  it('stops following once stopped', () => {
    const clock = new SimClock({ startTime: START, paused: true });
    const shared = shareClock(clock);
    const read = readSharedClock(shared.buffer);
    shared.stop();
    clock.step(1_000);
    expect(read()).toBe(START);
  });

  it('says its rate: the speed while running, 0 while paused (what paces the worker\'s pollers)', () => {
    const clock = new SimClock({ startTime: START, speed: 10 });
    const shared = shareClock(clock);
    const rate = readSharedRate(shared.buffer);
    expect(rate()).toBe(10);
    clock.pause();
    expect(rate()).toBe(0);
    shared.stop();
  });
});
