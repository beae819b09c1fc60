import type { Alert, AlertKind } from './signals.ts';

/** The same alert text again within this long is not notified again (a flapping venue, a rate on the edge). */
export const NOTIFY_REPEAT_MS = 10 * 60_000;

export interface NotificationText { title: string; body: string; critical: boolean }

/**
 * Chooses which alerts become desktop notifications: those of the kinds the trader subscribed
 * to, each once (by id, and by its text within NOTIFY_REPEAT_MS). Used by the desktop shell
 * (Electron's Notification) and the browser terminal (the Notification API) alike.
 */
export function createAlertNotifier(show: (text: NotificationText) => void, now: () => number = Date.now) {
  const seenIds = new Set<string>();
  const lastShown = new Map<string, number>();
  return (alerts: readonly Alert[], kinds: readonly AlertKind[]): void => {
    for (const alert of alerts) {
      if (seenIds.has(alert.id) || !kinds.includes(alert.kind)) continue;
      seenIds.add(alert.id);
      const key = `${alert.kind}|${alert.base ?? ''}|${alert.venue ?? ''}|${alert.message}`;
      const at = now();
      if (at - (lastShown.get(key) ?? -Infinity) < NOTIFY_REPEAT_MS) continue;
      lastShown.set(key, at);
      show(notificationText(alert));
    }
    // Bounded memory over a long session: forget texts older than the repeat window.
    if (lastShown.size > 500) for (const [key, at] of lastShown) if (now() - at >= NOTIFY_REPEAT_MS) lastShown.delete(key);
    if (seenIds.size > 5000) seenIds.clear();
  };
}

export function notificationText(alert: Alert): NotificationText {
  const subject = [alert.base, alert.venue].filter(Boolean).join(' · ');
  return { title: `Funding Terminal — ${alert.kind}${subject ? `: ${subject}` : ''}`, body: alert.message, critical: alert.severity === 'critical' };
}
