import { create } from 'zustand';
import type { Alert } from '../../shared/domain/signals.ts';

/** Keeps the newest alerts only (a burst counts as one); main sends each new or updated alert once. */
export const ALERTS_KEPT = 300;
/** Cleared alerts are remembered this many at most, so that repeats of them stay cleared. */
const CLEARED_KEPT = 2000;

const SEVERITY_RANK: Record<Alert['severity'], number> = { info: 0, warn: 1, critical: 2 };

interface AlertsState {
  /** Newest (by last firing) first, one per id. */
  alerts: readonly Alert[];
  /** Ids the trader acknowledged in this window. */
  acknowledged: ReadonlySet<string>;
  /** Ids cleared from the list, with their count then: later repeats of the same alert stay out. */
  cleared: ReadonlyMap<string, number>;
  /** New alerts (not updates) since the Alerts screen was last open. */
  unread: number;
  /** The newest alert that was new when it arrived (the toast shows it; updates never re-toast). */
  latestNew: Alert | null;
  add(alerts: readonly Alert[]): void;
  acknowledge(ids: readonly string[]): void;
  clearAcknowledged(): void;
  markRead(): void;
}

const countOf = (alert: Alert) => alert.count ?? 1;

/**
 * Whether an update asks the trader again: it turned more severe, or it is a burst that gained
 * alerts (new assets, not repeats of what was seen). A single condition's repeats never ask again.
 */
function asksAgain(before: { severity: Alert['severity']; count: number }, update: Alert): boolean {
  return SEVERITY_RANK[update.severity] > SEVERITY_RANK[before.severity] || (update.members !== undefined && countOf(update) > before.count);
}

/** An update of a known id replaces it (its count and last time grow) and keeps its acknowledgement unless it asks again. */
export const useAlerts = create<AlertsState>((set) => ({
  alerts: [],
  acknowledged: new Set(),
  cleared: new Map(),
  unread: 0,
  latestNew: null,
  add: (incoming) =>
    set((s) => {
      const known = new Map(s.alerts.map((a) => [a.id, a]));
      const acknowledged = new Set(s.acknowledged);
      const cleared = new Map(s.cleared);
      const fresh: Alert[] = [];
      let changed = false;
      for (const alert of incoming) {
        const clearedAt = cleared.get(alert.id);
        if (clearedAt !== undefined && !asksAgain({ severity: alert.severity, count: clearedAt }, alert)) continue;
        cleared.delete(alert.id);
        const before = known.get(alert.id);
        if (!before) fresh.push(alert);
        else if (asksAgain({ severity: before.severity, count: countOf(before) }, alert)) acknowledged.delete(alert.id);
        known.set(alert.id, alert);
        changed = true;
      }
      if (!changed) return s;
      const alerts = [...known.values()].sort((a, b) => b.at - a.at).slice(0, ALERTS_KEPT);
      const kept = new Set(alerts.map((a) => a.id));
      for (const id of acknowledged) if (!kept.has(id)) acknowledged.delete(id);
      const newest = fresh.reduce<Alert | null>((best, a) => (best === null || a.at >= best.at ? a : best), null);
      return { alerts, acknowledged, cleared, unread: s.unread + fresh.length, latestNew: newest ?? s.latestNew };
    }),
  acknowledge: (ids) => set((s) => ({ acknowledged: new Set([...s.acknowledged, ...ids]) })),
  clearAcknowledged: () =>
    set((s) => {
      const gone = s.alerts.filter((a) => s.acknowledged.has(a.id)).map((a) => [a.id, countOf(a)] as const);
      return {
        alerts: s.alerts.filter((a) => !s.acknowledged.has(a.id)),
        cleared: new Map([...s.cleared, ...gone].slice(-CLEARED_KEPT)),
        acknowledged: new Set(),
      };
    }),
  markRead: () => set({ unread: 0 }),
}));
