import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../../electron/simulator/scheduler.ts';

describe('Scheduler', () => {
  it('hands out due events in time order (ties in the order added), once', () => {
    const scheduler = new Scheduler();
    scheduler.add(300, { kind: 'up', venue: 'okx' });
    scheduler.add(100, { kind: 'down', venue: 'okx' });
    scheduler.add(100, { kind: 'disconnect', venue: 'okx' });
    expect(scheduler.due(99)).toEqual([]);
    expect(scheduler.due(200).map((e) => e.action.kind)).toEqual(['down', 'disconnect']);
    expect(scheduler.due(200)).toEqual([]);
    expect(scheduler.list().map((e) => e.at)).toEqual([300]);
  });

  it('a cancelled event never runs', () => {
    const scheduler = new Scheduler();
    const event = scheduler.add(10, { kind: 'rate', venue: 'bybit', id: 'BTCUSDT', rate: 0.001 });
    expect(scheduler.cancel(event.id)).toBe(true);
    expect(scheduler.due(1000)).toEqual([]);
  });

  it('refuses an unknown action or venue, naming it', () => {
    const scheduler = new Scheduler();
    expect(() => scheduler.add(1, { kind: 'explode', venue: 'okx' } as never)).toThrow(/unknown action "explode"/);
    expect(() => scheduler.add(1, { kind: 'down', venue: 'mtgox' } as never)).toThrow(/unknown venue "mtgox"/);
    expect(() => scheduler.add(Number.NaN, { kind: 'down', venue: 'okx' })).toThrow(/"at"/);
  });
});
