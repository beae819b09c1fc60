import { create } from 'zustand';
import type { CapacitySnapshot, PairCapacity } from '../../shared/domain/capacity.ts';

/** The last pass over the top rows' books (docs/domain.md §4 "Capacity"), its pairs by asset. */
interface CapacityState {
  snapshot: CapacitySnapshot | null;
  byBase: ReadonlyMap<string, PairCapacity>;
  /** Why the last snapshot could not be loaded; cleared by the next one. */
  error: string | null;
  /** A snapshot older than the one held (a reply overtaken by the stream) is ignored. */
  apply(snapshot: CapacitySnapshot | null): void;
  failed(message: string): void;
}

export const useCapacity = create<CapacityState>((set) => ({
  snapshot: null,
  byBase: new Map(),
  error: null,
  apply: (snapshot) => set((s) => {
    if (!snapshot || (s.snapshot && snapshot.computedAt < s.snapshot.computedAt)) return {};
    return { snapshot, byBase: new Map(snapshot.pairs.map((pair) => [pair.base, pair])), error: null };
  }),
  failed: (message) => set({ error: message }),
}));
