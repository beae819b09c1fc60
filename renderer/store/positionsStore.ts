import { create } from 'zustand';
import type { Pair } from '../../shared/domain/orders.ts';

/** Every pair main knows, as main last sent it (the `positions` stream or `positions.list`). */
interface PositionsState {
  pairs: readonly Pair[];
  loaded: boolean;
  error: string | null;
  replace(pairs: readonly Pair[]): void;
  fail(error: string): void;
}

export const usePositions = create<PositionsState>((set) => ({
  pairs: [],
  loaded: false,
  error: null,
  replace: (pairs) => set({ pairs, loaded: true, error: null }),
  fail: (error) => set({ error }),
}));
