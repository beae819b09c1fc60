import { useEffect } from 'react';
import { VENUES } from '../../../shared/domain/venues.ts';
import { useAlerts } from '../../store/alertsStore.ts';
import { useClock } from '../../store/clockStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { formatAge, formatUtcTime } from '../../ui/format.ts';

const SEVERITY_MARK = { info: 'ℹ', warn: '⚠', critical: '‼' } as const;

/** The alert log, newest first; opening it marks everything read. */
export function AlertsPanel() {
  const alerts = useAlerts((s) => s.alerts);
  const markRead = useAlerts((s) => s.markRead);
  const openSymbol = useUi((s) => s.openSymbol);
  const now = useClock((s) => s.now);
  useEffect(() => markRead(), [alerts, markRead]);
  return (
    <section className="screen alerts" aria-label="Alerts">
      <div className="screen-head toolbar"><h1>Alerts</h1><span className="muted">{alerts.length} kept, newest first</span></div>
      {alerts.length === 0 ? <div className="placeholder" role="status">No alerts yet.</div> : null}
      <ul className="alert-list">
        {alerts.map((a) => (
          <li key={a.id} className={`alert sev-${a.severity}`}>
            <span className="sev" aria-label={a.severity}>{SEVERITY_MARK[a.severity]}</span>
            <time className="num" dateTime={new Date(a.at).toISOString()} title={`${formatAge(now - a.at)} ago`}>{formatUtcTime(a.at, now)}</time>
            <span className="kind">{a.kind}</span>
            {a.venue ? <span>{VENUES[a.venue].label}</span> : null}
            {a.base ? <button className="link" onClick={() => openSymbol(a.base!)} aria-label={`Open ${a.base}`}>{a.base}</button> : null}
            <span className="msg">{a.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
