import { create } from 'zustand';
import type { SectorMapView, SectorSnapshotView } from '../../shared/domain/sectors.ts';
import { errorMessage } from '../../shared/ipc/dispatch.ts';
import type { LinkedBridge } from '../bridge/wsBridge.ts';
import { appendSnapshot } from './divergenceHistory.ts';

/** The sector overlay: the latest snapshot, the ones seen since the page opened, and the sector map. */
interface SectorsState {
  latest: SectorSnapshotView | null;
  history: SectorSnapshotView[];
  /** False until `sectors.snapshot` answered once (null answer included). */
  loaded: boolean;
  error: string | null;
  map: SectorMapView | null;
  add(snapshot: SectorSnapshotView): void;
  set(patch: Partial<Pick<SectorsState, 'loaded' | 'error' | 'map'>>): void;
}

export const useSectors = create<SectorsState>((set) => ({
  latest: null,
  history: [],
  loaded: false,
  error: null,
  map: null,
  add: (snapshot) =>
    set((s) => {
      const history = appendSnapshot(s.history, snapshot);
      return { history, latest: history.at(-1) ?? null };
    }),
  set: (patch) => set(patch),
}));

/**
 * Keeps the sector store current: the `sectors` stream, and the snapshot on every (re)connect
 * (the stream only speaks on change, so a page opened between changes would wait for one).
 */
export function syncSectors(link: LinkedBridge): () => void {
  const store = useSectors.getState();
  const load = async (): Promise<void> => {
    try {
      const snapshot = await link.invoke('sectors.snapshot');
      if (snapshot) store.add(snapshot);
      store.set({ loaded: true, error: null });
    } catch (err) {
      store.set({ loaded: true, error: `Could not load the sector snapshot: ${errorMessage(err)}` });
    }
  };
  const unsubscribe = [
    link.on('sectors', (snapshot) => store.add(snapshot)),
    link.onStatus((s) => {
      if (s.status === 'open') void load();
    }),
  ];
  return () => unsubscribe.forEach((u) => u());
}
