import { describe, expect, it } from 'vitest';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { engageKillSwitch, type Flattener } from '../../../electron/backend/trading/killSwitch.ts';

/** A manual clock: `sleep` advances it, so retries and deadlines are deterministic. */
function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => { t += ms; } };
}

function venue(name: Flattener['venue'], failuresBeforeFlat: number, positions = 2): Flattener & { calls: number } {
  let remaining = failuresBeforeFlat;
  let open = positions;
  const f = {
    venue: name,
    calls: 0,
    async cancelAllOrders() {
      f.calls += 1;
      if (remaining > 0) {
        remaining -= 1;
        throw new Error(`${name}: rate limited (HTTP 429)`);
      }
      return 1;
    },
    async closeAllPositions() {
      const closed = open;
      open = 0;
      return closed;
    },
    async isFlat() {
      return open === 0;
    },
  };
  return f;
}

describe('trading state', () => {
  it('HALTED admits nothing, REDUCING only reduce-only orders', () => {
    const sm = new TradingStateMachine(0, () => {});
    expect(sm.admits({ reduceOnly: false })).toBe(true);
    sm.transition('REDUCING', 'drawdown', 1);
    expect(sm.admits({ reduceOnly: false })).toBe(false);
    expect(sm.admits({ reduceOnly: true })).toBe(true);
    sm.transition('HALTED', 'kill switch', 2);
    expect(sm.admits({ reduceOnly: true })).toBe(false);
  });
  it('HALTED leaves only by re-arming to ACTIVE', () => {
    const sm = new TradingStateMachine(0, () => {});
    sm.transition('HALTED', 'kill switch', 1);
    expect(() => sm.transition('REDUCING', 'x', 2)).toThrow(/cannot go from HALTED to REDUCING/);
    expect(sm.transition('ACTIVE', 're-armed', 3).state).toBe('ACTIVE');
  });
});

describe('kill switch', () => {
  it('halts first, then flattens every venue, retrying through rate limits', async () => {
    const clock = manualClock();
    const states: string[] = [];
    const sm = new TradingStateMachine(clock.now(), (s) => states.push(s.state));
    const okx = venue('okx', 3);
    const bybit = venue('bybit', 0);
    const report = await engageKillSwitch({ state: sm, flatteners: () => [okx, bybit], ...clock }, 'test');
    expect(states).toEqual(['HALTED']);
    expect(report.state.state).toBe('HALTED');
    expect(report.venues).toEqual([
      { venue: 'okx', flat: true, cancelledOrders: 1, closedPositions: 2, error: null },
      { venue: 'bybit', flat: true, cancelledOrders: 1, closedPositions: 2, error: null },
    ]);
    expect(okx.calls).toBe(4);
  });

  it('a venue still failing at the deadline is reported not flat with its last error', async () => {
    const clock = manualClock();
    const sm = new TradingStateMachine(clock.now(), () => {});
    const down = venue('gate', Number.POSITIVE_INFINITY);
    const report = await engageKillSwitch({ state: sm, flatteners: () => [down], deadlineMs: 10_000, ...clock }, 'test');
    expect(report.venues[0]).toMatchObject({ venue: 'gate', flat: false, error: 'gate: rate limited (HTTP 429)' });
    // Exponential backoff from 250 ms, capped: a bounded number of attempts before the deadline.
    expect(down.calls).toBeGreaterThan(3);
    expect(down.calls).toBeLessThan(12);
    expect(sm.admits({ reduceOnly: true })).toBe(false);
  });
});
