import { describe, expect, it } from 'vitest';
import type { SectorSnapshotView } from '../../../shared/domain/sectors.ts';
import type { RequestName } from '../../../shared/ipc/contract.ts';
import type { LinkStatus, LinkedBridge } from '../../../renderer/bridge/wsBridge.ts';
import { syncSectors, useSectors } from '../../../renderer/store/sectorsStore.ts';

const snap = (at: number): SectorSnapshotView => ({
  at, crossSectorMedianPer8h: 0.0001, sectors: [], rotation: { outOf: [], into: [], label: null }, btcEth: { divergencePer8h: null, flagged: false },
});

/** A link whose connection and `sectors` stream the test drives; `sectors.snapshot` answers `current` or fails. */
function scriptedLink(backend: { current: SectorSnapshotView | null; fail?: string }) {
  const calls: RequestName[] = [];
  let status: ((s: LinkStatus) => void) | null = null;
  let stream: ((p: SectorSnapshotView) => void) | null = null;
  const link = {
    invoke: async (name: RequestName) => {
      calls.push(name);
      if (backend.fail) throw new Error(backend.fail);
      return backend.current;
    },
    on: (_name: string, listener: (p: SectorSnapshotView) => void) => ((stream = listener), () => (stream = null)),
    onStatus: (listener: (s: LinkStatus) => void) => ((status = listener), () => (status = null)),
    close: () => {},
  } as unknown as LinkedBridge;
  return {
    link,
    calls,
    open: () => status!({ status: 'open', error: null, nextRetryAt: null, reconnected: false }),
    push: (s: SectorSnapshotView) => stream!(s),
  };
}

describe('the sector store follows the backend', () => {
  it('fetches the snapshot on each open, adds streamed ones, and keeps one column per snapshot time', async () => {
    const backend = { current: snap(1_000) as SectorSnapshotView | null };
    const s = scriptedLink(backend);
    const stop = syncSectors(s.link);
    s.open();
    await expect.poll(() => useSectors.getState().loaded).toBe(true);
    s.push(snap(1_000));
    s.push(snap(61_000));
    expect(useSectors.getState().history.map((h) => h.at)).toEqual([1_000, 61_000]);
    backend.current = snap(121_000);
    s.open();
    await expect.poll(() => useSectors.getState().latest?.at).toBe(121_000);
    expect(s.calls).toEqual(['sectors.snapshot', 'sectors.snapshot']);
    stop();
  });

  it('a failed snapshot request is reported in words and the view stops waiting', async () => {
    useSectors.setState({ loaded: false, error: null });
    const s = scriptedLink({ current: null, fail: 'socket closed' });
    const stop = syncSectors(s.link);
    s.open();
    await expect.poll(() => useSectors.getState().error).toBe('Could not load the sector snapshot: socket closed');
    expect(useSectors.getState().loaded).toBe(true);
    stop();
  });
});
