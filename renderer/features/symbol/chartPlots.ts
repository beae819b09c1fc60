import type { FundingPoint, FundingQuote, PricePoint } from '../../../shared/domain/quotes.ts';
import { isVenueId, VENUES } from '../../../shared/domain/venues.ts';
import { formatUsd } from '../../ui/format.ts';
import { fundingLines, priceLine, spreadLine, type SeriesPoint } from './buildSeries.ts';
import { chartPoints, liveFunding, liveMark, liveSpread, withLive, type LivePoint } from './livePoints.ts';
import { percentPer8h } from './chartRange.ts';

const PALETTE = ['#4fc3f7', '#ffb74d', '#ba68c8', '#81c784', '#f06292', '#fff176', '#90a4ae', '#a1887f'];

/** One series as the chart draws it and the legend names it. */
export interface Plot {
  key: string;
  /** Venue and symbol: the checkbox's name and the chart's description. */
  label: string;
  /** What the legend prints, the symbol left to the tooltip so the legend fits at 1280 px. */
  short: string;
  color: string;
  /** 0: funding pane (% per 8 h), 1: mark price pane (USD). */
  pane: 0 | 1;
  style: 'venue' | 'spread' | 'mark';
  /** Legend text of a value, with its unit. */
  format: (v: number) => string;
  points: SeriesPoint[];
  /** The last point is the venue's live rate, not a settlement. */
  live: LivePoint | null;
}

const venueLabel = (venue: string) => (isVenueId(venue) ? VENUES[venue].label : venue);
const usd = (v: number) => formatUsd(v);

/** Stored history only: recomputed when the history is reloaded, not on every tick. */
export interface StoredSeries {
  lines: ReturnType<typeof fundingLines>;
  spread: SeriesPoint[];
  price: ReturnType<typeof priceLine>;
}

export function storedSeries(funding: readonly FundingPoint[], prices: readonly PricePoint[]): StoredSeries {
  return { lines: fundingLines(funding), spread: spreadLine(funding), price: priceLine(prices) };
}

/** Every series of the chart: stored settlements with each venue's live rate, the spread, and the mark price with its live mark. */
export function chartPlots(stored: StoredSeries, quotes: readonly FundingQuote[]): Plot[] {
  const lines = withLive(stored.lines, liveFunding(quotes));
  const plots: Plot[] = lines.map((line, i) => ({
    key: line.key, label: `${venueLabel(line.venue)} ${line.symbol}`, short: venueLabel(line.venue), color: PALETTE[i % PALETTE.length], pane: 0, style: 'venue',
    format: percentPer8h, points: chartPoints(line), live: line.live,
  }));
  const spreadNow = liveSpread(lines, stored.spread);
  const spread = spreadNow ? [...stored.spread, spreadNow] : stored.spread;
  if (spread.length > 0) plots.push({ key: 'spread', label: 'spread (max − min)', short: 'spread', color: '#ffffff', pane: 0, style: 'spread', format: percentPer8h, points: spread, live: null });
  if (stored.price) {
    const now = liveMark(quotes, stored.price.venue, stored.price.points);
    const points = now ? [...stored.price.points, now] : stored.price.points;
    plots.push({ key: 'mark', label: `mark price ${venueLabel(stored.price.venue)}`, short: `mark ${venueLabel(stored.price.venue)}`, color: '#26a69a', pane: 1, style: 'mark', format: usd, points, live: null });
  }
  return plots;
}
