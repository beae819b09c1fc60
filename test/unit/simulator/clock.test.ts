import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../electron/simulator/clock.ts';

function fakeReal(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

describe('SimClock', () => {
  it('at speed 3600 one real second is one simulated hour', () => {
    const real = fakeReal();
    const clock = new SimClock({ startTime: 0, speed: 3600, realNow: real.now });
    real.advance(1000);
    expect(clock.now()).toBe(3_600_000);
  });

  it('paused time moves only by step, by exactly the step', () => {
    const real = fakeReal();
    const clock = new SimClock({ startTime: 500, paused: true, realNow: real.now });
    real.advance(10_000);
    expect(clock.now()).toBe(500);
    expect(clock.step(250)).toBe(750);
    expect(clock.now()).toBe(750);
  });

  it('changing speed keeps the time reached so far and applies from then on', () => {
    const real = fakeReal();
    const clock = new SimClock({ startTime: 0, speed: 10, realNow: real.now });
    real.advance(100);
    clock.setSpeed(1000);
    real.advance(100);
    expect(clock.now()).toBe(1000 + 100_000);
  });

  it('pause then resume continues from where it paused, without a jump', () => {
    const real = fakeReal();
    const clock = new SimClock({ startTime: 0, speed: 2, realNow: real.now });
    real.advance(100);
    clock.pause();
    real.advance(5000);
    clock.resume();
    real.advance(10);
    expect(clock.now()).toBe(220);
  });

  it('listeners hear each step with the new time; advanceTo never goes backwards', () => {
    const clock = new SimClock({ startTime: 0, paused: true });
    const heard: number[] = [];
    const stop = clock.onTick((now) => heard.push(now));
    clock.step(10);
    clock.advanceTo(5);
    clock.advanceTo(40);
    stop();
    clock.step(1);
    expect(heard).toEqual([10, 10, 40]);
  });

  it('refuses a speed that is not positive and a negative step', () => {
    expect(() => new SimClock({ speed: 0 })).toThrow(RangeError);
    expect(() => new SimClock({ paused: true }).step(-1)).toThrow(RangeError);
  });
});
