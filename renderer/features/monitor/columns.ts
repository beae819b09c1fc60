import { MONITORING_ONLY_VENUES, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import type { SortKey } from '../../store/monitorViewStore.ts';

export interface Column {
  id: string;
  label: string;
  /** The unit every number in the column carries, printed in the header. */
  unit: string;
  /** Absent when the column does not sort. */
  sortKey?: SortKey;
  /** Width at which nothing in it is cut; the fitted width lies between it and `width`. */
  minWidth: number;
  width: number;
  /** Numbers are right-aligned so their digits line up. */
  numeric: boolean;
  /**
   * 0: always shown. Higher: hidden first when the window is too narrow (the trader may hide
   * any column but rank and asset). Long and Short repeat the ▲/▼ marks of the venue cells, so
   * they go first, together; OI and basis go last, after the decay fit's sample (n), the book
   * capacity and the volume (docs/screens.md, "The monitor fits the window"). Venue columns have
   * none of their own: they give way between orders 4 and 3 (dropSteps).
   */
  dropOrder: number;
  /** Longer wording for the header tooltip. */
  title: string;
  venue?: VenueId;
}

export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 40;

type Spec = Omit<Column, 'minWidth' | 'numeric' | 'dropOrder'> & Partial<Pick<Column, 'minWidth' | 'numeric' | 'dropOrder'>>;
const column = (spec: Spec): Column => ({ minWidth: spec.width, numeric: true, dropOrder: 0, ...spec });

export function monitorColumns(venues: readonly VenueId[]): Column[] {
  return [
    column({ id: 'rank', label: '#', unit: 'rank', sortKey: 'rank', minWidth: 45, width: 48, title: 'Rank by expected net edge per day: funding under the pair\'s decay less costs both ways' }),
    // The ▸ expander of the other venue pairs sits before the name.
    column({ id: 'base', label: 'Asset', unit: '', sortKey: 'base', minWidth: 90, width: 100, numeric: false, title: 'Base asset (multiplier prefixes such as 1000 removed)' }),
    ...venues.map((v): Column => column({
      id: `venue-${v}`,
      label: VENUES[v].label,
      unit: '% /8h',
      sortKey: `venue:${v}`,
      // ▲, a signed rate to four decimals and the interval badge: 113 px, whatever the row.
      minWidth: 113,
      width: 116,
      venue: v,
      title: `${VENUES[v].label}${MONITORING_ONLY_VENUES.has(v) ? ' (monitoring only, not tradable in this build)' : ''} funding rate normalised to 8 h; ▲ long leg, ▼ short leg; badge: settlement interval; p = predicted for the running period, s = last settled`,
    })),
    column({ id: 'spread', label: 'Spread', unit: '% /8h', sortKey: 'spread', minWidth: 70, width: 76, title: 'Highest minus lowest rate across venues, per 8 h' }),
    column({ id: 'apr', label: 'Spread', unit: 'APR', sortKey: 'apr', minWidth: 58, width: 64, title: 'Spread as a simple annual rate' }),
    column({ id: 'oi', label: 'OI', unit: 'USD', sortKey: 'oi', minWidth: 60, width: 66, dropOrder: 1, title: 'Open interest of the best pair\'s smaller leg (the one a trader runs into first), USD; – when a leg\'s venue does not report it; k = thousand, M = million, B = billion' }),
    column({ id: 'volume', label: 'Vol 24h', unit: 'USD', sortKey: 'volume', minWidth: 60, width: 66, dropOrder: 2, title: '24 h traded volume of the best pair\'s smaller leg (the one a trader runs into first), USD; – when a leg\'s venue does not report it; k = thousand, M = million, B = billion' }),
    column({ id: 'capacity', label: 'Capacity', unit: 'USD', sortKey: 'capacity', minWidth: 66, width: 72, dropOrder: 2, title: 'Max notional of the best pair before its average fill is the Settings impact (Capacity impact, bps) from the mid, from the legs\' order books: the long on the asks, the short on the bids, the smaller leg\'s; ≥: the levels read ran out first; – : no figure (only the top 30 ranked pairs\' books are read, every 45 s; the cell\'s tooltip says why); k = thousand, M = million' }),
    column({ id: 'basis', label: 'Basis', unit: '%', sortKey: 'basis', minWidth: 60, width: 66, dropOrder: 1, title: 'Price gap of the best pair: short leg\'s mark over the long leg\'s, minus 1, per coin. + : the short sells above where the long buys (in the trade\'s favour at entry); − : the long pays up, a cost unless the gap closes' }),
    column({ id: 'basisZ', label: 'Basis z', unit: 'σ', sortKey: 'basisZ', minWidth: 56, width: 60, dropOrder: 4, title: 'The basis against the same venue pair\'s last 6 h of one-minute samples, in standard deviations; – until the engine has kept 30 minutes of it (not seeded from the store)' }),
    column({ id: 'long', label: 'Long', unit: 'venue', minWidth: 92, width: 96, numeric: false, dropOrder: 7, title: 'Go long where funding is lowest (the ▲ venue cell)' }),
    column({ id: 'short', label: 'Short', unit: 'venue', minWidth: 92, width: 96, numeric: false, dropOrder: 7, title: 'Go short where funding is highest (the ▼ venue cell)' }),
    column({ id: 'edge', label: 'Exp. net', unit: '% /day', sortKey: 'edge', minWidth: 72, width: 76, title: 'Expected net edge per day to the planned exit: funding as the spread is expected to decay (fitted on this venue pair\'s history), less the costs both ways at the quotes\' touch (fees, half the bid–ask spread in and out on each leg, the entry basis), % of one leg notional (the ranking key); ≈: a venue quoted no bid/ask and a 0.05% half-spread is assumed' }),
    column({ id: 'carry', label: 'Net now', unit: '% /day', sortKey: 'carry', minWidth: 64, width: 70, dropOrder: 6, title: 'Instantaneous: today\'s spread held for the whole holding period, less round-trip taker fees, % of one leg notional per day' }),
    column({ id: 'paid', label: 'Paid 7d', unit: '% sum', minWidth: 104, width: 110, dropOrder: 4, title: 'What the best pair collected over the last 7 days: the short leg\'s settled funding less the long leg\'s, summed, % of one leg notional, from the store (stored history, else the settlements the terminal saw live); faded where a leg misses settlements; the line: the pair\'s spread per 8 h in each 8-h bucket of the week. The tooltip adds 1 d and 30 d' }),
    column({ id: 'history', label: 'n', unit: '8-h pts', sortKey: 'history', minWidth: 48, width: 52, dropOrder: 3, title: 'Sample behind the decay fit: consecutive 8-h points of this pair\'s stored history; "d": too little history, the conservative default decay applies' }),
    column({ id: 'breakEven', label: 'Break-even', unit: 'hours', sortKey: 'breakEven', minWidth: 85, width: 88, title: 'Hours until the funding expected under decay has paid the fees and the entry basis (the ticket uses the same rule with its costs at size)' }),
    column({ id: 'next', label: 'Next', unit: 'hh:mm:ss', sortKey: 'next', minWidth: 90, width: 96, title: 'Countdown to the best pair\'s next settlement and which leg pays it: L long, S short, L+S both; the tooltip gives each leg\'s own' }),
    column({ id: 'velocity', label: 'Velocity 1h', unit: '% /8h per h', sortKey: 'velocity', minWidth: 80, width: 86, dropOrder: 6, title: 'Change of the mean rate per 8 h, per hour, over the last hour' }),
    column({ id: 'regime', label: 'Regime', unit: 'mean % /8h', sortKey: 'regime', minWidth: 76, width: 84, numeric: false, dropOrder: 5, title: 'Market regime of the mean rate per 8 h (domain table)' }),
    column({ id: 'signal', label: 'Signal', unit: 'trigger · sector', minWidth: 92, width: 104, numeric: false, title: 'TRIG: spread at or above the trigger threshold; ✓ confirmed or ✗ contradicted (a probable trap) by the sector signal' }),
  ];
}

/** Columns the trader can hide (Columns…): all but rank and asset, which name the row. */
export const hideable = (c: Column): boolean => c.id !== 'rank' && c.id !== 'base';

/**
 * Venue columns kept however narrow the window (unless the trader hides them): the grid scrolls
 * sideways below that. Four leave 1280 px room for Capacity, OI and Basis beside the key
 * columns; a best pair's leg on a venue whose column gave way is named in its Asset cell
 * (OffGridLegs.tsx).
 */
export const MIN_VENUE_COLUMNS = 4;

/**
 * The order columns give way when even the narrowest widths do not fit: the groups of drop order
 * 4 and up (Long with Short, Net now with Velocity, Regime, Basis z with Paid 7d), then venue
 * columns one at a time down to MIN_VENUE_COLUMNS (monitoring-only venues first, then the last
 * listed first), then n, then Capacity with volume, and last OI with Basis. A column the trader
 * turned on by hand (`chosen`) never gives way (docs/screens.md, "The monitor fits the window").
 */
function dropSteps(shown: readonly Column[], chosen: ReadonlySet<string>): string[][] {
  const free = shown.filter((c) => !chosen.has(c.id));
  const group = (order: number) => free.filter((c) => !c.venue && c.dropOrder === order).map((c) => c.id);
  const orders = [...new Set(free.filter((c) => !c.venue).map((c) => c.dropOrder).filter((o) => o > 0))].sort((a, b) => b - a);
  const venues = shown.filter((c) => c.venue);
  const byLastFirst = [...free.filter((c) => c.venue)].reverse();
  const venueSteps = [...byLastFirst.filter((c) => MONITORING_ONLY_VENUES.has(c.venue!)), ...byLastFirst.filter((c) => !MONITORING_ONLY_VENUES.has(c.venue!))]
    .slice(0, Math.max(0, venues.length - MIN_VENUE_COLUMNS))
    .map((c) => [c.id]);
  return [...orders.filter((o) => o >= 4).map(group), ...venueSteps, ...orders.filter((o) => o < 4).map(group)].filter((step) => step.length > 0);
}

/**
 * The columns shown in `available` px: the trader's hidden ones out, then, while even the
 * narrowest widths do not fit, the next step of `dropSteps`; the room left widens every column
 * towards its preferred width alike. Returns the shown columns and the ids dropped for room.
 */
export function fitColumns(columns: readonly Column[], available: number, hidden: ReadonlySet<string>, chosen: ReadonlySet<string> = new Set()): { shown: Column[]; dropped: string[] } {
  let shown = columns.filter((c) => !hidden.has(c.id));
  const dropped: string[] = [];
  const minTotal = (cs: readonly Column[]) => cs.reduce((sum, c) => sum + c.minWidth, 0);
  for (const step of dropSteps(shown, chosen)) {
    if (minTotal(shown) <= available) break;
    dropped.push(...step);
    shown = shown.filter((c) => !step.includes(c.id));
  }
  const slack = shown.reduce((sum, c) => sum + c.width - c.minWidth, 0);
  const share = slack > 0 ? Math.max(0, Math.min(1, (available - minTotal(shown)) / slack)) : 0;
  return { shown: shown.map((c) => ({ ...c, width: Math.floor(c.minWidth + (c.width - c.minWidth) * share) })), dropped };
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
