/**
 * One alert per condition, one alert per burst (docs/screens.md, "Alerts"). Every producer's
 * alerts pass through here in main before any window or notifier sees them, so all windows
 * agree. Pure: time is each alert's own `at`.
 *
 * - A condition (kind + venue + asset + the producer's `condition`, else its text) that fires
 *   again within `QUIET_MS` of its last firing is the same alert: it is published again under
 *   the same id with its count and last time, never as a new alert. Quiet for longer, the
 *   condition has cleared and its next firing is a new alert.
 * - `BURST_MIN` or more new conditions of one kind and severity arriving together (a wake-up,
 *   a reconnect) become one alert listing them, with their count; alerts of that kind and
 *   severity arriving within `BURST_OPEN_MS` of the burst's last one join it.
 */
import type { Alert, AlertMember } from '../../../shared/domain/signals.ts';
import type { Publish } from '../../../shared/ipc/contract.ts';

export const QUIET_MS = 15 * 60_000;
export const BURST_MIN = 5;
export const BURST_OPEN_MS = 60_000;
/** A burst lists at most this many of its alerts (the newest); its count says how many there were. */
export const BURST_MEMBERS_KEPT = 100;
/** A burst's sentence names this many assets, then says how many more. */
const NAMED_IN_SENTENCE = 6;

const SEVERITY_RANK: Record<Alert['severity'], number> = { info: 0, warn: 1, critical: 2 };

export function conditionOf(alert: Alert): string {
  return `${alert.kind}|${alert.venue ?? ''}|${alert.base ?? ''}|${alert.condition ?? alert.message}`;
}

const burstKey = (alert: Alert) => `${alert.kind}|${alert.severity}`;

interface Seen {
  /** The published alert the condition's firings fold into (a burst's id for its members). */
  id: string;
  lastAt: number;
}

export class AlertGrouper {
  private readonly seen = new Map<string, Seen>();
  /** Alerts still open to updates, by id. */
  private readonly published = new Map<string, Alert>();
  /** The open burst of each kind and severity, by id. */
  private readonly bursts = new Map<string, string>();

  /** The alerts to publish for one incoming batch: new ones and updated ones (same id), each once. */
  group(incoming: readonly Alert[]): Alert[] {
    if (incoming.length === 0) return [];
    this.forgetBefore(Math.max(...incoming.map((a) => a.at)));
    const out = new Map<string, Alert>();
    const fresh = new Map<string, Alert>();
    for (const alert of incoming) {
      const condition = conditionOf(alert);
      const pending = fresh.get(condition);
      const repeat = pending ? folded(pending, alert) : this.repeatOf(condition, alert);
      if (pending) fresh.set(condition, repeat!);
      else if (repeat) out.set(repeat.id, repeat);
      else if (repeat === undefined) fresh.set(condition, alert);
    }
    for (const [key, alerts] of byBurstKey(fresh.values())) {
      const open = this.openBurst(key, alerts[0].at);
      if (open || alerts.length >= BURST_MIN) {
        const burst = this.addToBurst(open, alerts);
        this.bursts.set(key, burst.id);
        out.set(burst.id, burst);
      } else {
        for (const alert of alerts) out.set(alert.id, this.publishOne(alert));
      }
    }
    return [...out.values()];
  }

  /**
   * The updated alert when `alert` repeats an open condition; null when it repeats a burst's
   * member (absorbed: the burst already says it); undefined when the condition is new.
   */
  private repeatOf(condition: string, alert: Alert): Alert | null | undefined {
    const seen = this.seen.get(condition);
    const held = seen && alert.at - seen.lastAt < QUIET_MS ? this.published.get(seen.id) : undefined;
    if (!seen || !held) return undefined;
    seen.lastAt = alert.at;
    if (held.members) return null;
    const updated = folded(held, alert);
    this.published.set(held.id, updated);
    return updated;
  }

  private publishOne(alert: Alert): Alert {
    this.seen.set(conditionOf(alert), { id: alert.id, lastAt: alert.at });
    this.published.set(alert.id, alert);
    return alert;
  }

  private openBurst(key: string, at: number): Alert | undefined {
    const id = this.bursts.get(key);
    const burst = id === undefined ? undefined : this.published.get(id);
    return burst && at - burst.at < BURST_OPEN_MS ? burst : undefined;
  }

  private addToBurst(open: Alert | undefined, alerts: readonly Alert[]): Alert {
    const first = alerts[0];
    const count = (open?.count ?? 0) + alerts.length;
    const members = [...(open?.members ?? []), ...alerts.map(memberOf)].slice(-BURST_MEMBERS_KEPT);
    const at = Math.max(open?.at ?? 0, ...alerts.map((a) => a.at));
    const firstAt = open?.firstAt ?? Math.min(...alerts.map((a) => a.at));
    const id = open?.id ?? `burst:${first.kind}:${first.severity}@${firstAt}`;
    const burst: Alert = {
      id, kind: first.kind, severity: first.severity, at, firstAt, count, members, condition: `burst:${first.kind}:${first.severity}`,
      base: common(members.map((m) => m.base)), venue: common(members.map((m) => m.venue)), message: burstSentence(first.kind, count, members),
    };
    this.published.set(id, burst);
    for (const alert of alerts) this.seen.set(conditionOf(alert), { id, lastAt: alert.at });
    return burst;
  }

  /** Bounded memory: conditions quiet for longer than QUIET_MS have cleared; their alerts are final. */
  private forgetBefore(now: number): void {
    for (const [condition, seen] of this.seen) if (now - seen.lastAt >= QUIET_MS) this.seen.delete(condition);
    const live = new Set([...this.seen.values()].map((s) => s.id));
    for (const id of this.published.keys()) if (!live.has(id)) this.published.delete(id);
    for (const [key, id] of this.bursts) if (!this.published.has(id)) this.bursts.delete(key);
  }
}

/** `alert` firing again on the condition `held` announced: held's id, the latest text and time, one more in the count. */
function folded(held: Alert, alert: Alert): Alert {
  return {
    ...held,
    at: Math.max(held.at, alert.at),
    message: alert.message,
    severity: SEVERITY_RANK[alert.severity] > SEVERITY_RANK[held.severity] ? alert.severity : held.severity,
    count: (held.count ?? 1) + 1,
    firstAt: Math.min(held.firstAt ?? held.at, alert.at),
  };
}

function byBurstKey(alerts: Iterable<Alert>): Map<string, Alert[]> {
  const out = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const key = burstKey(alert);
    const list = out.get(key);
    if (list) list.push(alert);
    else out.set(key, [alert]);
  }
  return out;
}

function memberOf(alert: Alert): AlertMember {
  return { base: alert.base, venue: alert.venue, message: alert.message };
}

/** The value every member shares, else null. */
function common<T>(values: readonly (T | null)[]): T | null {
  return values.every((v) => v === values[0]) ? values[0] : null;
}

/** "66 extreme-rate alerts at once: WIF, PENGU, … and 60 more; each is listed in the Alerts screen". */
export function burstSentence(kind: Alert['kind'], count: number, members: readonly AlertMember[]): string {
  const names = [...new Set(members.map((m) => m.base ?? m.venue ?? '').filter((name) => name !== ''))];
  const named = names.slice(0, NAMED_IN_SENTENCE).join(', ');
  const more = names.length > NAMED_IN_SENTENCE ? ` and ${names.length - NAMED_IN_SENTENCE} more` : '';
  return `${count} ${kind} alerts at once${named ? `: ${named}${more}` : ''}; each is listed under this alert`;
}

/** `publish` with the alerts stream grouped: what the composition root hands every service. */
export function groupingAlerts(publish: Publish): Publish {
  const grouper = new AlertGrouper();
  return (name, payload) => {
    if (name !== 'alerts') return publish(name, payload);
    const grouped = grouper.group(payload as Alert[]);
    if (grouped.length > 0) publish('alerts', grouped);
  };
}
