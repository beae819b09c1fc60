import { describe, expect, it } from 'vitest';
import { judgeHolding, type Holding } from '../../../electron/backend/trading/holdingCheck.ts';

const LOT = { step: 0.001, minQuantity: 0.001, minNotional: 5 };

/** A BTC holding: `approved` coins by the journal, the venue showing `held` coins valued at `usd` (default: held × 70,000). */
function holding(symbol: string, approved: number, held: number | null, usd?: number): Holding {
  return {
    venue: 'binanceusdm', symbol, size: approved, key: `binanceusdm ${symbol}`,
    held: held === null ? undefined : { venue: 'binanceusdm', symbol, size: held, entryPrice: 70_000, markPrice: 70_000, liquidationPrice: null, venueUsd: usd ?? Math.abs(held) * 70_000 },
  };
}

describe('judging one holding against what was approved, by one lot of its venue', () => {
  it('within one lot in coins and in the venue\'s USD: nothing', () => {
    expect(judgeHolding(holding('BTC/USDT:USDT', 0.05, 0.05), LOT, 'BTC')).toBeNull();
    expect(judgeHolding(holding('BTC/USDT:USDT', 0.05, 0.051), LOT, 'BTC')).toBeNull();
    expect(judgeHolding(holding('BTC/USDT:USDT', 0, null), LOT, 'BTC')).toBeNull();
  });

  it('more than approved on the same side: the reduce-only order back to it, on the lot', () => {
    expect(judgeHolding(holding('BTC/USDT:USDT', -0.05, -0.0535), LOT, 'BTC')).toMatchObject({ restore: { side: 'buy', quantity: 0.003 } });
    expect(judgeHolding(holding('BTC/USDT:USDT', 0, 0.2), LOT, 'BTC')).toMatchObject({ restore: { side: 'sell', quantity: 0.2 } });
  });

  it('less than approved, flat, or the other side: a mismatch, and no order (it would add exposure)', () => {
    for (const held of [0.02, null, -0.05]) {
      const found = judgeHolding(holding('BTC/USDT:USDT', 0.05, held), LOT, 'BTC');
      expect(found).toMatchObject({ restore: null, restoreNote: expect.stringMatching(/^the venue holds less than approved/) });
    }
  });

  it('coins agree but the venue values it 1000×: the conversion is wrong; the order is the share the venue values above approval, of the coins read', () => {
    const found = judgeHolding(holding('BTC/USDT:USDT', 0.05, 0.05, 3_500_000), LOT, 'BTC');
    // 1 − 3,500 ÷ 3,500,000 = 99.9 % of the 0.05 read, on the lot: 0.049.
    expect(found).toMatchObject({ restore: { side: 'sell', quantity: 0.049 }, venueUsd: 3_500_000, approvedUsd: 3_500 });
    expect(found!.restoreNote).toMatch(/^reduce-only sell of 99\.90 % of the position \(0\.049 BTC as the terminal counts them; the venue's value says the position is 1000× the approved \$3500\.00\)/);
    expect(found!.reason).toBe('binanceusdm BTC/USDT:USDT: the venue values the position at $3500000.00, the approved long 0.05 BTC is $3500.00 at the venue\'s mark: the terminal\'s conversion of this market is wrong');
  });

  it('coins agree but the venue values it below approval, or less than a lot above: no order', () => {
    expect(judgeHolding(holding('BTC/USDT:USDT', -0.05, -0.05, 35), LOT, 'BTC')).toMatchObject({ restore: null, restoreNote: expect.stringMatching(/^the venue values the position below the approved size/) });
    // 0.05 BTC valued at 1 lot's worth ($70) above the lot's tolerance: the share (1.98 %) of 0.05 is under a lot.
    expect(judgeHolding(holding('BTC/USDT:USDT', 0.05, 0.05, 3_571), LOT, 'BTC')).toMatchObject({ restore: null, restoreNote: expect.stringMatching(/less than one lot/) });
  });

  it('a spot wallet holding more than the leg (the trader\'s own coins) is no mismatch; holding less is', () => {
    expect(judgeHolding(holding('BTC/USDT', 0.05, 0.7), LOT, 'BTC')).toBeNull();
    expect(judgeHolding(holding('BTC/USDT', 0.05, 0.01), LOT, 'BTC')).toMatchObject({ restore: null });
  });
});
