/**
 * Nothing lost on restart, in Demo mode through `dispatch` (paper brokers against the
 * in-process simulator through ccxt, real DuckDB on disk): funding settled on a 1-hour and an
 * 8-hour leg is journalled per pair, the paper accounts are rebuilt from the journal when the
 * backend starts again over the same data dir (same positions, funding and a clean
 * reconcile), and REDUCING set by hand refuses an opening ticket but lets a close through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/backend.ts';
import type { FundingPayment, JournalEntry, Pair } from '../../../shared/domain/orders.ts';
import { deskDriver, startDemoBackend } from './deskDriver.ts';

const VENUES = ['binanceusdm', 'bybit'] as const;
const dataDir = mkdtempSync(join(tmpdir(), 'desk-restart-'));
const seen: string[] = [];
let backend: Backend;
const desk = deskDriver(() => backend, VENUES, () => backend.demo!.simulator.clock.now(), seen);

function start(): Promise<Backend> {
  return startDemoBackend(dataDir, VENUES, seen);
}

/** What must survive a restart: sizes, entries, fees and funding of every leg, the exits armed (marks, and the figures read from them, move with the venue). */
function lasting(pair: Pair) {
  const exitWatch = pair.exitWatch.map((watch) => ({ ...watch, value: undefined }));
  return { ...pair, net: undefined, exitWatch, legs: pair.legs.map((leg) => ({ ...leg, markPrice: undefined, pricePnl: undefined, net: undefined, nextFundingTime: undefined, nextPayment: undefined, liquidationDistancePct: undefined, notionalUsd: undefined })) };
}

const fundingOf = (entries: JournalEntry[], venue: string) => entries.filter((e) => e.kind === 'funding' && e.venue === venue);

beforeAll(async () => {
  backend = await start();
  // bybit's BTC settles hourly from now on; binance keeps 8 h (next at 16:00 UTC).
  backend.demo!.simulator.market.setInterval('bybit', 'BTCUSDT', 1);
  // The terminal learns a Bybit interval from the venue's market list, re-read on its own
  // cadence: trade only once it shows the hourly schedule, as a trader would see it.
  let hourly = false;
  for (let i = 0; i < 600 && !hourly; i += 1) {
    hourly = (await desk.btcQuotes()).find((q) => q.venue === 'bybit')?.intervalHours === 1;
    if (!hourly) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!hourly) throw new Error('the terminal never saw Bybit BTC move to hourly settlements');
}, 90_000);

afterAll(async () => {
  await backend?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the journal carries a Demo desk across a restart', () => {
  let before: Pair;

  it('journals every settlement of a 1 h and an 8 h leg as funding entries of the pair, and the pair funding PnL is their sum', async () => {
    const receipt = await desk.call('ticket.submit', await desk.btcTicket('restart-pair'));
    expect(receipt.execution.status).toBe('hedged');
    const clock = backend.demo!.simulator.clock;
    for (let hour = 11; hour <= 16; hour += 1) {
      clock.advanceTo(Date.UTC(2026, 2, 4, hour, 0, 1));
      await desk.btcQuotes();
      await desk.call('positions.list');
    }
    const entries = await desk.call('journal.list', { pairId: 'restart-pair' });
    expect(fundingOf(entries, 'bybit').map((e) => e.time)).toEqual([11, 12, 13, 14, 15, 16].map((h) => Date.UTC(2026, 2, 4, h)));
    expect(fundingOf(entries, 'binanceusdm').map((e) => e.time)).toEqual([Date.UTC(2026, 2, 4, 16)]);
    for (const entry of fundingOf(entries, 'bybit')) expect(entry.data).toMatchObject({ venue: 'bybit', symbol: 'BTC/USDT:USDT', rate: expect.any(Number), amount: expect.any(Number) });
    [before] = await desk.call('positions.list');
    for (const leg of before.legs) {
      const sum = fundingOf(entries, leg.venue).reduce((total, e) => total + (e.data as FundingPayment).amount, 0);
      expect(leg.fundingPnl).toBeCloseTo(sum, 9);
      expect(leg.fundingPnl).not.toBe(0);
    }
    // Asking again journals nothing twice.
    await desk.call('positions.list');
    expect(fundingOf(await desk.call('journal.list', { pairId: 'restart-pair' }), 'bybit')).toHaveLength(6);
  }, 180_000);

  it('a restart over the same data dir shows the same pair and reconciles clean', async () => {
    await backend.stop();
    backend = await start();
    const { differences } = await desk.call('trading.reconcile');
    expect(differences).toEqual([]);
    const [after] = await desk.call('positions.list');
    expect(lasting(after)).toEqual(lasting(before));
    expect(after.legs.map((leg) => leg.size).sort()).toEqual([-0.05, 0.05]);
  }, 120_000);

  it('REDUCING set by hand refuses an opening ticket and admits the close', async () => {
    expect((await desk.call('trading.reduce', { reason: 'desk test winds down' })).state).toBe('REDUCING');
    const refused = await desk.call('ticket.submit', await desk.btcTicket('restart-refused'));
    expect(refused.execution).toMatchObject({ status: 'refused', orders: [] });
    expect(refused.execution.message).toMatch(/trading is REDUCING .*only reduce-only orders pass/);
    expect((await desk.call('positions.close', { pairId: 'restart-pair' })).status).toBe('hedged');
    const pairs = await desk.call('positions.list');
    expect(pairs.find((p) => p.pairId === 'restart-pair')?.status).toBe('closed');
    expect(pairs.some((p) => p.pairId === 'restart-refused')).toBe(false);
    expect((await desk.call('trading.reconcile')).differences).toEqual([]);
  }, 120_000);
});
