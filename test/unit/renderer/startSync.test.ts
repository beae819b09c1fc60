import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestName, StreamName } from '../../../shared/ipc/contract.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { startSync } from '../../../renderer/app/startSync.ts';
import type { LinkStatus, LinkedBridge } from '../../../renderer/bridge/wsBridge.ts';
import { useSession } from '../../../renderer/store/sessionStore.ts';
import { useSignals } from '../../../renderer/store/signalsStore.ts';
import { batch, row } from './opportunityFixture.ts';

beforeAll(() => {
  // Node has no animation frames; the next macrotask stands in for one.
  globalThis.requestAnimationFrame = (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0) as unknown as number;
});

/** A link whose status and streams the test drives, answering snapshots from `market`. */
function scriptedLink(market: { rows: string[] }) {
  const calls: RequestName[] = [];
  const statusListeners = new Set<(s: LinkStatus) => void>();
  const streamListeners = new Map<StreamName, (p: unknown) => void>();
  const answers = (name: RequestName): unknown => {
    if (name === 'app.info') return { name: 'Funding Terminal', version: 't', mode: 'demo', dataDir: '/tmp', venues: ['okx'], startedAt: 0 };
    if (name === 'settings.get') return DEFAULT_SETTINGS;
    if (name === 'trading.state') return { state: 'HALTED', since: 0, reason: 'kill switch before the restart' };
    if (name === 'killSwitch.status') return null;
    if (name === 'markets.capacity') return null;
    return { quotes: [], health: [], signals: batch(false, market.rows.map((b) => row(b))) };
  };
  const link = {
    invoke: async (name: RequestName) => (calls.push(name), answers(name)),
    on: (name: StreamName, listener: (p: unknown) => void) => (streamListeners.set(name, listener), () => streamListeners.delete(name)),
    onStatus: (listener: (s: LinkStatus) => void) => (statusListeners.add(listener), () => statusListeners.delete(listener)),
    close: () => {},
  } as unknown as LinkedBridge;
  return {
    link,
    calls,
    status: (s: Partial<LinkStatus>) => statusListeners.forEach((l) => l({ status: 'open', error: null, nextRetryAt: null, reconnected: false, ...s })),
    stream: (name: StreamName, payload: unknown) => streamListeners.get(name)!(payload),
  };
}

const bases = () => [...useSignals.getState().rows.keys()].sort();

describe('keeping the stores in step with the backend', () => {
  it('loads the snapshot on open, applies streamed batches, and re-fetches the snapshot after a reconnect', async () => {
    const market = { rows: ['BTC', 'ETH'] };
    const s = scriptedLink(market);
    const stop = startSync(s.link);
    s.status({ status: 'open' });
    await expect.poll(bases).toEqual(['BTC', 'ETH']);
    expect(useSession.getState().info?.mode).toBe('demo');
    expect(useSession.getState().trading?.state).toBe('HALTED');

    s.stream('signals', batch(false, [row('SOL')]));
    await expect.poll(bases).toEqual(['BTC', 'ETH', 'SOL']);

    // While disconnected the market moved on: SOL and ETH left, DOGE arrived.
    s.status({ status: 'reconnecting', error: 'connection to the terminal host was lost (code 1006)' });
    expect(useSession.getState().connection).toBe('reconnecting');
    market.rows = ['BTC', 'DOGE'];
    s.status({ status: 'open', reconnected: true });
    await expect.poll(bases).toEqual(['BTC', 'DOGE']);
    expect(s.calls.filter((c) => c === 'markets.snapshot')).toHaveLength(2);
    expect(useSession.getState().connection).toBe('open');
    stop();
  });
});
