import { create } from 'zustand';
import type { Alert } from '../../shared/domain/signals.ts';

/** Keeps the newest alerts only (a burst counts as one); main sends each new or updated alert once. */
export const ALERTS_KEPT = 300;
/** Cleared alerts' ids are remembered this many at most, so that updates to them stay cleared. */
const CLEARED_KEPT = 2000;

const SEVERITY_RANK: Record<Alert['severity'], number> = { info: 0, warn: 1, critical: 2 };

interface AlertsState {
  /** Newest (by last firing) first, one per id. */
  alerts: readonly Alert[];
  /** Ids the trader acknowledged in this window. */
  acknowledged: ReadonlySet<string>;
  /** Ids cleared from the list: later updates of the same alert stay out. */
  cleared: ReadonlySet<string>;
  /** New alerts (not updates) since the Alerts screen was last open. */
  unread: number;
  /** The newest alert that was new when it arrived (the toast shows it; updates never re-toast). */
  latestNew: Alert | null;
  add(alerts: readonly Alert[]): void;
  acknowledge(ids: readonly string[]): void;
  clearAcknowledged(): void;
  markRead(): void;
}

/**
 * An update of a known id replaces it (its count and last time grow) and keeps its
 * acknowledgement, unless it became more severe: a warn that turned critical asks again.
 */
export const useAlerts = create<AlertsState>((set) => ({
  alerts: [],
  acknowledged: new Set(),
  cleared: new Set(),
  unread: 0,
  latestNew: null,
  add: (incoming) =>
    set((s) => {
      if (incoming.every((a) => s.cleared.has(a.id))) return s;
      const known = new Map(s.alerts.map((a) => [a.id, a]));
      const acknowledged = new Set(s.acknowledged);
      const fresh: Alert[] = [];
      for (const alert of incoming) {
        if (s.cleared.has(alert.id)) continue;
        const before = known.get(alert.id);
        if (!before) fresh.push(alert);
        else if (SEVERITY_RANK[alert.severity] > SEVERITY_RANK[before.severity]) acknowledged.delete(alert.id);
        known.set(alert.id, alert);
      }
      const alerts = [...known.values()].sort((a, b) => b.at - a.at).slice(0, ALERTS_KEPT);
      const kept = new Set(alerts.map((a) => a.id));
      for (const id of acknowledged) if (!kept.has(id)) acknowledged.delete(id);
      const newest = fresh.reduce<Alert | null>((best, a) => (best === null || a.at >= best.at ? a : best), null);
      return { alerts, acknowledged, unread: s.unread + fresh.length, latestNew: newest ?? s.latestNew };
    }),
  acknowledge: (ids) => set((s) => ({ acknowledged: new Set([...s.acknowledged, ...ids]) })),
  clearAcknowledged: () =>
    set((s) => ({
      alerts: s.alerts.filter((a) => !s.acknowledged.has(a.id)),
      cleared: new Set([...s.cleared, ...s.acknowledged].slice(-CLEARED_KEPT)),
      acknowledged: new Set(),
    })),
  markRead: () => set({ unread: 0 }),
}));
