import { VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import type { SortKey } from '../../store/monitorViewStore.ts';

export interface Column {
  id: string;
  label: string;
  /** The unit every number in the column carries, printed in the header. */
  unit: string;
  /** Absent when the column does not sort. */
  sortKey?: SortKey;
  width: number;
  /** Longer wording for the header tooltip. */
  title: string;
  venue?: VenueId;
}

export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 40;

export function monitorColumns(venues: readonly VenueId[]): Column[] {
  return [
    { id: 'rank', label: '#', unit: 'rank', sortKey: 'rank', width: 46, title: 'Rank by expected net carry per day after fees' },
    { id: 'base', label: 'Asset', unit: '', sortKey: 'base', width: 88, title: 'Base asset (multiplier prefixes such as 1000 removed)' },
    ...venues.map((v): Column => ({
      id: `venue-${v}`,
      label: VENUES[v].label,
      unit: '% /8h',
      sortKey: `venue:${v}`,
      width: 104,
      venue: v,
      title: `${VENUES[v].label} funding rate normalised to 8 h; badge: settlement interval; p = predicted for the running period, s = last settled`,
    })),
    { id: 'spread', label: 'Spread', unit: '% /8h', sortKey: 'spread', width: 72, title: 'Highest minus lowest rate across venues, per 8 h' },
    { id: 'apr', label: 'Spread', unit: 'APR', sortKey: 'apr', width: 60, title: 'Spread as a simple annual rate' },
    { id: 'long', label: 'Long', unit: 'venue', width: 90, title: 'Go long where funding is lowest' },
    { id: 'short', label: 'Short', unit: 'venue', width: 90, title: 'Go short where funding is highest' },
    { id: 'carry', label: 'Net carry', unit: '% /day', sortKey: 'carry', width: 72, title: 'Expected carry per day after round-trip taker fees amortised over the holding period, % of one leg notional' },
    { id: 'breakEven', label: 'Break-even', unit: 'hours', sortKey: 'breakEven', width: 86, title: 'Hours of carry needed to pay the round-trip fees' },
    { id: 'next', label: 'Next', unit: 'hh:mm:ss', sortKey: 'next', width: 86, title: 'Countdown to the earliest next settlement over the legs' },
    { id: 'velocity', label: 'Velocity 1h', unit: '% /8h per h', sortKey: 'velocity', width: 86, title: 'Change of the mean rate per 8 h, per hour, over the last hour' },
    { id: 'regime', label: 'Regime', unit: 'mean % /8h', sortKey: 'regime', width: 78, title: 'Market regime of the mean rate per 8 h (domain table)' },
    { id: 'signal', label: 'Signal', unit: 'trigger · sector', width: 104, title: 'TRIG: spread at or above the trigger threshold; ✓ confirmed or ✗ contradicted (a probable trap) by the sector signal' },
  ];
}

/**
 * Left offset of the Asset column when the grid scrolls sideways: it sticks there, after the
 * rank, so that every row still says which asset it is.
 */
export function assetLeft(columns: readonly Column[]): number {
  const at = columns.findIndex((c) => c.id === 'base');
  return columns.slice(0, Math.max(0, at)).reduce((sum, c) => sum + c.width, 0);
}

export function gridTemplate(columns: readonly Column[]): string {
  return columns.map((c) => `${c.width}px`).join(' ');
}
