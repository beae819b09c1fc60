import { useEffect, useMemo, useState } from 'react';
import type { Alert } from '../../../shared/domain/signals.ts';
import { useAlerts } from '../../store/alertsStore.ts';
import { useUi } from '../../store/uiStore.ts';

/** A new warn alert shows this long; a critical one stays until acknowledged (docs/screens.md, "Alerts"). */
const SHOW_MS = 6000;

/** The corner toast: unacknowledged critical alerts first and until acknowledged, else the newest warn alert briefly. */
export function AlertToast() {
  const alerts = useAlerts((s) => s.alerts);
  const acknowledged = useAlerts((s) => s.acknowledged);
  const critical = useMemo(() => alerts.filter((a) => a.severity === 'critical' && !acknowledged.has(a.id)), [alerts, acknowledged]);
  if (critical.length > 0) return <CriticalToast newest={critical[0]} more={critical.length - 1} />;
  return <WarnToast />;
}

function CriticalToast({ newest, more }: { newest: Alert; more: number }) {
  const acknowledge = useAlerts((s) => s.acknowledge);
  const open = useUi((s) => s.open);
  return (
    <div className="toast sev-critical" role="alert" aria-label="Critical alert">
      ‼ {newest.message}{(newest.count ?? 1) > 1 ? ` (×${newest.count})` : ''}
      <div className="toast-actions">
        <button onClick={() => acknowledge([newest.id])}>Acknowledge</button>
        {more > 0 ? <button className="link" onClick={() => open('alerts')}>{more} more critical unacknowledged: open Alerts</button> : null}
      </div>
    </div>
  );
}

/** Only an alert that was new when it arrived toasts: an update of a known one (its count growing) does not. */
function WarnToast() {
  const latestNew = useAlerts((s) => s.latestNew);
  const [shown, setShown] = useState<Alert | null>(null);
  useEffect(() => {
    if (!latestNew || latestNew.severity !== 'warn') return;
    setShown(latestNew);
    const timer = setTimeout(() => setShown(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [latestNew]);
  if (!shown) return null;
  return (
    <div className="toast sev-warn" role="status" aria-label="Alert">
      ⚠ {shown.message}
      <button className="toast-close" onClick={() => setShown(null)} aria-label="Dismiss alert">✕</button>
    </div>
  );
}
