import { create } from 'zustand';
import type { AccrualRow, FundingAccrual } from '../../shared/domain/fundingAccrual.ts';
import { pairAccrual, type PairAccrual } from '../../shared/funding/accrual.ts';
import { errorMessage } from '../../shared/ipc/dispatch.ts';
import type { LinkedBridge } from '../bridge/wsBridge.ts';

/** Settlements change at most hourly; a store read every 5 minutes keeps the figures current at little cost. */
const REFRESH_MS = 5 * 60_000;

/** Funding accumulated from the store (docs/domain.md, "Accumulated funding"), for the heatmap and the monitor. */
interface AccrualState {
  accrual: FundingAccrual | null;
  /** Why the last read failed; the figures of the read before stay. */
  error: string | null;
  loading: boolean;
  /** Re-reads the store now. */
  reload(): Promise<void>;
  /** What the pair long `long` / short `short` collected; null where either leg has no settlement stored or seen. */
  pair(long: { venue: string; symbol: string }, short: { venue: string; symbol: string }): PairAccrual | null;
}

const legKey = (leg: { venue: string; symbol: string }) => `${leg.venue}|${leg.symbol}`;

/** The read's rows by venue symbol, and the pairs asked for since (rows re-render often; a pair is computed once per read). */
function indexOf(accrual: FundingAccrual): { legs: Map<string, AccrualRow>; pairs: Map<string, PairAccrual | null> } {
  return { legs: new Map(accrual.rows.map((r) => [legKey(r), r])), pairs: new Map() };
}

let index = { legs: new Map<string, AccrualRow>(), pairs: new Map<string, PairAccrual | null>() };
let reader: (() => Promise<FundingAccrual>) | null = null;

export const useAccrual = create<AccrualState>((set, get) => ({
  accrual: null,
  error: null,
  loading: false,
  reload: async () => {
    if (!reader || get().loading) return;
    set({ loading: true });
    try {
      const accrual = await reader();
      index = indexOf(accrual);
      set({ accrual, error: null, loading: false });
    } catch (err) {
      set({ error: `Could not read accumulated funding from the store: ${errorMessage(err)}`, loading: false });
    }
  },
  pair: (long, short) => {
    const key = `${legKey(long)}>${legKey(short)}`;
    if (index.pairs.has(key)) return index.pairs.get(key)!;
    const [l, s] = [index.legs.get(legKey(long)), index.legs.get(legKey(short))];
    const result = l && s ? pairAccrual(l, s) : null;
    index.pairs.set(key, result);
    return result;
  },
}));

/** Reads on every (re)connect and every 5 minutes. */
export function syncAccrual(link: LinkedBridge): () => void {
  reader = () => link.invoke('history.accrual');
  const timer = setInterval(() => void useAccrual.getState().reload(), REFRESH_MS);
  const unsubscribe = link.onStatus((s) => {
    if (s.status === 'open') void useAccrual.getState().reload();
  });
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
