import { create } from 'zustand';
import type { VenueId } from '../../shared/domain/venues.ts';

export type SortKey = 'base' | 'spread' | 'apr' | 'carry' | 'breakEven' | 'next' | 'velocity' | 'regime' | 'rank' | `venue:${VenueId}`;
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
  venue: VenueId | null;
}

/** How the trader sorted and filtered the monitor, and which row has the cursor. */
interface MonitorViewState {
  sort: SortSpec;
  filter: MonitorFilter;
  cursor: string | null;
  setSort(key: SortKey): void;
  setFilter(patch: Partial<MonitorFilter>): void;
  setCursor(base: string | null): void;
}

/** Clicking the sorted column flips direction; a new column starts descending (biggest first) except the asset name. */
export function nextSort(current: SortSpec, key: SortKey): SortSpec {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'base' || key === 'next' || key === 'breakEven' || key === 'rank' ? 'asc' : 'desc' };
}

export const useMonitorView = create<MonitorViewState>((set) => ({
  sort: { key: 'rank', dir: 'asc' },
  filter: { search: '', triggeredOnly: false, confirmedOnly: false, minSpreadPer8h: 0, venue: null },
  cursor: null,
  setSort: (key) => set((s) => ({ sort: nextSort(s.sort, key) })),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  setCursor: (cursor) => set({ cursor }),
}));
