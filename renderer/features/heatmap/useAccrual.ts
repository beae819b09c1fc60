import { useCallback, useEffect, useState } from 'react';
import type { FundingAccrual } from '../../../shared/domain/fundingAccrual.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';

/** Settlements change at most hourly; a store read every 5 minutes keeps the view current at little cost. */
const REFRESH_MS = 5 * 60_000;

/** The stored accumulated funding, read on mount, every 5 minutes while shown, and on demand. */
export function useAccrual() {
  const bridge = useBridge();
  const [accrual, setAccrual] = useState<FundingAccrual | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setAccrual(await bridge.invoke('history.accrual'));
      setError(null);
    } catch (err) {
      // The last good figures stay on screen, marked by the error beside them.
      setError(`Could not read accumulated funding from the store: ${errorMessage(err)}`);
    } finally {
      setLoading(false);
    }
  }, [bridge]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  return { accrual, error, loading, reload: load };
}
