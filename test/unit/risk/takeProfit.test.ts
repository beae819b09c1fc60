import { describe, expect, it } from 'vitest';
import { pairSpreadPer8h, takeProfitProblem } from '../../../shared/risk/takeProfit.ts';

describe('where a take-profit may lie: above 0 and below the spread the legs earn now', () => {
  it('the spread a pair earns: the short perp receives its rate, the long perp pays it, a spot leg earns nothing', () => {
    expect(pairSpreadPer8h([{ side: 'buy', instrument: 'perp', ratePer8h: -0.0002 }, { side: 'sell', instrument: 'perp', ratePer8h: 0.0005 }])).toBeCloseTo(0.0007, 12);
    expect(pairSpreadPer8h([{ side: 'sell', instrument: 'perp', ratePer8h: 0.0003 }, { side: 'buy', instrument: 'spot', ratePer8h: null }])).toBeCloseTo(0.0003, 12);
    expect(pairSpreadPer8h([{ side: 'buy', instrument: 'perp', ratePer8h: null }, { side: 'sell', instrument: 'perp', ratePer8h: 0.0005 }])).toBeNull();
    expect(takeProfitProblem(0.0001, null)).toBeNull();
    expect(takeProfitProblem(0.0001, -0.0002)).toMatch(/no spread to take profit on/);
  });

  it('a target of 5 % /8h on a 0.09 % spread, or of -0.5 %, is refused in % per 8 h; half the spread is fine', () => {
    expect(takeProfitProblem(0.05, 0.0009)).toBe('take-profit 5.0000 % /8h is at or above the current spread 0.0900 % /8h: it would be met at once; set it between 0 and 0.0900 % /8h');
    expect(takeProfitProblem(-0.005, 0.0009)).toMatch(/^take-profit -0.5000 % \/8h must be at least 0 % \/8h/);
    expect(takeProfitProblem(0.0009, 0.0009)).toMatch(/at or above the current spread/);
    expect(takeProfitProblem(0.00045, 0.0009)).toBeNull();
  });
});
