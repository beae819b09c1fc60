/**
 * History as the quotes a live terminal would have held at each moment (docs/domain.md §7):
 * for every venue/symbol, at time t, the last settled rate at or before t, the next recorded
 * settlement after t and its interval, and the last close known at or before t as the mark.
 * Nothing dated after t reaches a quote: the rate of the running period is not known until it
 * settles (history records no predicted rate), so a quote carries `rate: null` and the settled
 * rate, labelled `settled`, exactly as a venue that publishes no running figure.
 */
import type { FundingPoint, FundingQuote, PricePoint } from '../../../shared/domain/quotes.ts';
import { parseUnifiedSymbol } from '../../../shared/domain/symbols.ts';
import { isVenueId, type VenueId } from '../../../shared/domain/venues.ts';

interface Settlement {
  time: number;
  rate: number;
  intervalHours: number;
}

export interface FeedSeries {
  venue: VenueId;
  symbol: string;
  base: string;
  multiplier: number;
  settlements: Settlement[];
  /** Closes at the time each became known, ascending. */
  prices: Array<{ time: number; close: number }>;
}

/** What the feed could not use, in words for the report. */
export interface FeedSkips {
  /** Venue/symbol series on venues the terminal does not trade. */
  venues: string[];
  /** Series without a single price on their venue and symbol. */
  unpriced: string[];
}

const key = (venue: string, symbol: string) => `${venue} ${symbol}`;

/** Groups the points into series of the venues the terminal trades, each sorted by time. */
export function feedSeries(funding: readonly FundingPoint[], prices: readonly PricePoint[]): { series: FeedSeries[]; skipped: FeedSkips } {
  const closes = new Map<string, Array<{ time: number; close: number }>>();
  for (const point of prices) {
    const list = closes.get(key(point.venue, point.symbol));
    if (list) list.push({ time: point.time, close: point.close });
    else closes.set(key(point.venue, point.symbol), [{ time: point.time, close: point.close }]);
  }
  const bySeries = new Map<string, FeedSeries>();
  const skippedVenues = new Set<string>();
  for (const point of funding) {
    const parsed = parseUnifiedSymbol(point.symbol);
    if (!isVenueId(point.venue) || parsed === null) {
      skippedVenues.add(key(point.venue, point.symbol));
      continue;
    }
    const id = key(point.venue, point.symbol);
    let series = bySeries.get(id);
    if (!series) {
      series = { venue: point.venue, symbol: point.symbol, base: parsed.base, multiplier: parsed.multiplier, settlements: [], prices: closes.get(id) ?? [] };
      bySeries.set(id, series);
    }
    series.settlements.push({ time: point.time, rate: point.rate, intervalHours: point.intervalHours });
  }
  const series: FeedSeries[] = [];
  const unpriced: string[] = [];
  for (const [id, one] of bySeries) {
    if (one.prices.length === 0) {
      unpriced.push(id);
      continue;
    }
    one.settlements.sort((a, b) => a.time - b.time);
    one.prices.sort((a, b) => a.time - b.time);
    series.push(one);
  }
  return { series, skipped: { venues: [...skippedVenues].sort(), unpriced: unpriced.sort() } };
}

/** Every moment something becomes known (a settlement, a close), ascending, from `from` to `to`. */
export function eventTimes(series: readonly FeedSeries[], from = -Infinity, to = Infinity): number[] {
  const times = new Set<number>();
  for (const one of series) {
    for (const s of one.settlements) if (s.time >= from && s.time <= to) times.add(s.time);
    for (const p of one.prices) if (p.time >= from && p.time <= to) times.add(p.time);
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * Quotes as of a moving time. Time only moves forward (`at` with a smaller t throws), so each
 * series keeps a cursor and a whole replay costs O(rows), not O(rows × steps).
 */
export class HistoryFeed {
  private readonly series: readonly FeedSeries[];
  private readonly settled: number[];
  private readonly priced: number[];
  private last = -Infinity;
  private current: FundingQuote[] = [];

  constructor(series: readonly FeedSeries[]) {
    this.series = series;
    this.settled = series.map(() => -1);
    this.priced = series.map(() => -1);
  }

  /**
   * The quotes known at `t`. A series gives none before its first settlement and first close,
   * nor once its record ends (no next settlement recorded: the history does not say when, or
   * whether, it pays again).
   */
  at(t: number): FundingQuote[] {
    if (t < this.last) throw new RangeError(`history feed: time moves forward only (${new Date(t).toISOString()} after ${new Date(this.last).toISOString()})`);
    this.last = t;
    const quotes: FundingQuote[] = [];
    this.series.forEach((one, i) => {
      while (this.settled[i] + 1 < one.settlements.length && one.settlements[this.settled[i] + 1].time <= t) this.settled[i]++;
      while (this.priced[i] + 1 < one.prices.length && one.prices[this.priced[i] + 1].time <= t) this.priced[i]++;
      const settled = one.settlements[this.settled[i]];
      const next = one.settlements[this.settled[i] + 1];
      const price = one.prices[this.priced[i]];
      if (settled === undefined || next === undefined || price === undefined) return;
      quotes.push({
        venue: one.venue, symbol: one.symbol, base: one.base, multiplier: one.multiplier,
        rate: null, rateKind: 'settled', lastSettledRate: settled.rate,
        // The running period is the one the next settlement closes: its interval is that row's.
        intervalHours: next.intervalHours, nextFundingTime: next.time,
        markPrice: price.close, indexPrice: null, volume24hUsd: null, openInterestUsd: null, observedAt: t,
      });
    });
    this.current = quotes;
    return quotes;
  }

  /** The quotes of the last `at`. */
  quotes(): FundingQuote[] {
    return this.current;
  }

  /** The last close of a series known at `time` (venue price units), for the simulator's book. */
  static closeAt(one: FeedSeries, time: number): number | undefined {
    let lo = 0;
    let hi = one.prices.length - 1;
    if (hi < 0 || one.prices[0].time > time) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (one.prices[mid].time <= time) lo = mid;
      else hi = mid - 1;
    }
    return one.prices[lo].close;
  }
}
