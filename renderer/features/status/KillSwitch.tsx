import { useEffect, useState } from 'react';
import type { RequestOutput } from '../../../shared/ipc/contract.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../app/bridgeContext.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { TradingStateControls } from './TradingStateControls.tsx';

type Report = RequestOutput<'killSwitch.engage'>;

function ReportLines({ report }: { report: Report }) {
  if (report.venues.length === 0) return <p>Nothing was open: no order to cancel, no position to close.</p>;
  return (
    <ul className="report">
      {report.venues.map((v) => (
        <li key={v.venue} className={v.error ? 'error' : ''}>
          {v.venue}: {v.flat ? 'flat' : 'NOT FLAT'}, {v.cancelledOrders} orders cancelled, {v.closedPositions} positions closed
          {v.error ? ` — ${v.error}` : ''}
        </li>
      ))}
    </ul>
  );
}

/**
 * The kill switch: always in the status bar, Ctrl/Cmd+Shift+K opens the same confirmation.
 * Engaging cancels and flattens everything and halts trading until re-armed by hand. The
 * confirmation opens with Engage focused and a second press of the hotkey engages: asked for
 * by keyboard, "hotkey, Enter" must never cancel silently (docs/desktop.md).
 */
export function KillSwitch() {
  const bridge = useBridge();
  const trading = useSession((s) => s.trading);
  const setSession = useSession((s) => s.set);
  const confirmOpen = useUi((s) => s.killConfirmOpen);
  const pressedAgain = useUi((s) => s.killPressedAgain);
  const setUi = useUi((s) => s.set);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  const engage = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const result = await bridge.invoke('killSwitch.engage', { reason: 'kill switch pressed in the terminal' });
      setReport(result);
      setSession({ trading: result.state });
      setUi({ killConfirmOpen: false });
    } catch (err) {
      setError(`Kill switch failed: ${errorMessage(err)}. Check each venue by hand.`);
    } finally {
      setBusy(false);
      setUi({ killPressedAgain: false });
    }
  };
  const cancel = () => setUi({ killConfirmOpen: false, killPressedAgain: false });

  useEffect(() => {
    if (confirmOpen && pressedAgain && !busy) void engage();
    // Only the press triggers it: engage is a new function on every render.
  }, [confirmOpen, pressedAgain]);

  return (
    <div className="kill-area">
      <TradingStateControls />
      <button className="kill" aria-label="Kill switch" aria-keyshortcuts="Control+Shift+K Meta+Shift+K" title="Kill switch: cancel all orders, flatten all positions, halt trading (Ctrl/Cmd+Shift+K)" onClick={() => setUi({ killConfirmOpen: true })}>
        KILL SWITCH
      </button>
      {confirmOpen ? (
        <ConfirmDialog title="Engage the kill switch?" confirmLabel="Engage kill switch" danger busy={busy} initialFocus="confirm" onConfirm={() => void engage()} onCancel={cancel}>
          <p>Cancels every open order and closes every position on every venue, then halts trading until you re-arm it by hand.</p>
          <p>Enter or a second Ctrl/Cmd+Shift+K engages; Esc cancels.</p>
          {error ? <p className="error" role="alert">{error}</p> : null}
        </ConfirmDialog>
      ) : null}
      {report && !confirmOpen && trading?.state !== 'ACTIVE' ? (
        <div className="kill-report" role="status" aria-label="Kill switch report">
          <strong>Kill switch engaged</strong> ({report.finishedAt - report.engagedAt} ms) — state {report.state.state}
          <ReportLines report={report} />
          <button onClick={() => setReport(null)} aria-label="Dismiss kill switch report">✕</button>
        </div>
      ) : null}
      {error && !confirmOpen ? <span className="error" role="alert">{error}</span> : null}
    </div>
  );
}
