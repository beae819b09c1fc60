import { describe, expect, it } from 'vitest';
import { entryBasis, legCosts, legCostsTotal } from '../../../shared/risk/costs.ts';
import { ADVERSE_MOVE_Z, adverseMove, realisedVolatility } from '../../../shared/risk/volatility.ts';

/** Levels of 1 coin, 0.1 apart, around `mid` with a 0.2 spread. */
function book(mid: number) {
  return {
    bids: [[mid - 0.1, 1], [mid - 0.2, 1], [mid - 0.3, 1]] as Array<[number, number]>,
    asks: [[mid + 0.1, 1], [mid + 0.2, 1], [mid + 0.3, 1]] as Array<[number, number]>,
  };
}

describe('a leg\'s costs both ways', () => {
  it('buying 2 coins at a 100 mid: fee 0.05 % each way on $200, half the 0.2 spread each way, 0.1 slippage in and out', () => {
    const c = legCosts(book(100), 'buy', 2, 200, 0.0005);
    expect(c.entryFeeUsd).toBeCloseTo(0.1, 12);
    expect(c.exitFeeUsd).toBeCloseTo(0.1, 12);
    expect(c.entryHalfSpreadUsd).toBeCloseTo(0.2, 12); // 0.1 × 2 coins
    expect(c.exitHalfSpreadUsd).toBeCloseTo(0.2, 12);
    expect(c.entrySlippageUsd).toBeCloseTo(0.1, 12); // 100.1 + 100.2 against 2 × 100.1
    expect(c.exitSlippageUsd).toBeCloseTo(0.1, 12); // the bids 99.9 + 99.8 against 2 × 99.9
    expect(c.entryPrice).toBeCloseTo(100.15, 12);
    expect(legCostsTotal(c)).toBeCloseTo(0.8, 12);
  });

  it('a sell enters on the bids and exits on the asks', () => {
    const c = legCosts(book(100), 'sell', 3, 300, 0.0005);
    expect(c.entryPrice).toBeCloseTo(99.8, 12);
    expect(c.entrySlippageUsd).toBeCloseTo(0.3, 12); // 0 + 0.1 + 0.2 below 99.9
    expect(c.exitSlippageUsd).toBeCloseTo(0.3, 12);
    expect(c.entryComplete).toBe(true);
    expect(legCosts(book(100), 'sell', 4, 400, 0).entryComplete).toBe(false);
  });
});

describe('the entry basis of a pair', () => {
  it('long where the mid is 100.5, short where it is 100: the executable gap is 1.6 for 2 coins, of which the mids\' 1.0 is counted', () => {
    const long = legCosts(book(100.5), 'buy', 2, 201, 0);
    const short = legCosts(book(100), 'sell', 2, 200, 0);
    const basis = entryBasis(long, short, 2);
    // Buy at 100.65 average, sell at 99.85 average: (100.65 − 99.85) × 2 = 1.6, crossing 0.2 + 0.2 and slippage 0.1 + 0.1 of it.
    expect(basis.executableUsd).toBeCloseTo(1.6, 12);
    expect(basis.costUsd).toBeCloseTo(1.0, 12);
  });

  it('a gap in the pair\'s favour (selling where it is dearer) is shown but not credited', () => {
    const basis = entryBasis(legCosts(book(100), 'buy', 1, 100, 0), legCosts(book(101), 'sell', 1, 101, 0), 1);
    expect(basis.executableUsd).toBeCloseTo(100.1 - 100.9, 12);
    expect(basis.costUsd).toBe(0);
  });
});

describe('realised volatility of stored closes', () => {
  it('4-h closes moving ±1 % in turn: σ = 0.5 % per √h (sample sd of ±0.005), n = 40', () => {
    const times = Array.from({ length: 41 }, (_, i) => i * 4 * 3_600_000);
    const closes = times.map((_, i) => 100 * Math.exp(i % 2 ? 0.01 : 0));
    const vol = realisedVolatility(times, closes)!;
    expect(vol.returns).toBe(40);
    expect(vol.perSqrtHour).toBeCloseTo(0.005 * Math.sqrt(40 / 39), 12);
    expect(adverseMove(vol, 72)).toBeCloseTo(1 - Math.exp(-ADVERSE_MOVE_Z * vol.perSqrtHour * Math.sqrt(72)), 12);
  });

  it('fewer than 20 returns claim no volatility', () => {
    expect(realisedVolatility([0, 1, 2].map((i) => i * 14_400_000), [100, 101, 100])).toBeNull();
  });
});
