import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { z } from 'zod';
import { VENUE_IDS, type VenueId } from '../../shared/domain/venues.ts';
import { viewPersistence } from './persistedView.ts';

export type SortKey = 'base' | 'spread' | 'apr' | 'edge' | 'carry' | 'history' | 'breakEven' | 'next' | 'velocity' | 'regime' | 'rank' | 'oi' | 'volume' | 'capacity' | 'basis' | 'basisZ' | `venue:${VenueId}`;
export interface SortSpec {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface MonitorFilter {
  search: string;
  triggeredOnly: boolean;
  /** Only rows the sector signal confirms (alignment tag "confirmed"). */
  confirmedOnly: boolean;
  /** Decimal per 8 h; rows below are hidden. */
  minSpreadPer8h: number;
  /** USD; rows below are hidden, and so are rows with no figure while the minimum is set. */
  minOpenInterestUsd: number;
  minVolume24hUsd: number;
  /** USD; rows whose best pair has no book figure at least this large are hidden (only the top rows' books are read). */
  minCapacityUsd: number;
  venue: VenueId | null;
  /** Only the columns of venues with an API key in the vault, and rows whose best pair is on two of them. */
  tradableOnly: boolean;
}

/** How the trader sorted and filtered the monitor, and which row has the cursor. */
interface MonitorViewState {
  sort: SortSpec;
  filter: MonitorFilter;
  cursor: string | null;
  /** Assets whose other venue pairs are shown under their row. */
  expanded: ReadonlySet<string>;
  setExpanded(base: string, open: boolean): void;
  /** Monitor column ids the trader hid (Columns…). */
  hiddenColumns: readonly string[];
  /** Column ids the trader turned on by hand (Columns…): they never give way for room (fitColumns). */
  chosenColumns: readonly string[];
  /** Columns…: on shows the column even where it has no room (others give way), off hides it. */
  setColumnShown(id: string, on: boolean): void;
  setSort(key: SortKey): void;
  setFilter(patch: Partial<MonitorFilter>): void;
  setCursor(base: string | null): void;
}

/**
 * Monitor columns hidden until the trader turns them on (Columns…): OI and the basis say most of
 * what volume and basis z add; more than eight venue columns do not fit 1600 px beside the rest,
 * so BingX's (the ninth, traded), Paradex's and Lighter's (the tenth and eleventh, monitored only) start hidden. Their
 * quotes still count everywhere (docs/screens.md).
 */
export const DEFAULT_HIDDEN_COLUMNS: readonly string[] = ['volume', 'basisZ', 'paid', 'venue-bingx', 'venue-paradex', 'venue-lighter'];

/** Clicking the sorted column flips direction; a new column starts descending (biggest first) except the asset name. */
export function nextSort(current: SortSpec, key: SortKey): SortSpec {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'base' || key === 'next' || key === 'breakEven' || key === 'rank' ? 'asc' : 'desc' };
}

const SORT_KEYS = ['base', 'spread', 'apr', 'oi', 'volume', 'capacity', 'basis', 'basisZ', 'carry', 'breakEven', 'next', 'velocity', 'regime', 'rank', ...VENUE_IDS.map((v) => `venue:${v}` as const)] as const;
const VenueSchema = z.enum(VENUE_IDS as unknown as [VenueId, ...VenueId[]]);
/** The sort and the filters come back after a restart; the typed search does not (rows hidden by a forgotten word look missing). */
const SavedView = z.object({
  sort: z.object({ key: z.enum(SORT_KEYS), dir: z.enum(['asc', 'desc']) }),
  filter: z.object({ triggeredOnly: z.boolean(), confirmedOnly: z.boolean(), minSpreadPer8h: z.number().min(0).max(0.05), minOpenInterestUsd: z.number().min(0).default(0), minVolume24hUsd: z.number().min(0).default(0), minCapacityUsd: z.number().min(0).default(0), venue: VenueSchema.nullable(), tradableOnly: z.boolean().default(false) }),
  hiddenColumns: z.array(z.string().max(40)).max(40).default([...DEFAULT_HIDDEN_COLUMNS]),
  chosenColumns: z.array(z.string().max(40)).max(40).default([]),
}).transform(({ sort, filter, hiddenColumns, chosenColumns }) => ({ sort, filter: { ...filter, search: '' }, hiddenColumns, chosenColumns }));

export const useMonitorView = create<MonitorViewState>()(persist((set) => ({
  sort: { key: 'rank', dir: 'asc' },
  filter: { search: '', triggeredOnly: false, confirmedOnly: false, minSpreadPer8h: 0, minOpenInterestUsd: 0, minVolume24hUsd: 0, minCapacityUsd: 0, venue: null, tradableOnly: false },
  cursor: null,
  hiddenColumns: DEFAULT_HIDDEN_COLUMNS,
  chosenColumns: [],
  expanded: new Set(),
  setExpanded: (base, open) => set((s) => {
    if (s.expanded.has(base) === open) return {};
    const expanded = new Set(s.expanded);
    if (open) expanded.add(base);
    else expanded.delete(base);
    return { expanded };
  }),
  setColumnShown: (id, on) => set((s) => ({
    hiddenColumns: on ? s.hiddenColumns.filter((c) => c !== id) : [...new Set([...s.hiddenColumns, id])],
    chosenColumns: on ? [...new Set([...s.chosenColumns, id])] : s.chosenColumns.filter((c) => c !== id),
  })),
  setSort: (key) => set((s) => ({ sort: nextSort(s.sort, key) })),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  setCursor: (cursor) => set({ cursor }),
}), viewPersistence('monitor-view', (s: MonitorViewState) => ({ sort: s.sort, filter: s.filter, hiddenColumns: s.hiddenColumns, chosenColumns: s.chosenColumns }), SavedView)));
