import { useEffect, useState } from 'react';
import type { KillSwitchReport } from '../../../shared/ipc/contract.ts';
import { MONITORING_ONLY_VENUES, VENUES } from '../../../shared/domain/venues.ts';
import { retryText, venueVerdict } from '../../../shared/domain/killSwitchWords.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useClock } from '../../store/clockStore.ts';
import { laterReport, useSession } from '../../store/sessionStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatAge } from '../../ui/format.ts';
import { KillSwitchFlag } from './KillSwitchFlag.tsx';
import { TradingStateControls } from './TradingStateControls.tsx';

type Report = KillSwitchReport;

/** The venues the kill switch cannot reach, said before and after it runs (docs/venues.md, "Monitoring-only venues"). */
function NotCovered() {
  if (MONITORING_ONLY_VENUES.size === 0) return null;
  const names = [...MONITORING_ONLY_VENUES].map((venue) => VENUES[venue].label).join(', ');
  return <p className="muted" aria-label="Venues the kill switch does not cover">Not covered: {names}, monitored only and not tradable in this build. The terminal never trades there; anything held there outside it stays open.</p>;
}

function ReportLines({ report, now }: { report: Report; now: number }) {
  if (report.venues.length === 0) return <><p>Nothing was open: no order to cancel, no position to close, and the journal holds nothing.</p><NotCovered /></>;
  const retry = retryText(report, now);
  return (
    <>
      <ul className="report">
        {report.venues.map((v) => (
          <li key={v.venue} className={v.flat ? '' : 'error'}>{venueVerdict(v, v.flat ? undefined : report.deadlineMs)}</li>
        ))}
      </ul>
      {retry ? <p className={report.retry.endedBy === 'flat' ? '' : 'error'} aria-label="Kill switch retries">{retry}</p> : null}
      <NotCovered />
    </>
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
  const report = useSession((s) => s.killSwitch);
  const setSession = useSession((s) => s.set);
  const confirmOpen = useUi((s) => s.killConfirmOpen);
  const pressedAgain = useUi((s) => s.killPressedAgain);
  const reportOpen = useUi((s) => s.killReportOpen);
  const setUi = useUi((s) => s.set);
  const now = useClock((s) => s.now);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const engage = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const result = await bridge.invoke('killSwitch.engage', { reason: 'kill switch pressed in the terminal' });
      setSession({ trading: result.state, killSwitch: laterReport(useSession.getState().killSwitch, result) });
      setUi({ killConfirmOpen: false, killReportOpen: true });
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

  // A press anywhere (this window, the menu, the native hotkey) shows its report once it arrives.
  const engagedAt = report?.engagedAt;
  useEffect(() => {
    if (engagedAt !== undefined) setUi({ killReportOpen: true });
  }, [engagedAt, setUi]);

  return (
    <div className="kill-area">
      <KillSwitchFlag />
      <TradingStateControls />
      <button className="kill" aria-label="Kill switch" aria-keyshortcuts="Control+Shift+K Meta+Shift+K" title="Kill switch: cancel all orders, flatten all positions, halt trading (Ctrl/Cmd+Shift+K)" onClick={() => setUi({ killConfirmOpen: true })}>
        KILL SWITCH
      </button>
      {confirmOpen ? (
        <ConfirmDialog title="Engage the kill switch?" confirmLabel="Engage kill switch" danger busy={busy} initialFocus="confirm" onConfirm={() => void engage()} onCancel={cancel}>
          <p>Cancels every open order and closes every position on every venue the terminal trades, then halts trading until you re-arm it by hand.</p>
          <NotCovered />
          <p>Enter or a second Ctrl/Cmd+Shift+K engages; Esc cancels.</p>
          {error ? <p className="error" role="alert">{error}</p> : null}
        </ConfirmDialog>
      ) : null}
      {report && reportOpen && !confirmOpen ? (
        <div className="kill-report" role="status" aria-label="Kill switch report">
          <strong>Kill switch engaged</strong> — took {formatAge(report.finishedAt - report.engagedAt)} (deadline {formatAge(report.deadlineMs)}), trading {report.state.state}
          <ReportLines report={report} now={now} />
          <button onClick={() => setUi({ killReportOpen: false })} aria-label="Dismiss kill switch report">✕</button>
        </div>
      ) : null}
      {error && !confirmOpen ? <span className="error" role="alert">{error}</span> : null}
    </div>
  );
}
