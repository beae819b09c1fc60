import { create } from 'zustand';
import type { VenueHealth } from '../../shared/domain/quotes.ts';
import type { VenueId } from '../../shared/domain/venues.ts';

/** Per-venue health as last reported; a stream payload carries the venues that changed. */
interface HealthState {
  venues: Partial<Record<VenueId, VenueHealth>>;
  apply(reports: readonly VenueHealth[]): void;
  /** Forgets the reports of venues switched off (their chips leave the status bar). */
  dropVenues(off: readonly VenueId[]): void;
}

export const useHealth = create<HealthState>((set) => ({
  venues: {},
  apply: (reports) =>
    set((s) => {
      const venues = { ...s.venues };
      for (const r of reports) venues[r.venue] = r;
      return { venues };
    }),
  dropVenues: (off) => set((s) => ({ venues: Object.fromEntries(Object.entries(s.venues).filter(([venue]) => !off.includes(venue as VenueId))) })),
}));
