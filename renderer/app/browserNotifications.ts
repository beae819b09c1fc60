import { useEffect } from 'react';
import { createAlertNotifier } from '../../shared/domain/alertNotifications.ts';
import { useSession } from '../store/sessionStore.ts';
import { useBridge } from '../bridge/bridgeContext.ts';

/**
 * The browser terminal's desktop notifications, through the Notification API once the trader
 * allowed them. In the desktop app the page is never granted the permission: main notifies.
 */
export function useBrowserNotifications(): void {
  const bridge = useBridge();
  useEffect(() => {
    if (typeof Notification === 'undefined') return;
    const notify = createAlertNotifier((text) => {
      const shown = new Notification(text.title, { body: text.body, requireInteraction: text.critical });
      shown.onclick = () => window.focus();
    });
    return bridge.on('alerts', (alerts) => {
      const kinds = useSession.getState().settings?.notifyKinds;
      if (Notification.permission === 'granted' && kinds) notify(alerts, kinds);
    });
  }, [bridge]);
}
