import { useEffect, useMemo, useState } from 'react';
import { AlertKindSchema, type Alert } from '../../../shared/domain/signals.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { useAlerts } from '../../store/alertsStore.ts';
import { useClock } from '../../store/clockStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { formatAge, formatUtcTime } from '../../ui/format.ts';
import { assetChoices, matches, NO_FILTER, type AlertFilter } from './alertFilter.ts';
import { ALERT_KIND_LABELS } from './alertKinds.ts';
import { AlertRules } from './AlertRules.tsx';

const SEVERITY_MARK = { info: 'ℹ', warn: '⚠', critical: '‼' } as const;
const SEVERITY_LABEL = { info: 'Info and above', warn: 'Warn and above', critical: 'Critical only' } as const;

/** The alert log, newest first, filtered; opening it marks everything read (docs/screens.md, "Alerts"). */
export function AlertsPanel() {
  const alerts = useAlerts((s) => s.alerts);
  const acknowledged = useAlerts((s) => s.acknowledged);
  const acknowledge = useAlerts((s) => s.acknowledge);
  const clearAcknowledged = useAlerts((s) => s.clearAcknowledged);
  const markRead = useAlerts((s) => s.markRead);
  const [filter, setFilter] = useState<AlertFilter>(NO_FILTER);
  useEffect(() => markRead(), [alerts, markRead]);
  const shown = useMemo(() => alerts.filter((a) => matches(a, filter, acknowledged)), [alerts, filter, acknowledged]);
  const open = shown.filter((a) => !acknowledged.has(a.id));
  return (
    <section className="screen alerts" aria-label="Alerts">
      <div className="screen-head toolbar">
        <h1>Alerts</h1>
        <AlertFilters filter={filter} onChange={setFilter} bases={assetChoices(alerts)} />
        <button onClick={() => acknowledge(open.map((a) => a.id))} disabled={open.length === 0}>Acknowledge all shown ({open.length})</button>
        <button onClick={clearAcknowledged} disabled={acknowledged.size === 0}>Clear acknowledged ({acknowledged.size})</button>
        <span className="muted" role="status" aria-label="Alerts shown">{shown.length} of {alerts.length} shown, newest first</span>
      </div>
      <AlertRules />
      {alerts.length === 0 ? <div className="placeholder" role="status">No alerts yet.</div> : null}
      <ul className="alert-list" aria-label="Alert list">
        {shown.map((a) => <AlertRow key={a.id} alert={a} acknowledged={acknowledged.has(a.id)} onAcknowledge={() => acknowledge([a.id])} />)}
      </ul>
    </section>
  );
}

function AlertFilters({ filter, onChange, bases }: { filter: AlertFilter; onChange: (f: AlertFilter) => void; bases: string[] }) {
  return (
    <>
      <label>Kind
        <select value={filter.kind} onChange={(e) => onChange({ ...filter, kind: e.target.value as AlertFilter['kind'] })}>
          <option value="all">All kinds</option>
          {AlertKindSchema.options.map((kind) => <option key={kind} value={kind}>{ALERT_KIND_LABELS[kind]}</option>)}
        </select>
      </label>
      <label>Severity
        <select value={filter.severity} onChange={(e) => onChange({ ...filter, severity: e.target.value as AlertFilter['severity'] })}>
          {(['info', 'warn', 'critical'] as const).map((sev) => <option key={sev} value={sev}>{SEVERITY_LABEL[sev]}</option>)}
        </select>
      </label>
      <label>Asset
        <select value={filter.base} onChange={(e) => onChange({ ...filter, base: e.target.value })}>
          <option value="all">All assets</option>
          {bases.map((base) => <option key={base} value={base}>{base}</option>)}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={filter.unacknowledgedOnly} onChange={(e) => onChange({ ...filter, unacknowledgedOnly: e.target.checked })} />
        Unacknowledged only
      </label>
    </>
  );
}

function AlertRow({ alert: a, acknowledged, onAcknowledge }: { alert: Alert; acknowledged: boolean; onAcknowledge: () => void }) {
  const openSymbol = useUi((s) => s.openSymbol);
  const now = useClock((s) => s.now);
  const count = a.count ?? 1;
  const subject = a.base ?? (a.venue ? VENUES[a.venue].label : a.kind);
  return (
    <li className={`alert sev-${a.severity}${acknowledged ? ' acked' : ''}`} aria-label={`${a.severity} ${a.kind} alert: ${a.message}`}>
      <span className="sev" aria-label={a.severity}>{SEVERITY_MARK[a.severity]}</span>
      <time className="num" dateTime={new Date(a.at).toISOString()} title={`last ${formatAge(now - a.at)} ago`}>{formatUtcTime(a.at, now)}</time>
      {count > 1 ? (
        <span className="count num" aria-label={`${count} times, first at ${formatUtcTime(a.firstAt ?? a.at, now)}, last at ${formatUtcTime(a.at, now)}`}>
          ×{count} <span className="muted">since {formatUtcTime(a.firstAt ?? a.at, now)}</span>
        </span>
      ) : null}
      <span className="kind">{a.kind}</span>
      {a.venue ? <span>{VENUES[a.venue].label}</span> : null}
      {a.base ? <button className="link" onClick={() => openSymbol(a.base!)} aria-label={`Open ${a.base}`}>{a.base}</button> : null}
      <span className="msg">
        {a.message}
        {a.members ? <BurstMembers alert={a} /> : null}
      </span>
      {acknowledged
        ? <span className="muted">acknowledged</span>
        : <button onClick={onAcknowledge} aria-label={`Acknowledge ${a.severity} ${a.kind} alert on ${subject}`}>Acknowledge</button>}
    </li>
  );
}

function BurstMembers({ alert: a }: { alert: Alert }) {
  const members = a.members ?? [];
  const hidden = (a.count ?? members.length) - members.length;
  return (
    <details className="burst">
      <summary>The {a.count ?? members.length} alerts{hidden > 0 ? ` (newest ${members.length} listed)` : ''}</summary>
      <ul aria-label="Alerts in this burst">
        {members.map((m, i) => <li key={i}>{m.message}</li>)}
      </ul>
    </details>
  );
}
