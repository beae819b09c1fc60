import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStreamBatcher } from '../../../electron/backend/streams/streamBatcher.ts';
import { mergeSignals } from '../../../shared/ipc/streamRules.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Opportunity, SignalsBatch } from '../../../shared/domain/signals.ts';

const quote = (symbol: string, rate: number): FundingQuote => ({
  venue: 'bybit', symbol, base: symbol.split('/')[0], multiplier: 1, rate, rateKind: 'predicted', lastSettledRate: null,
  intervalHours: 8, nextFundingTime: null, markPrice: null, indexPrice: null, volume24hUsd: null, openInterestUsd: null, observedAt: 1,
});
const summary = { btcEthDivergencePer8h: null, btcEthDiverging: false, assets: 0, triggered: 0, computedAt: 0, computeMs: 0 };
const row = (base: string, rank: number) => ({ base, rank }) as unknown as Opportunity;
const batch = (full: boolean, upserts: Opportunity[], removed: string[] = []): SignalsBatch => ({ full, upserts, removed, summary });

afterEach(() => {
  vi.useRealTimers();
});

describe('stream batcher', () => {
  it('sends one quote batch per frame, the newest quote per symbol winning', () => {
    const sent: Array<[string, unknown]> = [];
    const b = createStreamBatcher((name, payload) => sent.push([name, payload]));
    b.publish('quotes', [quote('BTC/USDT:USDT', 0.0001), quote('ETH/USDT:USDT', 0.0002)]);
    b.publish('quotes', [quote('BTC/USDT:USDT', 0.0003)]);
    b.publish('health', []);
    b.publish('health', []);
    b.flush();
    expect(sent.map(([n]) => n)).toEqual(['quotes', 'health']);
    expect((sent[0][1] as FundingQuote[]).map((q) => q.rate)).toEqual([0.0003, 0.0002]);
  });

  it('after a quiet spell sends on the next tick; within a frame of the last batch, waits for the frame to end', () => {
    vi.useFakeTimers();
    let clock = 1_000;
    const sent: number[] = [];
    const b = createStreamBatcher(() => sent.push(clock), 16, () => clock);
    b.publish('health', []);
    b.publish('health', []);
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([1_000]);
    clock += 5;
    b.publish('health', []);
    vi.advanceTimersByTime(10);
    expect(sent).toHaveLength(1);
    clock += 11;
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([1_000, 1_016]);
  });

  it('folds incremental signal batches, and a full batch supersedes what came before', () => {
    const a = batch(false, [row('BTC', 1), row('ETH', 2)]);
    const b = batch(false, [row('ETH', 1)], ['BTC']);
    expect(mergeSignals(a, b)).toEqual(batch(false, [row('ETH', 1)], ['BTC']));
    const full = batch(true, [row('SOL', 0)]);
    expect(mergeSignals(b, full)).toBe(full);
    expect(mergeSignals(full, batch(false, [row('ETH', 1)], ['SOL']))).toEqual(batch(true, [row('ETH', 1)]));
  });
});
