import { describe, expect, it } from 'vitest';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { engageKillSwitch, type Flattener, type KillSwitchReport } from '../../../electron/backend/trading/killSwitch.ts';
import { createKillSwitch } from '../../../electron/backend/trading/killSwitchRetries.ts';
import { retryText, venueVerdict } from '../../../shared/domain/killSwitchWords.ts';
import type { JournalledTradingState } from '../../../electron/backend/trading/ledgerFold.ts';
import { restoredStateText } from '../../../shared/ipc/contract.ts';
import { reachableTarget } from '../../fixtures/killSwitchTargets.ts';

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

/** A journal that records what is appended, and may be made to fail or to wait. */
function stateJournal(restored: JournalledTradingState | null = null) {
  const appended: Array<{ data: unknown; time?: number }> = [];
  let release: (() => void) | null = null;
  const journal = {
    appended,
    failing: null as Error | null,
    holding: false,
    release: () => release?.(),
    ledger: { tradingState: () => restored },
    async append(entry: { data: unknown; time?: number }) {
      if (journal.holding) await new Promise<void>((resolve) => { release = resolve; });
      if (journal.failing) throw journal.failing;
      appended.push(entry);
      return entry;
    },
  };
  return journal;
}

describe('trading state', () => {
  it('HALTED admits nothing, REDUCING only reduce-only orders', async () => {
    const sm = new TradingStateMachine(0, () => {});
    expect(sm.admits({ reduceOnly: false })).toBe(true);
    await sm.transition('REDUCING', 'drawdown', 1);
    expect(sm.admits({ reduceOnly: false })).toBe(false);
    expect(sm.admits({ reduceOnly: true })).toBe(true);
    await sm.transition('HALTED', 'kill switch', 2);
    expect(sm.admits({ reduceOnly: true })).toBe(false);
  });

  it('HALTED leaves only by re-arming to ACTIVE', async () => {
    const sm = new TradingStateMachine(0, () => {});
    await sm.transition('HALTED', 'kill switch', 1);
    await expect(sm.transition('REDUCING', 'x', 2)).rejects.toThrow(/cannot go from HALTED to REDUCING/);
    expect((await sm.transition('ACTIVE', 're-armed', 3)).state).toBe('ACTIVE');
  });

  it('journals each transition before it takes effect, and refuses what the new state refuses while it is being journalled', async () => {
    const journal = stateJournal();
    const seen: string[] = [];
    const sm = new TradingStateMachine(0, (s) => seen.push(`${s.state} after ${journal.appended.length} entries`), journal);
    journal.holding = true;
    const halting = sm.transition('HALTED', 'kill switch pressed', 5);
    await Promise.resolve();
    expect(sm.current.state).toBe('ACTIVE');
    expect(sm.admits({ reduceOnly: false })).toBe(false);
    journal.holding = false;
    journal.release();
    expect(await halting).toEqual({ state: 'HALTED', since: 5, reason: 'kill switch pressed' });
    await sm.transition('ACTIVE', 're-armed by hand', 6);
    expect(journal.appended).toEqual([
      expect.objectContaining({ kind: 'trading-state', time: 5, data: { state: 'HALTED', reason: 'kill switch pressed' } }),
      expect.objectContaining({ kind: 'trading-state', time: 6, data: { state: 'ACTIVE', reason: 're-armed by hand' } }),
    ]);
    expect(seen).toEqual(['HALTED after 1 entries', 'ACTIVE after 2 entries']);
  });

  it('starts in the state the journal last recorded, marked restored', () => {
    const sm = new TradingStateMachine(100, () => {}, stateJournal({ state: 'HALTED', since: 7, reason: 'kill switch pressed' }));
    expect(sm.current).toEqual({ state: 'HALTED', since: 7, reason: 'kill switch pressed', restoredAt: 100 });
    expect(sm.admits({ reduceOnly: true })).toBe(false);
    expect(restoredStateText(sm.current)).toBe('HALTED since 1970-01-01 00:00:00 UTC (kill switch pressed) — restored at start');
    expect(new TradingStateMachine(100, () => {}, stateJournal({ state: 'ACTIVE', since: 7, reason: 're-armed' })).current.restoredAt).toBeUndefined();
  });

  it('a journal that cannot be written still lets trading tighten, saying so, but never re-arms', async () => {
    const journal = stateJournal();
    const sm = new TradingStateMachine(0, () => {}, journal);
    journal.failing = new Error('disk full');
    expect((await sm.transition('HALTED', 'kill switch pressed', 1)).reason).toBe('kill switch pressed (not journalled: disk full; it will not survive a restart)');
    await expect(sm.transition('ACTIVE', 're-armed', 2)).rejects.toThrow('trading state stays HALTED: the change to ACTIVE could not be journalled (disk full)');
    expect(sm.current.state).toBe('HALTED');
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
