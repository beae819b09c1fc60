import { formatPct } from '../../ui/format.ts';

const DAY_S = 86_400;

export const CHART_RANGES = [
  { id: '7d', label: '7 d', days: 7 },
  { id: '30d', label: '30 d', days: 30 },
  { id: '90d', label: '90 d', days: 90 },
  { id: 'all', label: 'All', days: null },
] as const;
export type ChartRangeId = (typeof CHART_RANGES)[number]['id'];

/**
 * The time window (seconds) a range button shows: its days back from the newest point, cut at
 * the oldest point; null for All (the whole history, fitted).
 */
export function visibleWindow(range: ChartRangeId, first: number, last: number): { from: number; to: number } | null {
  const days = CHART_RANGES.find((r) => r.id === range)!.days;
  if (days === null) return null;
  return { from: Math.max(first, last - days * DAY_S), to: last };
}

/**
 * Axis and crosshair labels of a series in percent (the chart's values are already ×100):
 * four decimals with the sign, and a plain 0.0000% where the scale's float arithmetic lands a
 * tick a hair off zero (−1e-17 would otherwise read as −1.0000e-17).
 */
export const percentLabel = (percent: number): string => formatPct(percent / 100);

/** The same figure with its unit, for the legend. */
export const percentPer8h = (percent: number): string => `${percentLabel(percent)} /8h`;
