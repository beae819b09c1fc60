import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Leg, Opportunity } from '../../../shared/domain/signals.ts';
import { VENUE_IDS, type VenueId } from '../../../shared/domain/venues.ts';
import { bestSpread, extremeLeg } from '../../../shared/funding/spread.ts';
import { AssetGroup } from '../../../electron/engine/assetGroup.ts';
import { takerFeesFor } from '../../../electron/engine/carryCosts.ts';
import { legOf } from '../../../electron/engine/legs.ts';
import { OTHER_PAIRS, PairsMemo, VenueExtremes } from '../../../electron/engine/venuePairs.ts';
import { seededRandom } from '../../fixtures/engine/quoteSet.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { BASIS_MIN_SAMPLES } from '../../../electron/engine/basisHistory.ts';
import { RowDecoder, RowEncoder } from '../../../electron/engine/rowColumns.ts';
import { NOW, q } from './quotes.ts';


function rowOf(quotes: FundingQuote[], base = quotes[0].base): Opportunity {
  const row = new SignalEngine(DEFAULT_SETTINGS).apply(quotes, NOW).batch.upserts.find((r) => r.base === base);
  if (!row) throw new Error(`no row for ${base}`);
  return row;
}

describe('size: open interest and 24 h volume of the best pair', () => {
  it('is the smaller leg\'s, in USD; a venue outside the pair counts for nothing, fresh or stale', () => {
    const row = rowOf([
      q('binanceusdm', 'SOL', 0.0001, 8, { openInterestUsd: 3e7, volume24hUsd: 2e8 }),
      q('bybit', 'SOL', 0.0003, 8, { openInterestUsd: 1e7, volume24hUsd: 5e8 }),
      q('gate', 'SOL', 0.0002, 8, { openInterestUsd: 1e6, volume24hUsd: 1e6 }),
      q('okx', 'SOL', 0.0009, 8, { openInterestUsd: 1e3, volume24hUsd: 1e3, observedAt: NOW - 46_000 }),
    ]);
    expect([row.longVenue, row.shortVenue]).toEqual(['binanceusdm', 'bybit']);
    expect(row.openInterestUsd).toBe(1e7);
    expect(row.volume24hUsd).toBe(2e8);
  });

  it('is null when either leg does not report it: the smaller of a figure and an unknown is not known', () => {
    const row = rowOf([q('binanceusdm', 'SOL', 0.0001, 8, { openInterestUsd: 3e7, volume24hUsd: null }), q('bybit', 'SOL', 0.0003, 8, { openInterestUsd: null, volume24hUsd: 4e8 })]);
    expect(row.openInterestUsd).toBeNull();
    expect(row.volume24hUsd).toBeNull();
  });
});

describe('basis of the best pair', () => {
  it('is the short leg\'s mark per coin over the long leg\'s, minus 1, multipliers divided out', () => {
    // long Binance PEPE at 0.0100 a coin, short Bybit 1000PEPE at 10.05 per 1000 coins: the short sells 0.5 % above.
    const row = rowOf([
      q('binanceusdm', 'PEPE', 0.0001, 8, { markPrice: 0.01 }),
      q('bybit', 'PEPE', 0.0004, 8, { symbol: '1000PEPE/USDT:USDT', multiplier: 1000, markPrice: 10.05 }),
    ]);
    expect([row.longVenue, row.shortVenue]).toEqual(['binanceusdm', 'bybit']);
    expect(row.basis).toBeCloseTo(0.005, 12);
    expect(row.basisZ).toBeNull();
  });

  it('is null when a leg has no mark', () => {
    expect(rowOf([q('binanceusdm', 'SOL', 0.0001, 8, { markPrice: null }), q('bybit', 'SOL', 0.0003)]).basis).toBeNull();
  });

  it('has a z-score against the pair\'s earlier minutes once enough are kept', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const at = (minute: number, shortMark: number) => {
      const now = NOW + minute * 60_000;
      const quotes = [q('binanceusdm', 'SOL', 0.0001, 8, { markPrice: 100, observedAt: now }), q('bybit', 'SOL', 0.0003, 8, { markPrice: shortMark, observedAt: now })];
      return engine.apply(quotes, now).batch.upserts.find((r) => r.base === 'SOL')!;
    };
    // Basis alternates +0.1 % / +0.3 %: mean +0.2 %, sample sd ≈ 0.1 %.
    let row: Opportunity | undefined;
    for (let m = 0; m < BASIS_MIN_SAMPLES; m++) {
      row = at(m, m % 2 === 0 ? 100.1 : 100.3);
      expect(row.basisZ).toBeNull();
    }
    row = at(BASIS_MIN_SAMPLES, 100.5);
    const n = BASIS_MIN_SAMPLES;
    const sd = Math.sqrt((n * 0.001 ** 2) / (n - 1));
    expect(row.basis).toBeCloseTo(0.005, 12);
    expect(row.basisZ).toBeCloseTo(0.003 / sd, 6);
  });
});

describe('per-leg next settlement', () => {
  it('a 1 h long against an 8 h short: each leg\'s own next settlement, the row\'s Next the earliest', () => {
    const row = rowOf([q('hyperliquid', 'ETH', 0.00001, 1), q('binanceusdm', 'ETH', 0.0004, 8)]);
    expect([row.longVenue, row.shortVenue]).toEqual(['hyperliquid', 'binanceusdm']);
    expect(row.longNextFundingTime).toBe(Date.UTC(2026, 2, 1, 13));
    expect(row.shortNextFundingTime).toBe(Date.UTC(2026, 2, 1, 16));
    expect(row.nextFundingTime).toBe(row.longNextFundingTime);
  });
});

describe('the 2nd and 3rd best venue pairs', () => {
  // Per 8 h: Binance 0.01 %, Bybit 0.05 %, OKX 0.035 %, Gate 0.02 %.
  const quotes = [q('binanceusdm', 'XRP', 0.0001), q('bybit', 'XRP', 0.0005), q('okx', 'XRP', 0.00035), q('gate', 'XRP', 0.0002)];

  it('best Binance→Bybit 0.04 %; then Gate→Bybit 0.03 %, Binance→OKX 0.025 % (OKX→Bybit 0.015 % is 4th)', () => {
    const row = rowOf(quotes);
    expect([row.longVenue, row.shortVenue, row.spreadPer8h]).toEqual(['binanceusdm', 'bybit', expect.closeTo(0.0004, 12)]);
    expect(row.otherPairs!.map((p) => [p.longVenue, p.shortVenue])).toEqual([['gate', 'bybit'], ['binanceusdm', 'okx']]);
    expect(row.otherPairs![0].spreadPer8h).toBeCloseTo(0.0003, 12);
    expect(row.otherPairs![0].spreadApr).toBeCloseTo(0.0003 * 1095, 10);
    expect(row.otherPairs![1].spreadPer8h).toBeCloseTo(0.00025, 12);
    expect(row.otherPairs![0].netCarryPerDay).toBeCloseTo(3 * 0.0003 - row.otherPairs![0].roundTripFees / DEFAULT_SETTINGS.holdingDays, 12);
  });

  it('a venue listing two perps enters with its lowest as a long and its highest as a short, and never against itself', () => {
    const row = rowOf([q('binanceusdm', 'BTC', 0.0001), q('binanceusdm', 'BTC', 0.0009, 8, { symbol: 'BTC/USDC:USDC' }), q('bybit', 'BTC', 0.0003)]);
    expect([row.longVenue, row.shortVenue]).toEqual(['bybit', 'binanceusdm']);
    expect(row.otherPairs!.map((p) => [p.longVenue, p.shortVenue, p.spreadPer8h])).toEqual([['binanceusdm', 'bybit', expect.closeTo(0.0002, 12)]]);
  });

  it('only positive spreads: two venues at one rate have no other pair', () => {
    expect(rowOf([q('binanceusdm', 'ADA', 0.0001), q('bybit', 'ADA', 0.0001)]).otherPairs).toEqual([]);
  });

  it('each pair carries its legs\' next settlements and basis', () => {
    const row = rowOf([q('hyperliquid', 'DOT', 0.00001, 1, { markPrice: 100 }), q('binanceusdm', 'DOT', 0.0004, 8, { markPrice: 100.2 }), q('bybit', 'DOT', 0.0002, 4, { markPrice: 99.9 })]);
    const second = row.otherPairs![0];
    expect([second.longVenue, second.shortVenue]).toEqual(['hyperliquid', 'bybit']);
    expect(second.longNextFundingTime).toBe(Date.UTC(2026, 2, 1, 13));
    expect(second.shortNextFundingTime).toBe(Date.UTC(2026, 2, 1, 16));
    expect(second.basis).toBeCloseTo(99.9 / 100 - 1, 12);
  });

  it('travel through the row columns unchanged', () => {
    const row = rowOf(quotes);
    const [decoded] = new RowDecoder().decode(new RowEncoder().encode([row]));
    expect(decoded).toEqual(row);
  });
});


describe('otherPairs scans only the venues that can rank', () => {
  /** Every pair of a venue's low and another venue's high, ranked by spread then by venue order: the definition. */
  function everyPair(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId): Array<[VenueId, VenueId, number]> {
    const low = new Map<VenueId, Leg>(), high = new Map<VenueId, Leg>();
    for (const leg of fresh) {
      if (!low.has(leg.venue) || leg.ratePer8h < low.get(leg.venue)!.ratePer8h) low.set(leg.venue, leg);
      if (!high.has(leg.venue) || leg.ratePer8h > high.get(leg.venue)!.ratePer8h) high.set(leg.venue, leg);
    }
    const pairs: Array<[VenueId, VenueId, number, number]> = [];
    VENUE_IDS.forEach((l, li) => VENUE_IDS.forEach((s, si) => {
      if (l === s || !low.has(l) || !high.has(s) || (l === bestLong && s === bestShort)) return;
      pairs.push([l, s, high.get(s)!.ratePer8h - low.get(l)!.ratePer8h, li * VENUE_IDS.length + si]);
    }));
    pairs.sort((a, b) => b[2] - a[2] || a[3] - b[3]);
    return pairs.slice(0, OTHER_PAIRS).filter((p) => p[2] > 0).map(([l, s, spread]) => [l, s, spread]);
  }

  it('gives the two widest pairs of all v × (v − 1) on random legs with many equal rates, kept pairs included (seeded)', () => {
    const random = seededRandom(17);
    const fees = takerFeesFor(DEFAULT_SETTINGS);
    const memo = new PairsMemo();
    const check = (fresh: readonly Leg[]) => {
      const best = bestSpread(fresh);
      if (!best) return;
      const got = memo.get(fresh, best.longVenue, best.shortVenue, fees, DEFAULT_SETTINGS.holdingDays).map((p) => [p.longVenue, p.shortVenue, p.spreadPer8h]);
      expect(got).toEqual(everyPair(fresh, best.longVenue, best.shortVenue));
    };
    for (let trial = 0; trial < 3_000; trial++) {
      const quotes = Array.from({ length: 2 + Math.floor(random() * 14) }, (_, i) => {
        const venue = VENUE_IDS[Math.floor(random() * VENUE_IDS.length)];
        // Rates on a coarse grid: ties between venues are common, as between quiet perps.
        return q(venue, 'SOL', Math.round((random() - 0.4) * 8) * 0.00005, 8, { symbol: `SOL${i}/USDT:USDT` });
      });
      const fresh = quotes.map((quote) => legOf(quote, NOW)!);
      check(fresh);
      // A poll of one venue: one leg rebuilt with a new rate, the others the same objects (the memo keeps the pairs between them).
      const at = Math.floor(random() * fresh.length);
      const polled = fresh.map((leg, i) => (i === at ? legOf({ ...quotes[i], rate: Math.round((random() - 0.4) * 8) * 0.00005 }, NOW)! : leg));
      check(polled);
    }
  });
});

describe('the best pair from the asset group\'s columns', () => {
  it('is the pair and the two legs bestSpread and extremeLeg choose, on random legs with ties, stale legs and several symbols a venue (seeded)', () => {
    const random = seededRandom(23);
    for (let trial = 0; trial < 3_000; trial++) {
      const group = new AssetGroup('SOL');
      const count = 1 + Math.floor(random() * 14);
      for (let i = 0; i < count; i++) {
        const venue = VENUE_IDS[Math.floor(random() * VENUE_IDS.length)];
        // Coarse rates (ties between and within venues are common), some legs stale.
        const stale = random() < 0.2 ? { observedAt: NOW - 10 * 60_000 } : {};
        group.add(q(venue, 'SOL', Math.round((random() - 0.4) * 8) * 0.00005, 8, { symbol: `SOL${i}/USDT:USDT`, ...stale }), NOW);
      }
      const fresh = group.legsAt(NOW).filter((leg) => !leg.stale);
      const best = bestSpread(fresh);
      const slots = group.bestPair(new VenueExtremes());
      if (!best) {
        expect(slots).toBeNull();
        continue;
      }
      expect(slots).toBeTruthy();
      expect(group.legAt(slots!.longAt)).toBe(extremeLeg(fresh, best.longVenue, 'buy'));
      expect(group.legAt(slots!.shortAt)).toBe(extremeLeg(fresh, best.shortVenue, 'sell'));
      expect(slots!.spreadPer8h).toBe(best.spreadPer8h);
    }
  });
});
