/**
 * The pollers' timers under Demo's clock (docs/desktop.md, "Demo"): sped up, a poller's waits
 * and its measured durations are in simulated time, so a venue keeps its cadence in simulated
 * seconds; paused or at real speed they are real time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pacedTimers } from '../../../electron/backend/markets/venuePoller.ts';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => vi.useRealTimers());

describe('paced timers', () => {
  // rate, a wait in simulated ms, the real ms it takes
  it.each([[10, 5_000, 500], [1, 1_000, 1_000], [0, 1_000, 1_000]])('at rate %d a %d ms wait passes in about %d real ms, and elapsed time runs at the rate', (rate, wait, real) => {
    const timers = pacedTimers(() => rate);
    const fired = vi.fn();
    const start = timers.elapsed();
    timers.after(wait, fired);
    vi.advanceTimersByTime(real - 10);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(fired).toHaveBeenCalledOnce();
    expect(timers.elapsed() - start).toBeCloseTo((real + 10) * Math.max(1, rate), 6);
  });

  it('a wait can be cancelled', () => {
    const cancelled = vi.fn();
    pacedTimers(() => 5).after(1_000, cancelled)();
    vi.advanceTimersByTime(1_000);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('a change of speed applies from then on, and elapsed time never runs backwards', () => {
    let rate = 10;
    const timers = pacedTimers(() => rate);
    const start = timers.elapsed();
    vi.advanceTimersByTime(100);
    expect(timers.elapsed() - start).toBe(1_000);
    rate = 1;
    vi.advanceTimersByTime(100);
    expect(timers.elapsed() - start).toBe(1_100);
  });

  it('a wait already running is shortened when the clock speeds up', () => {
    let rate = 1;
    const timers = pacedTimers(() => rate);
    const fired = vi.fn();
    timers.after(10_000, fired);
    vi.advanceTimersByTime(100);
    rate = 10;
    vi.advanceTimersByTime(1_200); // 9.9 s of simulated time left, 990 real ms at 10×, seen within 250 ms
    expect(fired).toHaveBeenCalledOnce();
  });
});
