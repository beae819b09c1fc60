import { useState } from 'react';
import { restoredStateText } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSession } from '../../store/sessionStore.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';

type Asking = 'reduce' | 'rearm' | null;

const STATE_WORDS = {
  ACTIVE: 'ACTIVE — new orders allowed',
  REDUCING: 'REDUCING — only orders that close positions pass; re-arm to open new pairs',
  HALTED: 'HALTED — no order passes until re-armed',
} as const;

/**
 * The trading state (each state its own colour and mark), "Reduce only" while ACTIVE and
 * "Re-arm" while REDUCING or HALTED; both ask first, since both change what the gateway lets through.
 */
export function TradingStateControls() {
  const bridge = useBridge();
  const trading = useSession((s) => s.trading);
  const setSession = useSession((s) => s.set);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (what: 'reduce' | 'rearm'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const next = what === 'reduce'
        ? await bridge.invoke('trading.reduce', { reason: 'reduce only, set in the terminal' })
        : await bridge.invoke('trading.rearm', { confirm: true });
      setSession({ trading: next });
      setAsking(null);
    } catch (err) {
      setError(`${what === 'reduce' ? 'Reduce only' : 'Re-arm'} failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const state = trading?.state;
  const restored = trading ? restoredStateText(trading) : null;
  const title = state ? `${STATE_WORDS[state]}${trading.reason ? `\nReason: ${trading.reason}` : ''}` : undefined;
  return (
    <>
      <span className={`trading-state ts-${state ?? 'unknown'}`} title={title} aria-label={`Trading state ${state ?? 'unknown'}`}>
        {state ?? 'state –'}
      </span>
      {restored !== null ? <span className="trading-restored" role="status" aria-label="Restored from the last run" title={restored}>{restored}</span> : null}
      {state === 'ACTIVE' ? (
        <button className="reduce" onClick={() => setAsking('reduce')} title="Only orders that close positions pass until re-armed">Reduce only…</button>
      ) : null}
      {state === 'REDUCING' || state === 'HALTED' ? (
        <button className="rearm" onClick={() => setAsking('rearm')}>Re-arm…</button>
      ) : null}
      {asking === 'reduce' ? (
        <ConfirmDialog title="Switch to reduce only?" confirmLabel="Reduce only" busy={busy} onConfirm={() => void run('reduce')} onCancel={() => setAsking(null)}>
          <p>Open orders and positions stay. Only orders that close positions pass until you re-arm; no new pair can be opened.</p>
          {error ? <p className="error" role="alert">{error}</p> : null}
        </ConfirmDialog>
      ) : null}
      {asking === 'rearm' ? (
        <ConfirmDialog title="Re-arm trading?" confirmLabel="Re-arm" busy={busy} onConfirm={() => void run('rearm')} onCancel={() => setAsking(null)}>
          <p>Trading is {state}{trading?.reason ? `: ${trading.reason}` : ''}. Re-arming allows new orders again.</p>
          {error ? <p className="error" role="alert">{error}</p> : null}
        </ConfirmDialog>
      ) : null}
      {error && !asking ? <span className="error" role="alert">{error}</span> : null}
    </>
  );
}
