import { describe, expect, it } from 'vitest';
import { Market } from '../../../electron/simulator/market.ts';
import { buildUniverse } from '../../../electron/simulator/universe.ts';
import { VENUE_IDS, type VenueId } from '../../../shared/domain/venues.ts';

const START = Date.UTC(2026, 2, 4, 10, 20);
const HOUR = 3_600_000;

function market(size = 120, seed = 3) {
  let now = START;
  const m = new Market({ seed, now: () => now, universe: buildUniverse([...VENUE_IDS], size), startTime: START });
  return { m, step: (ms: number) => { now += ms; } };
}

function per8h(rate: number, hours: number) {
  return (rate * 8) / hours;
}

function quantile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))];
}

describe('simulated market', () => {
  const { m } = market();
  const binance = m.instruments('binanceusdm');

  it('prices start at the asset table’s levels', () => {
    expect(m.indexPrice('binanceusdm', 'BTCUSDT')).toBeCloseTo(70_000, -3);
    expect(m.indexPrice('binanceusdm', '1000PEPEUSDT') / m.indexPrice('okx', 'PEPE-USDT-SWAP')).toBeCloseTo(1000, -1);
  });

  it('rates look like Binance’s (calibrated on the 2026 Q1 recording): most at the 0.01 % interest rate, the median |rate| 0.01 % per 8 h, a tail beyond 0.05 %', () => {
    const rates = binance.flatMap((i) => m.fundingHistory('binanceusdm', i.id).map((s) => per8h(s.rate, s.intervalHours)));
    const atInterest = rates.filter((r) => Math.abs(r - 0.0001) < 1e-9).length / rates.length;
    expect(atInterest).toBeGreaterThan(0.4);
    expect(atInterest).toBeLessThan(0.8);
    expect(quantile(rates.map(Math.abs), 0.5)).toBeCloseTo(0.0001, 6);
    expect(quantile(rates.map(Math.abs), 0.9)).toBeGreaterThan(0.0003);
    expect(quantile(rates.map(Math.abs), 0.9)).toBeLessThan(0.002);
  });

  it('OKX has no interest band: its rates rarely sit exactly on the interest rate', () => {
    const rates = m.instruments('okx').flatMap((i) => m.fundingHistory('okx', i.id).map((s) => per8h(s.rate, s.intervalHours)));
    expect(rates.filter((r) => Math.abs(r - 0.0001) < 1e-9).length / rates.length).toBeLessThan(0.05);
  });

  it('cross-venue spreads are typically 0.01–0.08 % per 8 h, and sometimes wider than 0.15 %', () => {
    const spreads: number[] = [];
    const { m: moving, step } = market(80, 11);
    for (let hour = 0; hour < 48; hour += 6) {
      for (const asset of moving.universe.assets) {
        const rates = VENUE_IDS.flatMap((venue: VenueId) => {
          const listing = moving.universe.listings(venue).find((l) => l.asset === asset);
          if (!listing) return [];
          const f = moving.funding(venue, listing.instrument.id);
          return [per8h(f.rate, f.intervalHours)];
        });
        if (rates.length >= 3) spreads.push(Math.max(...rates) - Math.min(...rates));
      }
      step(6 * HOUR);
    }
    expect(quantile(spreads, 0.5)).toBeGreaterThan(0.0001);
    expect(quantile(spreads, 0.5)).toBeLessThan(0.0008);
    expect(spreads.some((s) => s > 0.0015)).toBe(true);
  });

  it('sectors diverge: the spread of sector-mean rates exceeds 0.02 % per 8 h at some point in 30 days', () => {
    const bySector = new Map<string, Map<number, number[]>>();
    for (const instrument of binance) {
      const sector = m.listing('binanceusdm', instrument.id).asset.sector;
      for (const s of m.fundingHistory('binanceusdm', instrument.id)) {
        const day = Math.floor(s.time / 86_400_000);
        const days = bySector.get(sector) ?? new Map<number, number[]>();
        days.set(day, [...(days.get(day) ?? []), per8h(s.rate, s.intervalHours)]);
        bySector.set(sector, days);
      }
    }
    const days = [...bySector.values().next().value!.keys()];
    const divergence = days.map((day) => {
      const means = [...bySector.values()].map((d) => d.get(day) ?? []).filter((r) => r.length).map((r) => r.reduce((a, b) => a + b, 0) / r.length);
      return Math.max(...means) - Math.min(...means);
    });
    expect(Math.max(...divergence)).toBeGreaterThan(0.0002);
  });

  it('squeezes push a few small caps to their cap within 30 days, and Binance moves those to 1-hour settlements', () => {
    const wide = new Market({ seed: 42, now: () => START, universe: buildUniverse(['binanceusdm'], 538), startTime: START });
    const switched = wide.instruments('binanceusdm').filter((instrument) => {
      const history = wide.fundingHistory('binanceusdm', instrument.id);
      return history.some((s, i) => i > 0 && Math.abs(history[i - 1].rate) >= instrument.fundingCap && s.intervalHours === 1);
    });
    expect(switched.length).toBeGreaterThan(0);
    expect(switched.length).toBeLessThan(60);
    expect(switched.every((i) => wide.listing('binanceusdm', i.id).asset.rank >= 100)).toBe(true);
  });

  it('settlements fall on UTC multiples of each symbol’s interval', () => {
    for (const instrument of binance.slice(0, 40)) {
      for (const s of m.fundingHistory('binanceusdm', instrument.id)) expect(s.time % (s.intervalHours * HOUR)).toBe(0);
    }
  });

  it('the book straddles the mark, and liquid books are tighter than thin ones', () => {
    const spreadOf = (id: string) => {
      const book = m.orderBook('binanceusdm', id, 5);
      expect(book.bids[0][0]).toBeLessThan(book.asks[0][0]);
      expect(book.bids[0][0]).toBeLessThanOrEqual(m.markPrice('binanceusdm', id));
      expect(book.asks[0][0]).toBeGreaterThanOrEqual(m.markPrice('binanceusdm', id));
      return (book.asks[0][0] - book.bids[0][0]) / m.markPrice('binanceusdm', id);
    };
    expect(spreadOf('BTCUSDT')).toBeLessThan(spreadOf(binance.at(-1)!.id));
  });

  it('candles are consistent: low ≤ open, close ≤ high, consecutive and ending now', () => {
    const candles = m.candles('binanceusdm', 'ETHUSDT', 15 * 60_000, { limit: 20 });
    expect(candles).toHaveLength(20);
    for (const c of candles) {
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
    }
    expect(candles.at(-1)!.time).toBe(Math.floor(START / (15 * 60_000)) * 15 * 60_000);
  });

  it('setting a price moves the asset on every venue', () => {
    const { m: local } = market(20);
    local.setPrice('binanceusdm', 'ETHUSDT', 3000);
    expect(local.indexPrice('binanceusdm', 'ETHUSDT')).toBeCloseTo(3000, 0);
    expect(local.indexPrice('bybit', 'ETHUSDT')).toBeCloseTo(3000, 0);
  });

  it('an unknown instrument is refused with an error naming venue and id', () => {
    expect(() => m.funding('okx', 'NOPE-USDT-SWAP')).toThrow(/okx lists no instrument "NOPE-USDT-SWAP"/);
  });
});
