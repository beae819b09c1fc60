import { useState, type ReactNode } from 'react';
import type { HoldingMismatch, Pair, RestoreResult } from '../../../shared/domain/orders.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';

/**
 * Asking for, confirming and reporting the reduce-only restore of a MISMATCHed leg. The
 * renderer names only the pair and the leg: main reads the venue again and decides the order.
 */
export function useRestore(): { ask: (pair: Pair, mismatch: HoldingMismatch) => void; dialog: ReactNode; status: ReactNode } {
  const bridge = useBridge();
  const [asked, setAsked] = useState<{ pair: Pair; mismatch: HoldingMismatch } | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RestoreResult | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const send = async (pair: Pair, mismatch: HoldingMismatch): Promise<void> => {
    setBusy(true);
    setFailed(null);
    try {
      setResult(await bridge.invoke('positions.restore', { pairId: pair.pairId, venue: mismatch.venue, symbol: mismatch.symbol }));
      setAsked(null);
    } catch (err) {
      setFailed(`Restore on ${VENUES[mismatch.venue].label} ${mismatch.symbol} failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const dialog = asked ? (
    <ConfirmDialog title={`Restore the approved size on ${VENUES[asked.mismatch.venue].label} ${asked.mismatch.symbol}?`} confirmLabel="Send reduce-only order" danger busy={busy}
      onConfirm={() => void send(asked.pair, asked.mismatch)} onCancel={() => setAsked(null)}>
      <p>{asked.mismatch.restoreNote}. The order goes through the order gateway, reduce-only; the venue is read again first and the order is sized from that reading.</p>
      {failed ? <p className="error" role="alert">{failed}</p> : null}
    </ConfirmDialog>
  ) : null;
  const status = (
    <>
      {result ? <span role="status" aria-label="Restore result">{result.message}</span> : null}
      {failed && !asked ? <span className="error" role="alert">{failed}</span> : null}
    </>
  );
  return { ask: (pair, mismatch) => setAsked({ pair, mismatch }), dialog, status };
}
