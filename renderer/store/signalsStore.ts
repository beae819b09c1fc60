import { create } from 'zustand';
import type { MarketSummary, Opportunity, SignalsBatch } from '../../shared/domain/signals.ts';
import { applySignalsBatches } from '../../shared/ipc/streamRules.ts';

/** The monitor's rows: one Opportunity per base asset, kept current from the `signals` stream. */
interface SignalsState {
  rows: ReadonlyMap<string, Opportunity>;
  summary: MarketSummary | null;
  /** False until the first snapshot arrived: the monitor shows its loading state until then. */
  loaded: boolean;
  apply(batches: readonly SignalsBatch[]): void;
}

export const useSignals = create<SignalsState>((set) => ({
  rows: new Map(),
  summary: null,
  loaded: false,
  apply: (batches) =>
    set((s) => ({
      rows: applySignalsBatches(s.rows, batches),
      summary: batches.length > 0 ? batches[batches.length - 1].summary : s.summary,
      loaded: s.loaded || batches.some((b) => b.full),
    })),
}));
