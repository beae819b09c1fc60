import { create } from 'zustand';
import type { FundingQuote } from '../../shared/domain/quotes.ts';

import { quoteKey } from '../../shared/ipc/streamRules.ts';

/** Latest quote per venue and symbol (the funding-windows calendar reads these). */
interface QuotesState {
  quotes: ReadonlyMap<string, FundingQuote>;
  newestObservedAt: number | null;
  replace(quotes: readonly FundingQuote[]): void;
  upsert(batches: readonly (readonly FundingQuote[])[]): void;
  /** Forgets the quotes of venues switched off. */
  dropVenues(off: readonly string[]): void;
}

function newest(current: number | null, quotes: readonly FundingQuote[]): number | null {
  let best = current;
  for (const q of quotes) if (best === null || q.observedAt > best) best = q.observedAt;
  return best;
}

export const useQuotes = create<QuotesState>((set) => ({
  quotes: new Map(),
  newestObservedAt: null,
  replace: (quotes) => set({ quotes: new Map(quotes.map((q) => [quoteKey(q), q])), newestObservedAt: newest(null, quotes) }),
  upsert: (batches) =>
    set((s) => {
      const next = new Map(s.quotes);
      let observed = s.newestObservedAt;
      for (const batch of batches) {
        for (const q of batch) next.set(quoteKey(q), q);
        observed = newest(observed, batch);
      }
      return { quotes: next, newestObservedAt: observed };
    }),
  dropVenues: (off) => set((s) => ({ quotes: new Map([...s.quotes].filter(([, q]) => !off.includes(q.venue))) })),
}));
