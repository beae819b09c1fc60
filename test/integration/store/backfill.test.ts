import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FundingPoint } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { backfillFunding, type FundingHistorySource } from '../../../electron/backend/store/backfill.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';

const H = 3_600_000;
const DAY = 24 * H;
const NOW = Date.UTC(2024, 2, 1);

/**
 * A venue's settled history, as `fetchFundingRateHistory` would page it out (injected source;
 * the real one is the market-data service). Records every `since` it was asked for.
 */
function venueHistory(intervalHours: number, failFor: string[] = []) {
  const asked: Array<{ venue: VenueId; symbol: string; since: number }> = [];
  const source: FundingHistorySource = async (venue, symbol, since) => {
    asked.push({ venue, symbol, since });
    if (failFor.includes(symbol)) throw new Error('429 Too Many Requests');
    const points: FundingPoint[] = [];
    const first = Math.ceil(since / (intervalHours * H)) * intervalHours * H;
    for (let t = first; t <= NOW + 2 * intervalHours * H; t += intervalHours * H) {
      points.push({ venue, symbol, time: t, rate: 0.0001, intervalHours, markPrice: null });
    }
    return points;
  };
  return { source, asked };
}

let store: Store;
beforeEach(async () => { store = await openStore(':memory:'); });
afterEach(async () => { await store.close(); });

describe('backfillFunding', () => {
  it('fills the last N days, then resumes after the newest stored settlement', async () => {
    const { source, asked } = venueHistory(8);
    const target = [{ venue: 'bybit' as const, symbol: 'BTC/USDT:USDT' }];
    // 3 days of 8-h settlements from NOW - 3 d to NOW inclusive: 10 settlements (later ones are refused).
    expect(await backfillFunding(store, source, target, 3, NOW)).toEqual([{ venue: 'bybit', symbol: 'BTC/USDT:USDT', inserted: 10, error: null }]);
    expect(asked[0].since).toBe(NOW - 3 * DAY);
    const later = NOW + DAY;
    const again = await backfillFunding(store, source, target, 3, later);
    expect(asked[1].since).toBe(NOW + 1);
    // The source only has history up to NOW + 16 h: 2 new settlements.
    expect(again[0].inserted).toBe(2);
    expect(await store.history.latestTime('bybit', 'BTC/USDT:USDT')).toBe(NOW + 16 * H);
  });

  it('one failing target is reported with venue, symbol and cause while the others are filled', async () => {
    const { source } = venueHistory(1, ['ETH/USDC:USDC']);
    const targets = [
      { venue: 'hyperliquid' as const, symbol: 'BTC/USDC:USDC' },
      { venue: 'hyperliquid' as const, symbol: 'ETH/USDC:USDC' },
      { venue: 'hyperliquid' as const, symbol: 'SOL/USDC:USDC' },
    ];
    const results = await backfillFunding(store, source, targets, 1, NOW);
    expect(results).toEqual([
      { venue: 'hyperliquid', symbol: 'BTC/USDC:USDC', inserted: 25, error: null },
      { venue: 'hyperliquid', symbol: 'ETH/USDC:USDC', inserted: 0, error: 'hyperliquid ETH/USDC:USDC: 429 Too Many Requests' },
      { venue: 'hyperliquid', symbol: 'SOL/USDC:USDC', inserted: 25, error: null },
    ]);
  });

  it('a stored history older than the window does not widen the request beyond N days', async () => {
    const { source, asked } = venueHistory(8);
    await store.history.insertFunding([{ venue: 'okx', symbol: 'BTC/USDT:USDT', time: NOW - 30 * DAY, rate: 0.0001, intervalHours: 8, markPrice: null }]);
    await backfillFunding(store, source, [{ venue: 'okx', symbol: 'BTC/USDT:USDT' }], 2, NOW);
    expect(asked[0].since).toBe(NOW - 2 * DAY);
  });
});
