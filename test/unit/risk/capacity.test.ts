/**
 * A pair's capacity at an impact (shared/risk/capacity.ts, docs/domain.md §4 "Capacity") on the
 * venues' recorded books (test/fixtures/venues: ccxt's recorded Aster and Binance USDⓈ-M
 * answers) and on a ladder whose answer is worked by hand, against a brute-force search over
 * the ticket's own book walk.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { legCapacity, pairCapacity } from '../../../shared/risk/capacity.ts';
import type { TwoSidedBook } from '../../../shared/risk/costs.ts';
import { bruteForceCapacity as bruteForce } from '../../fixtures/capacityReference.ts';

/** A recorded depth answer's levels as ccxt parses them: [price, coins] numbers (both venues state coins). */
function recordedBook(venue: string): TwoSidedBook {
  const { response } = JSON.parse(readFileSync(new URL(`../../fixtures/venues/${venue}/fetchOrderBook.json`, import.meta.url), 'utf8')) as { response: { bids: string[][]; asks: string[][] } };
  const levels = (rows: string[][]) => rows.map(([price, coins]) => [Number(price), Number(coins)] as [number, number]);
  return { bids: levels(response.bids), asks: levels(response.asks) };
}

describe('a leg\'s capacity on recorded books', () => {
  it('Aster BTC (a 0.1 spread at $106,627): 10 bps is never reached inside the one level recorded, so it takes at least that level', () => {
    const book = recordedBook('aster');
    expect(legCapacity(book, 'buy', 10)).toEqual({ notionalUsd: 8.092 * 106626.9, atLeast: true });
    expect(legCapacity(book, 'sell', 10)).toEqual({ notionalUsd: 8.266 * 106626.8, atLeast: true });
  });

  it('Binance USDⓈ-M BTC as recorded (42,651.10 / 42,878.00, a half-spread of 26.5 bps): nothing at 10 bps, the whole level at 30', () => {
    const book = recordedBook('binanceusdm');
    expect(legCapacity(book, 'buy', 10)).toEqual({ notionalUsd: 0, atLeast: false });
    expect(legCapacity(book, 'sell', 10)).toEqual({ notionalUsd: 0, atLeast: false });
    const buy = legCapacity(book, 'buy', 30)!;
    expect(buy.atLeast).toBe(true);
    expect(buy.notionalUsd).toBeCloseTo(7.011 * 42878, 6);
  });

  it('a book without a side has no mid to measure from: no figure, not zero', () => {
    const book = recordedBook('aster');
    expect(legCapacity({ bids: book.bids, asks: [] }, 'sell', 10)).toBeNull();
    expect(legCapacity({ bids: [], asks: book.asks }, 'buy', 10)).toBeNull();
  });
});

describe('a leg\'s capacity inside the book', () => {
  // Mid 100; asks 100.05 × 10, 100.15 × 10, 100.40 × 40; bids mirrored.
  const ladder: TwoSidedBook = {
    bids: [[99.95, 10], [99.85, 10], [99.6, 40]],
    asks: [[100.05, 10], [100.15, 10], [100.4, 40]],
  };

  it('solves inside the level where the average meets the impact: 20 bps on the buy side', () => {
    // Two levels average 100.10 (10 bps); the third at 100.40 pulls it to 100.20 after
    // x coins where (2002 + 100.4x) / (20 + x) = 100.2, x = 2 / 0.2 = 10: notional 2002 + 1004.
    const figure = legCapacity(ladder, 'buy', 20)!;
    expect(figure.atLeast).toBe(false);
    expect(figure.notionalUsd).toBeCloseTo(3006, 9);
    expect(figure.notionalUsd).toBeCloseTo(bruteForce(ladder, 'buy', 20), 6);
  });

  it('the sell side walks the bids down, mirrored', () => {
    const figure = legCapacity(ladder, 'sell', 20)!;
    expect(figure.notionalUsd).toBeCloseTo(1998 + 996, 9);
    expect(figure.notionalUsd).toBeCloseTo(bruteForce(ladder, 'sell', 20), 6);
  });

  it('does not depend on how the venue groups its levels', () => {
    const split = (levels: TwoSidedBook['asks']) => levels.flatMap(([price, coins]) => [[price, coins / 4], [price, coins * 3 / 4]]);
    const grouped = { bids: split(ladder.bids), asks: split(ladder.asks) };
    for (const bps of [6, 12, 25, 30]) {
      expect(legCapacity(grouped, 'buy', bps)!.notionalUsd).toBeCloseTo(legCapacity(ladder, 'buy', bps)!.notionalUsd, 9);
      expect(legCapacity(grouped, 'sell', bps)!.notionalUsd).toBeCloseTo(bruteForce(ladder, 'sell', bps), 6);
    }
  });

  it('a wider impact takes more, until the book as fetched runs out', () => {
    const notionals = [5, 10, 20, 30, 40].map((bps) => legCapacity(ladder, 'buy', bps)!);
    for (let i = 1; i < notionals.length; i++) expect(notionals[i].notionalUsd).toBeGreaterThanOrEqual(notionals[i - 1].notionalUsd);
    expect(notionals[4]).toEqual({ notionalUsd: 1000.5 + 1001.5 + 4016, atLeast: true });
  });
});

describe('a pair\'s capacity', () => {
  it('is its smaller leg\'s, a bound only when that leg\'s book ran out, and none while a leg has none', () => {
    expect(pairCapacity({ notionalUsd: 5e5, atLeast: true }, { notionalUsd: 2e5, atLeast: false })).toEqual({ notionalUsd: 2e5, atLeast: false });
    expect(pairCapacity({ notionalUsd: 1e5, atLeast: true }, { notionalUsd: 2e5, atLeast: false })).toEqual({ notionalUsd: 1e5, atLeast: true });
    expect(pairCapacity({ notionalUsd: 1e5, atLeast: true }, { notionalUsd: 1e5, atLeast: false })).toEqual({ notionalUsd: 1e5, atLeast: false });
    expect(pairCapacity(null, { notionalUsd: 1e5, atLeast: false })).toBeNull();
  });
});
