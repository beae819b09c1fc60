import { describe, expect, it } from 'vitest';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { engageKillSwitch, reachableTarget, type Flattener, type KillSwitchReport } from '../../../electron/backend/trading/killSwitch.ts';
import { createKillSwitch } from '../../../electron/backend/trading/killSwitchRetries.ts';
import { retryText, venueVerdict } from '../../../shared/domain/killSwitchWords.ts';

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
    const report = await engageKillSwitch({ state: sm, targets: () => [okx, bybit].map(reachableTarget), ...clock, wallNow: clock.now }, 'test');
    expect(states).toEqual(['HALTED']);
    expect(report.state.state).toBe('HALTED');
    expect(report.venues).toEqual([
      { venue: 'okx', flat: true, reachable: true, cancelledOrders: 1, closedPositions: 2, error: null, journalHolds: [], journalGaps: [] },
      { venue: 'bybit', flat: true, reachable: true, cancelledOrders: 1, closedPositions: 2, error: null, journalHolds: [], journalGaps: [] },
    ]);
    expect(okx.calls).toBe(4);
  });

  it('a venue still failing at the deadline is reported not flat with its last error', async () => {
    const clock = manualClock();
    const sm = new TradingStateMachine(clock.now(), () => {});
    const down = venue('gate', Number.POSITIVE_INFINITY);
    const report = await engageKillSwitch({ state: sm, targets: () => [down].map(reachableTarget), deadlineMs: 10_000, ...clock, wallNow: clock.now }, 'test');
    expect(report.venues[0]).toMatchObject({ venue: 'gate', flat: false, error: 'gate: rate limited (HTTP 429)' });
    // Exponential backoff from 250 ms, capped: a bounded number of attempts before the deadline.
    expect(down.calls).toBeGreaterThan(3);
    expect(down.calls).toBeLessThan(12);
    expect(sm.admits({ reduceOnly: true })).toBe(false);
  });
});

describe('kill switch: venues it cannot reach, and what it keeps doing after the deadline', () => {
  const holds = async () => new Map([['okx' as const, [{ symbol: 'ETH/USDT:USDT', side: 'long' as const, size: 5.7 }]]]);

  /** A venue whose account cannot be opened for its first `downFor` tries. */
  function unreachable(downFor: number) {
    const flattener = venue('okx', 0, 1);
    let tries = 0;
    return { flattener, venue: 'okx' as const, tries: () => tries, open: async () => {
      tries += 1;
      if (tries <= downFor) throw new Error('okx is not tradable: its account could not be opened (OKX is unreachable)');
      return flattener;
    } };
  }

  it('an unreachable venue is in the report, not flat, with what the journal holds there', async () => {
    const clock = manualClock();
    const sm = new TradingStateMachine(clock.now(), () => {});
    const okx = unreachable(Number.POSITIVE_INFINITY);
    const report = await engageKillSwitch({ state: sm, targets: () => [reachableTarget(venue('bybit', 0)), okx], journalHolds: holds, deadlineMs: 5_000, ...clock, wallNow: clock.now }, 'test');
    expect(report.venues.map((v) => [v.venue, v.flat, v.reachable])).toEqual([['bybit', true, true], ['okx', false, false]]);
    expect(report.venues[1].journalHolds).toEqual([{ symbol: 'ETH/USDT:USDT', side: 'long', size: 5.7 }]);
    expect(venueVerdict(report.venues[1], report.deadlineMs)).toBe(
      'OKX: NOT FLAT after 5 s — unreachable; holds by the journal: ETH/USDT:USDT long 5.7 (okx is not tradable: its account could not be opened (OKX is unreachable))');
    expect(okx.tries()).toBeGreaterThan(2); // retried within the deadline too
  });

  it('retries in the background until flat, reporting each attempt, then stops', async () => {
    const sm = new TradingStateMachine(0, () => {});
    const okx = unreachable(4);
    const reports: KillSwitchReport[] = [];
    let flat!: () => void;
    const done = new Promise<void>((resolve) => { flat = resolve; });
    const service = createKillSwitch({
      state: sm, now: () => 0, targets: () => [okx], journalHolds: holds, deadlineMs: 1, retryMs: 1, maxRetryMs: 2,
      onReport: (r) => { reports.push(r); if (r.retry.endedBy === 'flat') flat(); },
    });
    const first = await service.engage('test');
    expect(first.venues[0]).toMatchObject({ flat: false, reachable: false });
    expect(first.retry).toMatchObject({ active: true, attempts: 0, endedBy: null });
    expect(retryText(first, first.retry.nextAt!)).toBe('retrying in the background (0 attempts so far, next in 0 s); re-arm stops it');
    await done;
    const last = reports.at(-1)!;
    expect(last.venues[0]).toMatchObject({ flat: true, reachable: true, closedPositions: 1 });
    expect(last.retry).toMatchObject({ active: false, endedBy: 'flat' });
    expect(last.retry.attempts).toBe(okx.tries() - 1);
    expect(reports.map((r) => r.retry.attempts)).toEqual([...Array(last.retry.attempts + 1).keys()]);
    expect(service.current()).toEqual(last);
  });

  it('re-arming stops the background retries with the venue still not flat', async () => {
    const sm = new TradingStateMachine(0, () => {});
    const okx = unreachable(Number.POSITIVE_INFINITY);
    const service = createKillSwitch({ state: sm, now: () => 0, targets: () => [okx], deadlineMs: 1, retryMs: 1, onReport: () => {} });
    await service.engage('test');
    sm.transition('ACTIVE', 're-armed', 1);
    await service.stop('re-armed');
    const tries = okx.tries();
    const last = service.current()!;
    expect(last.retry).toMatchObject({ active: false, endedBy: 're-armed' });
    expect(last.venues[0].flat).toBe(false);
    expect(retryText(last, 0)).toMatch(/^re-armed: background retries stopped/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(okx.tries()).toBe(tries);
  });
});
