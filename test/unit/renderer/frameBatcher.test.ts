import { describe, expect, it } from 'vitest';
import { createFrameBatcher } from '../../../renderer/store/frameBatcher.ts';

function manualFrames() {
  const queued: Array<() => void> = [];
  return { schedule: (cb: () => void) => void queued.push(cb), runFrame: () => queued.splice(0).forEach((cb) => cb()), get scheduled() { return queued.length; } };
}

describe('stream payloads reach the store at most once per animation frame', () => {
  it('many payloads within one frame are delivered together, in order, once', () => {
    const frames = manualFrames();
    const deliveries: number[][] = [];
    const b = createFrameBatcher<number>((items) => deliveries.push(items), frames.schedule);
    for (let i = 0; i < 50; i++) b.push(i);
    expect(frames.scheduled).toBe(1);
    expect(deliveries).toEqual([]);
    frames.runFrame();
    expect(deliveries).toEqual([Array.from({ length: 50 }, (_, i) => i)]);
  });

  it('a payload after a flush schedules the next frame', () => {
    const frames = manualFrames();
    const deliveries: string[][] = [];
    const b = createFrameBatcher<string>((items) => deliveries.push(items), frames.schedule);
    b.push('a');
    frames.runFrame();
    b.push('b');
    b.push('c');
    frames.runFrame();
    expect(deliveries).toEqual([['a'], ['b', 'c']]);
  });

  it('flushNow delivers pending payloads immediately and the scheduled frame then has nothing to do', () => {
    const frames = manualFrames();
    const deliveries: string[][] = [];
    const b = createFrameBatcher<string>((items) => deliveries.push(items), frames.schedule);
    b.push('x');
    b.flushNow();
    frames.runFrame();
    expect(deliveries).toEqual([['x']]);
  });
});
