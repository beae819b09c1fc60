import { describe, expect, it } from 'vitest';
import { carryShare, exitName, failureText, historyText, hitRateText, missingHistory, periodText, progressText } from '../../../renderer/features/backtest/backtestText.ts';

const empty = { rows: 0, from: null, to: null };

describe('the backtest report in words', () => {
  it('names exits as the positions screen does, and the end of the history in words', () => {
    expect(['max-holding', 'take-profit', 'basis-stop', 'max-loss', 'end-of-history'].map(exitName)).toEqual(['Max holding', 'Take-profit', 'Basis stop', 'Max loss', 'End of history']);
  });

  it('gives realised carry as a share of the expected, and the hit rate with its counts', () => {
    expect(carryShare(0.6234)).toBe('62 %');
    expect(carryShare(-0.068)).toBe('−7 %');
    expect(carryShare(null)).toBe('–');
    expect(hitRateText({ trades: 3, wins: 2, hitRate: 2 / 3 } as never)).toBe('2 of 3 won (66.7 %)');
    expect(hitRateText({ trades: 0, wins: 0, hitRate: null } as never)).toBe('no trades');
  });

  it('says the steps done and the simulated time, and the period run', () => {
    expect(progressText({ done: 120, total: 480, at: Date.parse('2021-04-12T08:00:00Z') })).toBe('Step 120 of 480 (25 %), simulated clock at 2021-04-12 08:00 UTC');
    expect(periodText({ from: Date.parse('2021-04-10T00:00:00Z'), to: Date.parse('2021-04-19T20:00:00Z'), steps: 55 })).toBe('2021-04-10 00:00 → 2021-04-19 20:00 UTC, 55 steps of the simulated clock');
  });

  it('says what history is stored and which kind is missing', () => {
    const funding = { rows: 1234, from: Date.parse('2021-03-10T00:00:00Z'), to: Date.parse('2021-04-19T16:00:00Z') };
    expect(historyText({ funding, prices: empty })).toBe('Stored history: 1,234 funding settlements, 2021-03-10 → 2021-04-19; 0 price closes (UTC).');
    expect(missingHistory({ funding: empty, prices: empty })).toBe('funding');
    expect(missingHistory({ funding, prices: empty })).toBe('prices');
    expect(missingHistory({ funding, prices: funding })).toBeNull();
  });

  it('drops the request\'s and module\'s prefixes from a failure', () => {
    expect(failureText('backtest.run: backtest: no series has both funding and prices')).toBe('The backtest did not run: no series has both funding and prices');
    expect(failureText('backtest.run: A backtest is already running: wait for its report, then run again.')).toBe('The backtest did not run: A backtest is already running: wait for its report, then run again.');
  });
});
