/**
 * The exit monitor over a real journal (DuckDB in a temp folder): an exit fires once per pair and condition,
 * is journalled with its figures before it acts, is not fired again after the store is opened
 * again (a restart), and a close that the venues keep refusing is retried on a bounded
 * back-off and then said in words. The closer here stands in for the gateway and the venues,
 * which the integration tests (exitsDesk) exercise for real.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createExitMonitor } from '../../../electron/backend/trading/exitMonitor.ts';
import { closeWithRetry, NothingToClose, type CloseAttempt, type PairCloser } from '../../../electron/backend/trading/pairCloser.ts';
import type { Pair, PairExecutionResult, PositionLeg } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exit-monitor-'));
  store = await openStore(dir);
  // The pair's intent, as the gateway journals it: the ledger keeps each pair's fired exits.
  const leg = { venue: 'okx', symbol: 'BTC/USDT:USDT', side: 'buy', quantity: 1, reduceOnly: false } as const;
  await journalOf(store).append({ kind: 'intent', pairId: 'p1', venue: null, symbol: null, clientOrderId: null, data: { ticketId: 't1', intent: { legs: [leg, { ...leg, venue: 'bybit', side: 'sell' }] }, checklist: {} } });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function leg(venue: VenueId, size: number, mark: number): PositionLeg {
  const pricePnl = size * (mark - 100);
  return {
    venue, symbol: 'BTC/USDT:USDT', size, entryPrice: 100, markPrice: mark, pricePnl, fundingPnl: 0, fees: 0, net: pricePnl,
    liquidationPrice: null, liquidationDistancePct: null, nextFundingTime: null, nextPayment: null, notionalUsd: 0, leverage: null,
  };
}

function openPair(exits: Pair['exits'], legs = [leg('okx', 1, 100), leg('bybit', -1, 100)]): Pair {
  return { pairId: 'p1', ticketId: 't1', status: 'open', openedAt: 0, closedAt: null, alignment: null, exits, legs, deltaDrift: 0, net: 0, unhedgedReason: null, exitWatch: [], mismatches: [] };
}

const result = (status: PairExecutionResult['status'], message: string): PairExecutionResult => ({ pairId: 'p1', status, orders: [], alerts: [], message });

/** A closer answering from a script of attempts; each call takes the next one. */
function scriptedCloser(script: Array<CloseAttempt | Error>): PairCloser & { calls: number } {
  const closer = {
    calls: 0,
    async close(): Promise<CloseAttempt> {
      const next = script[Math.min(closer.calls, script.length - 1)];
      closer.calls += 1;
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return closer;
}

function monitorOver(pairs: () => Pair[], closer: PairCloser, alerts: string[], sleeps: number[] = []) {
  return createExitMonitor({
    pairs: async () => pairs(), closer, journal: journalOf(store), quotes: () => [], now: () => 7_200_000,
    alert: (severity, message) => alerts.push(`${severity}: ${message}`),
    retry: { sleep: async (ms) => { sleeps.push(ms); } },
  });
}

describe('exit monitor', () => {
  it('fires an alert-only exit once, journalled with the figures that met it, and a restart does not fire it again', async () => {
    const alerts: string[] = [];
    const pair = openPair({ maxHoldingHours: 1, actions: { 'max-holding': 'alert' } });
    const closer = scriptedCloser([new Error('must not be called')]);
    const monitor = monitorOver(() => [pair], closer, alerts);
    expect((await monitor.check()).fired.map((s) => s.rule)).toEqual(['max-holding']);
    for (let i = 0; i < 3; i += 1) expect((await monitor.check()).fired).toEqual([]);
    expect(alerts).toEqual([expect.stringMatching(/^warn: pair p1: maximum holding reached: held 2\.0 h of 1 h\. Alert only: .*not repeated/)]);
    expect(closer.calls).toBe(0);
    const exits = (await journalOf(store).list()).filter((e) => e.kind === 'exit');
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ pairId: 'p1', time: 7_200_000, data: { rule: 'max-holding', action: 'alert', threshold: 1, figures: { hoursHeld: 2, pricePnl: 0, netPnl: 0 } } });

    await store.close();
    store = await openStore(dir); // a restart: the journal read back from disk
    const restarted = monitorOver(() => [pair], closer, alerts);
    expect((await restarted.check()).fired).toEqual([]);
    expect(alerts).toHaveLength(1);
    const [watched] = await restarted.pairs();
    expect(watched.exitWatch).toEqual([{ rule: 'max-holding', action: 'alert', value: 2, threshold: 1, metWhen: 'at-or-above', firedAt: 7_200_000 }]);
  });

  it('a stop set to close closes the pair once, even when two stops fire together', async () => {
    const alerts: string[] = [];
    const pair = openPair({ basisStopPct: 0.01, maxLossUsd: 1, actions: { 'basis-stop': 'close', 'max-loss': 'close' } }, [leg('okx', 1, 98), leg('bybit', -1, 100)]);
    const closer = scriptedCloser([{ result: result('hedged', 'every leg filled'), flat: true }]);
    const monitor = monitorOver(() => [pair], closer, alerts);
    expect((await monitor.check()).fired.map((s) => s.rule)).toEqual(['basis-stop', 'max-loss']);
    expect(closer.calls).toBe(1);
    expect(alerts).toEqual([
      expect.stringMatching(/^warn: pair p1: basis stop hit: the price gap moved 2\.00 % of notional against the pair \(stop 1\.00 %\): closing the pair reduce-only on every venue$/),
      expect.stringMatching(/^warn: pair p1: maximum-loss stop hit: .*: the pair is already being closed$/),
      'info: pair p1: closed flat on every venue by its basis stop (1 attempt)',
    ]);
    expect((await monitor.check()).fired).toEqual([]);
  });

  it('a close the venue keeps refusing is retried on the back-off, then the one-legged pair is said UNHEDGED in words', async () => {
    const alerts: string[] = [];
    const sleeps: number[] = [];
    let pair = openPair({ basisStopPct: 0.01, actions: { 'basis-stop': 'close' } }, [leg('okx', 1, 98), leg('bybit', -1, 100)]);
    const refused = result('unhedged', 'UNHEDGED: pair p1: closing leg failed: bybit BTC/USDT:USDT: order rejected: reduce-only');
    const closer = scriptedCloser([{ result: refused, flat: false }]);
    const monitor = monitorOver(() => [pair], {
      close: async () => {
        const attempt = await closer.close('p1');
        pair = { ...pair, status: 'unhedged', legs: [{ ...pair.legs[0], size: 0 }, pair.legs[1]] };
        return attempt;
      },
    }, alerts, sleeps);
    await monitor.check();
    expect(closer.calls).toBe(5);
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(alerts.at(-1)).toBe(`critical: UNHEDGED: pair p1: the basis stop's close left bybit BTC/USDT:USDT short 1 open after 5 attempts (last: ${refused.message}); okx is closed. Close the open leg by hand or use the kill switch`);
    expect((await monitor.check()).fired).toEqual([]);
  });
});

describe('closing with retries', () => {
  const sleeps: number[] = [];
  const sleep = async (ms: number) => { sleeps.push(ms); };
  beforeEach(() => { sleeps.length = 0; });

  it('stops at the first attempt that leaves the pair flat', async () => {
    const closer = scriptedCloser([new Error('okx: network error'), { result: result('failed', 'okx: 503'), flat: false }, { result: result('hedged', 'every leg filled'), flat: true }]);
    expect(await closeWithRetry(closer, 'p1', 'test', { sleep })).toEqual({ status: 'closed', attempts: 3, last: 'every leg filled' });
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('does not retry what the trading state refused, and counts a pair with nothing left as closed', async () => {
    expect(await closeWithRetry(scriptedCloser([{ result: result('refused', 'trading is HALTED'), flat: false }]), 'p1', 'test', { sleep })).toMatchObject({ status: 'refused', attempts: 1 });
    expect(await closeWithRetry(scriptedCloser([new NothingToClose('p1')]), 'p1', 'test', { sleep })).toMatchObject({ status: 'closed', attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it('gives up after the bounded attempts with the last answer', async () => {
    const closer = scriptedCloser([{ result: result('failed', 'bybit: rejected'), flat: false }]);
    expect(await closeWithRetry(closer, 'p1', 'test', { sleep, delaysMs: [5, 5] })).toEqual({ status: 'open', attempts: 3, last: 'bybit: rejected' });
    expect(sleeps).toEqual([5, 5]);
  });
});
