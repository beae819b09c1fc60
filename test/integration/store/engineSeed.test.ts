import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { livedSeries, sampleColumns } from '../../fixtures/engine/sampleSeries.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 1);

let store: Store;
beforeEach(async () => { store = await openStore(':memory:'); });
afterEach(async () => { await store.close(); });

describe('the engine seed read from the store', () => {
  it('reads the samples since a time as the columns the worker replays: ascending time, venue/symbol numbered in order, nulls as NaN', async () => {
    const samples: FundingQuote[] = [];
    for (const minute of livedSeries({ start: T0, minutes: 90, bases: 3, venues: ['okx', 'binanceusdm', 'hyperliquid'], seed: 4 })) samples.push(...minute.changed);
    samples[5] = { ...samples[5], rate: null, markPrice: null, openInterestUsd: null };
    await store.quoteSamples.insert(samples);
    const since = T0 + 30 * 60_000;
    const columns = await store.engineSeed.samples(since);
    expect(columns).toEqual(sampleColumns(samples.filter((q) => q.observedAt >= since)));
    expect(columns.observedAt.length).toBeGreaterThan(0);
  });

  it('seeds each base from its venue/symbol with the most closes, divided by the sampled multiplier, at the times they became known and no later than now', async () => {
    // Stored as the backfill stores them: each 4-h candle's close at its end, the running one at the fetch.
    const closes = (venue: 'okx' | 'bybit', symbol: string, n: number, close: number) => Array.from({ length: n }, (_, k) => ({ venue, symbol, time: Math.min(T0 + (k + 1) * 4 * H, T0 + 9 * H), close }));
    await store.history.insertPrices([...closes('okx', '1000PEPE/USDT:USDT', 3, 0.01), ...closes('bybit', '1000PEPE/USDT:USDT', 2, 5), ...closes('bybit', 'BTC/USDT:USDT', 2, 60_000)]);
    const quote = livedQuote('okx', '1000PEPE/USDT:USDT', 'PEPE', 1000);
    await store.quoteSamples.insert([quote]);
    const now = T0 + 9 * H;
    await store.history.insertPrices([{ venue: 'okx', symbol: '1000PEPE/USDT:USDT', time: now + H, close: 0.02 }]);
    const seed = await store.engineSeed.closes(T0, now);
    expect(seed.get('PEPE')).toEqual({ times: [T0 + 4 * H, T0 + 8 * H, now], closes: [0.00001, 0.00001, 0.00001] });
    expect(seed.get('BTC')).toEqual({ times: [T0 + 4 * H, T0 + 8 * H], closes: [60_000, 60_000] });
    expect((await store.engineSeed.closes(T0 + 9 * H, now)).get('BTC')).toBeUndefined();
  });
});

function livedQuote(venue: 'okx', symbol: string, base: string, multiplier: number): FundingQuote {
  return { venue, symbol, base, multiplier, rate: 0.0001, rateKind: 'predicted', lastSettledRate: null, intervalHours: 8, nextFundingTime: null, markPrice: 0.01, indexPrice: null, volume24hUsd: null, openInterestUsd: null, observedAt: T0 };
}
