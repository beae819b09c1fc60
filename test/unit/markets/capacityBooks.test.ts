/**
 * The capacity pass (electron/backend/markets/capacityBooks.ts): which books it reads (the top
 * ranked pairs' legs, fresh legs only), how gently (one book in flight per venue, counted, not
 * timed), and what a leg whose book could not be read says (its words, never a figure).
 */
import { describe, expect, it } from 'vitest';
import { startCapacityBooks, topPairs } from '../../../electron/backend/markets/capacityBooks.ts';
import type { CoinBook } from '../../../electron/backend/markets/marketUnits.ts';
import type { CapacitySnapshot } from '../../../shared/domain/capacity.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { leg, row } from '../renderer/opportunityFixture.ts';

/** A 1-coin-a-level book around 100: asks 100.05, 100.15 …; bids mirrored. */
const BOOK: CoinBook = {
  bids: [[99.95, 1], [99.85, 1], [99.75, 1]],
  asks: [[100.05, 1], [100.15, 1], [100.25, 1]],
};

const pairRow = (base: string, rank: number, long: VenueId, short: VenueId, stale = false) => row(base, {
  rank, longVenue: long, shortVenue: short,
  legs: [leg(long, -0.0002, { symbol: `${base}/USDT:USDT`, stale }), leg(short, 0.0004, { symbol: `${base}/USDT:USDT` })],
});

describe('which pairs a pass reads', () => {
  it('the best-ranked rows with a pair, in rank order, up to the count; a row whose leg went stale is skipped', () => {
    const rows = [pairRow('C', 3, 'okx', 'bybit'), pairRow('A', 1, 'binanceusdm', 'okx'), row('X', { rank: 2 }), pairRow('S', 4, 'gate', 'okx', true), pairRow('B', 2, 'bybit', 'gate'), pairRow('D', 5, 'bybit', 'okx')];
    expect(topPairs(rows, 3).map((p) => [p.base, p.long.venue, p.short.venue])).toEqual([['A', 'binanceusdm', 'okx'], ['B', 'bybit', 'gate'], ['C', 'okx', 'bybit']]);
  });
});

describe('a capacity pass', () => {
  it('reads every leg\'s book once, one at a time per venue, and publishes the pairs with their smaller leg', async () => {
    const inFlight = new Map<VenueId, number>();
    let most = 0;
    const asked: string[] = [];
    const published: CapacitySnapshot[] = [];
    const books = startCapacityBooks({
      rows: () => [pairRow('A', 1, 'binanceusdm', 'okx'), pairRow('B', 2, 'okx', 'bybit'), pairRow('C', 3, 'bybit', 'okx')],
      orderBook: async (venue, symbol, limit) => {
        asked.push(`${venue} ${symbol} ${limit}`);
        inFlight.set(venue, (inFlight.get(venue) ?? 0) + 1);
        most = Math.max(most, inFlight.get(venue)!);
        await Promise.resolve();
        inFlight.set(venue, inFlight.get(venue)! - 1);
        // Bybit's book is half as deep: it limits every pair it is in.
        return venue === 'bybit' ? { bids: BOOK.bids.map(([p, c]) => [p, c / 2]), asks: BOOK.asks.map(([p, c]) => [p, c / 2]) } : BOOK;
      },
      impactBps: () => 10,
      publish: (snapshot) => published.push(snapshot),
      now: () => 1_000,
      onError: (error) => { throw error; },
      firstAfterMs: 3_600_000,
    });
    const snapshot = (await books.pass())!;
    await books.stop();
    expect(asked).toHaveLength(6);
    expect(new Set(asked).size).toBe(6);
    expect(asked.every((a) => a.endsWith(' 50'))).toBe(true);
    expect(most).toBe(1);
    expect(published).toEqual([snapshot]);
    expect(books.latest()).toBe(snapshot);
    // 10 bps from the 100 mid: the first level (5 bps) and the second fill until the average is 100.10: 2 coins.
    const [a, b] = snapshot.pairs;
    expect(a.long).toMatchObject({ venue: 'binanceusdm', symbol: 'A/USDT:USDT', atLeast: false, bookAt: 1_000, error: null });
    expect(a.long.notionalUsd).toBeCloseTo(100.05 + 100.15, 9);
    // The short sells on the bids: 99.95 + 99.85, the smaller leg.
    expect(a.short.notionalUsd).toBeCloseTo(199.8, 9);
    expect(a.notionalUsd).toBe(a.short.notionalUsd);
    expect(b.short.venue).toBe('bybit');
    expect(b.notionalUsd).toBeCloseTo((99.95 + 99.85) / 2, 9);
  });

  it('a book that could not be read leaves its leg and its pair without a figure, in the venue\'s words', async () => {
    const books = startCapacityBooks({
      rows: () => [pairRow('A', 1, 'binanceusdm', 'okx')],
      orderBook: async (venue) => {
        if (venue === 'okx') throw new Error('OKX is rate-limiting this IP; retry after 2 s');
        return BOOK;
      },
      impactBps: () => 10,
      publish: () => {},
      now: () => 5,
      onError: (error) => { throw error; },
      firstAfterMs: 3_600_000,
    });
    const [pair] = (await books.pass())!.pairs;
    await books.stop();
    expect(pair.short).toEqual({ venue: 'okx', symbol: 'A/USDT:USDT', notionalUsd: null, atLeast: false, bookAt: null, error: 'OKX is rate-limiting this IP; retry after 2 s' });
    expect(pair.long.notionalUsd).toBeGreaterThan(0);
    expect(pair.notionalUsd).toBeNull();
  });

  it('publishes nothing before the engine has ranked a pair', async () => {
    const published: CapacitySnapshot[] = [];
    const books = startCapacityBooks({
      rows: () => [row('X')], orderBook: async () => BOOK, impactBps: () => 10, publish: (s) => published.push(s), now: () => 0,
      onError: (error) => { throw error; }, firstAfterMs: 3_600_000,
    });
    expect(await books.pass()).toBeNull();
    await books.stop();
    expect(published).toEqual([]);
  });
});
