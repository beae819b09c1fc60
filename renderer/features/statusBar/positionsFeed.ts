import { useEffect } from 'react';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { usePositions } from '../../store/positionsStore.ts';
import { useSession } from '../../store/sessionStore.ts';

/**
 * Keeps the positions store current for every screen (the status bar flags unhedged pairs
 * wherever the trader is): the list once, again when the trading state changes, then the
 * stream. A list answer that arrives after a stream push is older than it (main read the
 * venues before), so it is dropped.
 */
export function usePositionsFeed(): void {
  const bridge = useBridge();
  const trading = useSession((s) => s.trading?.state);
  useEffect(() => {
    const { replace, fail } = usePositions.getState();
    let pushed = false;
    const off = bridge.on('positions', (pairs) => {
      pushed = true;
      replace(pairs);
    });
    bridge.invoke('positions.list').then(
      (pairs) => pushed || replace(pairs),
      (err: unknown) => fail(`Positions not loaded: ${errorMessage(err)}`),
    );
    return off;
  }, [bridge, trading]);
}
