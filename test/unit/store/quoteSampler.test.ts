import { describe, expect, it } from 'vitest';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { createQuoteSampler, type QuoteSampleRepo } from '../../../electron/backend/store/quoteSamples.ts';

const T0 = Date.UTC(2026, 2, 2, 12, 0, 0);

function quote(symbol: string, observedAt: number): FundingQuote {
  return {
    venue: 'bybit', symbol, base: symbol.split('/')[0], multiplier: 1, rate: 0.0001, rateKind: 'predicted', lastSettledRate: 0.0001, intervalHours: 8,
    nextFundingTime: T0 + 8 * 3_600_000, markPrice: 1, indexPrice: 1, volume24hUsd: 1e6, openInterestUsd: 1e6, observedAt,
  };
}

/** A repo whose inserts finish only when the test says so, counting what each one carried. */
function heldRepo() {
  const inserts: FundingQuote[][] = [];
  const release: Array<() => void> = [];
  const repo: QuoteSampleRepo = {
    insert(quotes) {
      inserts.push([...quotes]);
      return new Promise((resolve) => release.push(() => resolve(quotes.length)));
    },
    samples: () => Promise.resolve([]),
    prune: () => Promise.resolve(0),
  };
  return { repo, inserts, release: () => release.shift()!() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('quote sampler', () => {
  it('a stream\'s one-market updates go to the store as one insert while another runs, not one each', async () => {
    const { repo, inserts, release } = heldRepo();
    const sampler = createQuoteSampler(repo);
    const first = sampler.record([quote('A/USDT:USDT', T0 + 1_000)]);
    await settle();
    expect(inserts).toHaveLength(1); // the first goes at once
    const later = Array.from({ length: 200 }, (_, i) => sampler.record([quote(`S${i}/USDT:USDT`, T0 + 2_000 + i)]));
    await settle();
    expect(inserts).toHaveLength(1); // 200 updates wait behind the running insert
    release();
    expect(await first).toBe(1);
    await settle();
    expect(inserts).toHaveLength(2);
    expect(inserts[1].map((q) => q.symbol)).toEqual(Array.from({ length: 200 }, (_, i) => `S${i}/USDT:USDT`));
    release();
    expect(await Promise.all(later)).toEqual(Array.from({ length: 200 }, () => 200));
  });

  it('a market already sampled this minute sends nothing and waits for nothing', async () => {
    const { repo, inserts, release } = heldRepo();
    const sampler = createQuoteSampler(repo);
    const first = sampler.record([quote('A/USDT:USDT', T0 + 1_000)]);
    expect(await sampler.record([quote('A/USDT:USDT', T0 + 59_000)])).toBe(0);
    release();
    await first;
    expect(inserts.flat()).toHaveLength(1);
  });

  it('a failed insert fails the quotes it carried and the next batch still goes', async () => {
    let calls = 0;
    const repo: QuoteSampleRepo = {
      insert: (quotes) => (++calls === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve(quotes.length)),
      samples: () => Promise.resolve([]),
      prune: () => Promise.resolve(0),
    };
    const sampler = createQuoteSampler(repo);
    await expect(sampler.record([quote('A/USDT:USDT', T0)])).rejects.toThrow('disk full');
    expect(await sampler.record([quote('B/USDT:USDT', T0)])).toBe(1);
  });
});
