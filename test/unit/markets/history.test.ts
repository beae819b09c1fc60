import { describe, expect, it } from 'vitest';
import { inferIntervalHours } from '../../../electron/backend/markets/history.ts';

const H = 3_600_000;

describe('funding history intervals inferred from settlement times', () => {
  it('a settlement covers the hours since the previous one; the first takes the spacing to the next', () => {
    expect(inferIntervalHours([0, 8 * H, 16 * H], 8)).toEqual([8, 8, 8]);
  });

  it('a switch from 8 h to 1 h is visible at the first 1-h settlement, not before', () => {
    expect(inferIntervalHours([0, 8 * H, 16 * H, 17 * H, 18 * H], 8)).toEqual([8, 8, 8, 1, 1]);
  });

  it('a gap of missing data is not taken for a 16-h interval', () => {
    expect(inferIntervalHours([0, 8 * H, 24 * H, 32 * H], 8)).toEqual([8, 8, 8, 8]);
  });

  it('a lone point takes the fallback interval; millisecond jitter is ignored', () => {
    expect(inferIntervalHours([5], 4)).toEqual([4]);
    expect(inferIntervalHours([0, 4 * H + 3], 8)).toEqual([4, 4]);
  });
});
