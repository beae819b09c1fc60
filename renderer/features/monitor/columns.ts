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
    { id: 'rank', label: '#', unit: 'rank', sortKey: 'rank', width: 46, title: 'Rank by expected net edge per day: funding under the pair\'s decay less costs both ways' },
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
    { id: 'edge', label: 'Exp. net', unit: '% /day', sortKey: 'edge', width: 72, title: 'Expected net edge per day to the planned exit: funding as the spread is expected to decay (fitted on this venue pair\'s history), less fees in and out and the entry basis from the marks, % of one leg notional (the ranking key)' },
    { id: 'carry', label: 'Net now', unit: '% /day', sortKey: 'carry', width: 64, title: 'Instantaneous: today\'s spread held for the whole holding period, less round-trip taker fees, % of one leg notional per day' },
    { id: 'history', label: 'n', unit: '8-h pts', sortKey: 'history', width: 48, title: 'Sample behind the decay fit: consecutive 8-h points of this pair\'s stored history; "d": too little history, the conservative default decay applies' },
    { id: 'breakEven', label: 'Break-even', unit: 'hours', sortKey: 'breakEven', width: 86, title: 'Hours until the funding expected under decay has paid the fees and the entry basis (the ticket uses the same rule with its costs at size)' },
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
