import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import { ratePer8h } from '../../../shared/funding/normalise.ts';

const HOUR_MS = 3_600_000;

/** A chart line: seconds since epoch (lightweight-charts' UTCTimestamp), strictly ascending. */
export interface SeriesPoint {
  time: number;
  value: number;
}

export interface FundingLine {
  key: string;
  venue: string;
  symbol: string;
  /** Percent per 8 h, so the axis reads in the terminal's display unit. */
  points: SeriesPoint[];
}

function ascendingUnique(points: SeriesPoint[]): SeriesPoint[] {
  points.sort((a, b) => a.time - b.time);
  const out: SeriesPoint[] = [];
  for (const p of points) {
    if (out.length > 0 && out[out.length - 1].time === p.time) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** One line per venue and symbol, each settlement normalised to % per 8 h by its own interval. */
export function fundingLines(points: readonly FundingPoint[]): FundingLine[] {
  const byKey = new Map<string, FundingLine>();
  for (const p of points) {
    const key = `${p.venue} ${p.symbol}`;
    let line = byKey.get(key);
    if (!line) byKey.set(key, (line = { key, venue: p.venue, symbol: p.symbol, points: [] }));
    line.points.push({ time: Math.floor(p.time / 1000), value: ratePer8h(p.rate, p.intervalHours) * 100 });
  }
  for (const line of byKey.values()) line.points = ascendingUnique(line.points);
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The cross-venue spread over time (% per 8 h): at every settlement instant of any line, each
 * venue's latest rate still in force (not older than `maxAgeHours`), highest minus lowest;
 * only where at least two venues have a rate.
 */
export function spreadLine(points: readonly FundingPoint[], maxAgeHours = 8): SeriesPoint[] {
  const sorted = [...points].sort((a, b) => a.time - b.time);
  const latest = new Map<string, { time: number; per8h: number }>();
  const out: SeriesPoint[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    latest.set(p.venue, { time: p.time, per8h: ratePer8h(p.rate, p.intervalHours) });
    if (i + 1 < sorted.length && sorted[i + 1].time === p.time) continue;
    let low = Infinity;
    let high = -Infinity;
    let venues = 0;
    for (const v of latest.values()) {
      if (p.time - v.time > maxAgeHours * HOUR_MS) continue;
      venues += 1;
      low = Math.min(low, v.per8h);
      high = Math.max(high, v.per8h);
    }
    if (venues >= 2) out.push({ time: Math.floor(p.time / 1000), value: (high - low) * 100 });
  }
  return out;
}

/** Mark price of one venue (the one with most points), in USD. */
export function priceLine(prices: readonly PricePoint[]): { venue: string; points: SeriesPoint[] } | null {
  const counts = new Map<string, number>();
  for (const p of prices) counts.set(p.venue, (counts.get(p.venue) ?? 0) + 1);
  let venue: string | null = null;
  for (const [v, n] of counts) if (venue === null || n > counts.get(venue)!) venue = v;
  if (venue === null) return null;
  return { venue, points: ascendingUnique(prices.filter((p) => p.venue === venue).map((p) => ({ time: Math.floor(p.time / 1000), value: p.close }))) };
}

/** The latest point at or before `time`: a settled rate stays in force until the next settlement. */
export function pointInForce(points: readonly SeriesPoint[], time: number): SeriesPoint | null {
  let lo = 0;
  let hi = points.length - 1;
  let found: SeriesPoint | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].time <= time) {
      found = points[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
