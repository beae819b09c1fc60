import { describe, expect, it } from 'vitest';
import { applyFill, fundingAmount, liquidationBreached, takeFromBook, unrealisedPnl } from '../../../shared/accounts/position.ts';

describe('the account model the paper broker and the simulator share', () => {
  it('averages the entry on adds, realises PnL on the part that reduces, and opens the rest at the fill price on a flip', () => {
    const first = applyFill(undefined, 2, 100).position!;
    const added = applyFill(first, 1, 130).position!;
    expect(added).toEqual({ size: 3, entry: 110 });
    const reduced = applyFill(added, -1, 120);
    expect(reduced).toEqual({ position: { size: 2, entry: 110 }, realisedPnl: 10 });
    const flipped = applyFill(reduced.position!, -5, 100);
    expect(flipped).toEqual({ position: { size: -3, entry: 100 }, realisedPnl: -20 });
    expect(applyFill(flipped.position!, 3, 90)).toEqual({ position: null, realisedPnl: 30 });
  });

  it('counts sizes in contracts with their contract size: 0.001 BTC a contract', () => {
    const { realisedPnl } = applyFill({ size: 50, entry: 60_000 }, -50, 61_000, 0.001);
    expect(realisedPnl).toBeCloseTo(50 * 0.001 * 1_000, 9);
    expect(unrealisedPnl({ size: 50, entry: 60_000 }, 59_000, 0.001)).toBeCloseTo(-50, 9);
  });

  it('long pays short when the rate is positive', () => {
    expect(fundingAmount(2, 100, 0.0001)).toBeCloseTo(-0.02, 12);
    expect(fundingAmount(-2, 100, 0.0001)).toBeCloseTo(0.02, 12);
  });

  it('walks the book level by level up to the quantity and stops past the limit', () => {
    const asks: Array<[number, number]> = [[100, 1], [101, 2], [103, 5]];
    expect(takeFromBook(asks, 'buy', null, 2.5)).toEqual([[100, 1], [101, 1.5]]);
    expect(takeFromBook(asks, 'buy', 101, 10)).toEqual([[100, 1], [101, 2]]);
    expect(takeFromBook([[99, 1], [98, 1]], 'sell', 98.5, 10)).toEqual([[99, 1]]);
  });

  it('a long is liquidated at or below its price, a short at or above, none without one', () => {
    expect([liquidationBreached(1, 90, 90), liquidationBreached(1, 91, 90), liquidationBreached(-1, 110, 110), liquidationBreached(-1, 109, 110), liquidationBreached(1, 1, null)])
      .toEqual([true, false, true, false, false]);
  });
});
