import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { ratePer8h } from '../../../shared/funding/normalise.ts';
import type { FundingLine, SeriesPoint } from './buildSeries.ts';

/** The running period's rate of one venue, placed at the settlement it will be paid at. */
export interface LivePoint extends SeriesPoint {
  /** `predicted`/`current` for the running period, `settled` when the venue publishes only the last paid rate. */
  kind: 'predicted' | 'current' | 'settled';
}

/** A chart line: the stored settlements and, after them, the live point (null once a settlement has overtaken it). */
export interface ChartLine extends FundingLine {
  live: LivePoint | null;
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const lineKey = (venue: string, symbol: string) => `${venue} ${symbol}`;

/**
 * The live rate of each of the base's quotes, % per 8 h. It sits at the quote's next settlement
 * (the rate is paid there), so when that settlement is stored it takes the live point's place.
 */
export function liveFunding(quotes: readonly FundingQuote[]): Map<string, LivePoint> {
  const out = new Map<string, LivePoint>();
  for (const q of quotes) {
    const rate = q.rate ?? q.lastSettledRate;
    if (rate === null) continue;
    const kind = q.rate === null || q.rateKind === 'settled' ? 'settled' : 'predicted';
    out.set(lineKey(q.venue, q.symbol), { time: seconds(q.nextFundingTime ?? q.observedAt), value: ratePer8h(rate, q.intervalHours) * 100, kind });
  }
  return out;
}

/** Stored lines with their live points; a venue quoted live but not yet stored gets a line of its own. */
export function withLive(stored: readonly FundingLine[], live: ReadonlyMap<string, LivePoint>): ChartLine[] {
  const lines: ChartLine[] = stored.map((line) => {
    const point = live.get(line.key) ?? null;
    const last = line.points[line.points.length - 1];
    return { ...line, live: point && (!last || point.time > last.time) ? point : null };
  });
  for (const [key, point] of live) {
    if (stored.some((l) => l.key === key)) continue;
    const [venue, symbol] = key.split(' ');
    lines.push({ key, venue, symbol, points: [], live: point });
  }
  return lines.sort((a, b) => a.key.localeCompare(b.key));
}

/** The line as the chart draws it: settlements, then the live point. */
export function chartPoints(line: ChartLine): SeriesPoint[] {
  return line.live ? [...line.points, { time: line.live.time, value: line.live.value }] : line.points;
}

/** Live spread (highest minus lowest live rate, % per 8 h) at the latest live point, with two venues or more. */
export function liveSpread(lines: readonly ChartLine[], storedSpread: readonly SeriesPoint[]): SeriesPoint | null {
  const live = lines.flatMap((l) => (l.live ? [l.live] : []));
  if (new Set(lines.filter((l) => l.live).map((l) => l.venue)).size < 2) return null;
  const time = Math.max(...live.map((p) => p.time));
  const last = storedSpread[storedSpread.length - 1];
  if (last && time <= last.time) return null;
  return { time, value: Math.max(...live.map((p) => p.value)) - Math.min(...live.map((p) => p.value)) };
}

/** The live mark of the price line's venue, on a one-minute grid so a stream of ticks moves one point. */
export function liveMark(quotes: readonly FundingQuote[], venue: string, stored: readonly SeriesPoint[]): SeriesPoint | null {
  const quote = quotes.filter((q) => q.venue === venue && q.markPrice !== null).sort((a, b) => b.observedAt - a.observedAt)[0];
  if (!quote) return null;
  const time = Math.floor(quote.observedAt / 60_000) * 60;
  const last = stored[stored.length - 1];
  return last && time <= last.time ? null : { time, value: quote.markPrice! };
}

const samePoint = (a: SeriesPoint, b: SeriesPoint) => a.time === b.time && a.value === b.value;

function samePrefix(a: readonly SeriesPoint[], b: readonly SeriesPoint[], length: number): boolean {
  for (let i = 0; i < length; i++) if (!samePoint(a[i], b[i])) return false;
  return true;
}

export type SeriesChange = { kind: 'none' } | { kind: 'update'; point: SeriesPoint } | { kind: 'set' };

/**
 * How a series moves from what it shows to `next`: `update` (lightweight-charts' series.update)
 * when only the last point changed its value or one later point was added, so a live tick costs
 * one point; `set` (series.setData) when anything earlier changed (a reload, a moved live point).
 * Either way the series then shows exactly `next`.
 */
export function seriesChange(shown: readonly SeriesPoint[], next: readonly SeriesPoint[]): SeriesChange {
  const last = next[next.length - 1];
  if (next.length === shown.length) {
    if (samePrefix(shown, next, next.length)) return { kind: 'none' };
    const prefixSame = samePrefix(shown, next, next.length - 1);
    return prefixSame && shown[shown.length - 1].time === last.time ? { kind: 'update', point: last } : { kind: 'set' };
  }
  const appended = next.length === shown.length + 1 && samePrefix(shown, next, shown.length) && (shown.length === 0 || last.time > shown[shown.length - 1].time);
  return appended ? { kind: 'update', point: last } : { kind: 'set' };
}
