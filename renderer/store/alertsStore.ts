import { create } from 'zustand';
import type { Alert } from '../../shared/domain/signals.ts';

/** Keeps the newest alerts only; the full history lives in the backend store. */
export const ALERTS_KEPT = 300;

interface AlertsState {
  alerts: readonly Alert[];
  unread: number;
  add(alerts: readonly Alert[]): void;
  markRead(): void;
}

export const useAlerts = create<AlertsState>((set) => ({
  alerts: [],
  unread: 0,
  add: (incoming) =>
    set((s) => {
      const known = new Set(s.alerts.map((a) => a.id));
      const fresh = incoming.filter((a) => !known.has(a.id)).sort((a, b) => b.at - a.at);
      if (fresh.length === 0) return s;
      return { alerts: [...fresh, ...s.alerts].slice(0, ALERTS_KEPT), unread: s.unread + fresh.length };
    }),
  markRead: () => set({ unread: 0 }),
}));
