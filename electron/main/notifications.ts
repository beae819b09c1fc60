import type { NotificationConstructorOptions } from 'electron';
import type { NotificationText } from '../../shared/domain/alertNotifications.ts';

/** The slice of Electron's Notification the shell uses (a fake in unit tests). */
export interface NotificationApi {
  isSupported(): boolean;
  create(options: NotificationConstructorOptions): { on(event: 'click', listener: () => void): unknown; show(): void };
}

/** Shows an alert as an OS notification; clicking it brings the terminal forward. */
export function createDesktopNotifier(api: NotificationApi, focusWindow: () => void): (text: NotificationText) => void {
  return (text) => {
    if (!api.isSupported()) return;
    const notification = api.create({ title: text.title, body: text.body, urgency: text.critical ? 'critical' : 'normal', timeoutType: text.critical ? 'never' : 'default' });
    notification.on('click', focusWindow);
    notification.show();
  };
}
