/**
 * Accumulated funding from the store (docs/domain.md, "Accumulated funding"), on a real DuckDB
 * file and hand-checked figures: stored settlements win over what live samples saw of the same
 * settlement, samples fill in where nothing is stored, and missing settlements show as fewer than
 * the interval implies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FundingPoint, FundingQuote } from '../../../shared/domain/quotes.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 12:00 UTC: the running 8-h bucket ends at 16:00. */
const NOW = Date.UTC(2026, 2, 31, 12, 0, 0);

let dir: string;
let store: Store;

function sample(venue: FundingQuote['venue'], observedAt: number, over: Partial<FundingQuote>): FundingQuote {
  return {
    venue, symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate: 0.0001, rateKind: 'predicted', lastSettledRate: null, intervalHours: 8,
    nextFundingTime: null, markPrice: 100, indexPrice: 100, volume24hUsd: 1e6, openInterestUsd: 1e6, observedAt, ...over,
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ft-accrual-'));
  store = await openStore(dir);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('accumulated funding', () => {
  it('sums stored settlements per window, and live samples of the same settlement are not counted twice', async () => {
    // Binance BTC, 8 h: 0.01 % at each of the last 10 days' three settlements, the last at 08:00 today.
    const lastSettlement = Date.UTC(2026, 2, 31, 8);
    const stored: FundingPoint[] = Array.from({ length: 30 }, (_, i) => ({
      venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', time: lastSettlement - i * 8 * HOUR + 2, rate: 0.0001 * (i % 3 === 0 ? 2 : 1), intervalHours: 8, markPrice: 100,
    }));
    await store.history.insertFunding(stored);
    // The live samples since 08:00 name 08:00's settlement too, at a rate of their own.
    await store.quoteSamples.insert([1, 2, 3].map((m) => sample('binanceusdm', lastSettlement + m * MINUTE, { lastSettledRate: 0.0005, nextFundingTime: lastSettlement + 8 * HOUR })));
    const accrual = await store.history.accrual(NOW);
    const row = accrual.rows.find((r) => r.venue === 'binanceusdm')!;
    // 1 d (after 12:00 yesterday): 08:00 today (×2), 00:00, 16:00 → 0.02 + 0.01 + 0.01 %.
    expect(row.settlements).toEqual([3, 21, 30]);
    expect(row.sums[0]).toBeCloseTo(0.0004, 12);
    expect(row.sums[1]).toBeCloseTo(7 * 0.0002 + 14 * 0.0001, 12);
    expect(row.sums[2]).toBeCloseTo(10 * 0.0002 + 20 * 0.0001, 12);
    expect(row.expected).toEqual([3, 21, 90]);
    expect(row.fromHistory).toBe(30);
  });

  it("reads an hourly venue's settlements from its live samples and a venue naming none from its last prediction", async () => {
    const samples: FundingQuote[] = [];
    // Hyperliquid, 1 h, live for the last 5 hours: each hour's first sample names the hour just paid.
    for (let h = 5; h >= 1; h--) {
      const settled = NOW - h * HOUR;
      for (const m of [1, 20, 40]) samples.push(sample('hyperliquid', settled + m * MINUTE, { intervalHours: 1, lastSettledRate: h * 0.00001, rate: 0.00009, nextFundingTime: settled + HOUR, symbol: 'BTC/USDC:USDC' }));
    }
    // A 4-h venue with predictions only: 0.03 % predicted up to 04:00, 0.05 % (then 0.06 %) up to 08:00.
    const at = (hour: number, minute: number) => Date.UTC(2026, 2, 31, hour, minute);
    samples.push(sample('aster', at(3, 10), { intervalHours: 4, rate: 0.0003, nextFundingTime: at(4, 0) }));
    samples.push(sample('aster', at(7, 0), { intervalHours: 4, rate: 0.0005, nextFundingTime: at(8, 0) }));
    samples.push(sample('aster', at(7, 59), { intervalHours: 4, rate: 0.0006, nextFundingTime: at(8, 0) }));
    samples.push(sample('aster', at(11, 0), { intervalHours: 4, rate: 0.0009, nextFundingTime: at(12, 1) }));
    await store.quoteSamples.insert(samples);
    const accrual = await store.history.accrual(NOW);
    const hyper = accrual.rows.find((r) => r.venue === 'hyperliquid')!;
    expect(hyper.settlements[0]).toBe(5);
    expect(hyper.sums[0]).toBeCloseTo(0.00015, 12);
    expect(hyper.expected[0]).toBe(24);
    expect(hyper.fromHistory).toBe(0);
    const aster = accrual.rows.find((r) => r.venue === 'aster')!;
    // 04:00 and 08:00 paid (the last prediction before each); 12:01 is still to come.
    expect(aster.settlements[0]).toBe(2);
    expect(aster.sums[0]).toBeCloseTo(0.0009, 12);
  });

  it("gives each venue symbol's funding per 8 h in 8-h buckets over the week", async () => {
    await store.history.insertFunding([
      // 8-h venue: 0.01 % at 08:00 (bucket ending 08:00).
      { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', time: Date.UTC(2026, 2, 31, 8), rate: 0.0001, intervalHours: 8, markPrice: 100 },
      // 4-h venue: 0.01 % and 0.03 % in the same bucket → 0.04 % per 8 h.
      { venue: 'okx', symbol: 'BTC/USDT:USDT', time: Date.UTC(2026, 2, 31, 4), rate: 0.0001, intervalHours: 4, markPrice: 100 },
      { venue: 'okx', symbol: 'BTC/USDT:USDT', time: Date.UTC(2026, 2, 31, 8), rate: 0.0003, intervalHours: 4, markPrice: 100 },
      // Running bucket (08:00–16:00): one 4-h settlement at 12:00.
      { venue: 'okx', symbol: 'BTC/USDT:USDT', time: Date.UTC(2026, 2, 31, 12), rate: -0.0002, intervalHours: 4, markPrice: 100 },
    ]);
    const { timeline, rows } = await store.history.accrual(NOW);
    expect(timeline.buckets).toBe(21);
    expect(timeline.firstEnd + 20 * 8 * HOUR).toBe(Date.UTC(2026, 2, 31, 16));
    const binance = rows.find((r) => r.venue === 'binanceusdm')!.per8h;
    const okx = rows.find((r) => r.venue === 'okx')!.per8h;
    expect(binance).toHaveLength(21);
    expect(binance[19]).toBeCloseTo(0.0001, 12);
    expect(binance[20]).toBeNull();
    expect(okx[19]).toBeCloseTo(0.0004, 12);
    expect(okx[20]).toBeCloseTo(-0.0004, 12);
    expect(okx.slice(0, 19).every((v) => v === null)).toBe(true);
    expect(timeline.firstEnd).toBe(Date.UTC(2026, 2, 31, 16) - 20 * 8 * HOUR);
    expect(NOW - 7 * DAY).toBeLessThan(timeline.firstEnd);
  });
});
