import { describe, expect, it } from 'vitest';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { isStale, legOf } from '../../../electron/engine/legs.ts';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);

function quote(overrides: Partial<FundingQuote>): FundingQuote {
  return {
    venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate: 0.0001, rateKind: 'predicted', lastSettledRate: 0.0001,
    intervalHours: 8, nextFundingTime: Date.UTC(2026, 2, 1, 16), markPrice: 84_000, indexPrice: 84_010, volume24hUsd: 1e10, openInterestUsd: 8e9, observedAt: NOW,
    ...overrides,
  };
}

describe('leg normalisation', () => {
  it('a 1-hour Hyperliquid rate of 0.00125 % is 0.01 % per 8 h and 10.95 % APR', () => {
    const leg = legOf(quote({ venue: 'hyperliquid', symbol: 'BTC/USDC:USDC', rate: 0.0000125, intervalHours: 1 }), NOW)!;
    expect(leg.ratePer8h).toBeCloseTo(0.0001, 12);
    expect(leg.apr).toBeCloseTo(0.1095, 12);
  });

  it.each([
    [8, 0.0001, 0.0001, 0.1095],
    [4, 0.0001, 0.0002, 0.219],
    [2, 0.0001, 0.0004, 0.438],
    [1, 0.0001, 0.0008, 0.876],
  ])('a %i-hour rate of 0.01 %% is %f per 8 h and %f APR', (hours, rate, per8h, apr) => {
    const leg = legOf(quote({ rate, intervalHours: hours }), NOW)!;
    expect(leg.ratePer8h).toBeCloseTo(per8h, 12);
    expect(leg.apr).toBeCloseTo(apr, 12);
  });

  it('a venue without a running-period rate shows its last settled rate, labelled settled', () => {
    const leg = legOf(quote({ rate: null, rateKind: 'predicted', lastSettledRate: -0.0002 }), NOW)!;
    expect(leg.rate).toBe(-0.0002);
    expect(leg.rateKind).toBe('settled');
  });

  it('a quote with neither rate gives no leg', () => {
    expect(legOf(quote({ rate: null, lastSettledRate: null }), NOW)).toBeNull();
  });

  it('a quote is stale only once it is older than its venue bound (Binance 30 s, OKX 45 s)', () => {
    expect(isStale(quote({ observedAt: NOW - 30_000 }), NOW)).toBe(false);
    expect(isStale(quote({ observedAt: NOW - 30_001 }), NOW)).toBe(true);
    expect(isStale(quote({ venue: 'okx', observedAt: NOW - 40_000 }), NOW)).toBe(false);
    expect(legOf(quote({ observedAt: NOW - 60_000 }), NOW)!.stale).toBe(true);
  });
});
