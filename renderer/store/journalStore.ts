import { create } from 'zustand';
import type { JournalEntry, WinRateStats } from '../../shared/domain/orders.ts';

/** The journal as main last returned it, and the win-rate split over closed pairs. */
interface JournalState {
  entries: readonly JournalEntry[];
  stats: WinRateStats | null;
  loaded: boolean;
  error: string | null;
  set(patch: Partial<Pick<JournalState, 'entries' | 'stats' | 'loaded' | 'error'>>): void;
}

export const useJournal = create<JournalState>((set) => ({
  entries: [],
  stats: null,
  loaded: false,
  error: null,
  set: (patch) => set(patch),
}));
