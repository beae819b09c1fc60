import { useEffect, useState } from 'react';
import type { Alert } from '../../../shared/domain/signals.ts';
import { useAlerts } from '../../store/alertsStore.ts';

const SHOW_MS = 6000;

/** The newest warn/critical alert, shown briefly in a corner; the Alerts screen keeps them all. */
export function AlertToast() {
  const newest = useAlerts((s) => s.alerts[0]);
  const [shown, setShown] = useState<Alert | null>(null);
  useEffect(() => {
    if (!newest || newest.severity === 'info') return;
    setShown(newest);
    const timer = setTimeout(() => setShown(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [newest]);
  if (!shown) return null;
  return (
    <div className={`toast sev-${shown.severity}`} role="alert">
      {shown.severity === 'critical' ? '‼ ' : '⚠ '}
      {shown.message}
      <button onClick={() => setShown(null)} aria-label="Dismiss alert">✕</button>
    </div>
  );
}
