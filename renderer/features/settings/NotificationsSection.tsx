import { useState } from 'react';
import { AlertKindSchema, type AlertKind } from '../../../shared/domain/signals.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSession } from '../../store/sessionStore.ts';
import { ALERT_KIND_LABELS } from '../alerts/alertKinds.ts';

/** In the browser the page must ask for the permission; the desktop app notifies from main. */
function browserPermission(): NotificationPermission | null {
  return typeof Notification === 'undefined' ? null : Notification.permission;
}

/** Which alert kinds become desktop notifications; saved at once on each tick. */
export function NotificationsSection() {
  const bridge = useBridge();
  const settings = useSession((s) => s.settings);
  const setSession = useSession((s) => s.set);
  const [error, setError] = useState<string | null>(null);
  const [permission, setPermission] = useState(browserPermission);
  if (!settings) return null;

  const toggle = async (kind: AlertKind, on: boolean) => {
    const notifyKinds = AlertKindSchema.options.filter((k) => (k === kind ? on : settings.notifyKinds.includes(k)));
    try {
      setSession({ settings: await bridge.invoke('settings.set', { notifyKinds }) });
      setError(null);
    } catch (err) {
      setError(`Not saved: ${errorMessage(err)}`);
    }
  };

  return (
    <fieldset className="notifications" aria-label="Desktop notifications">
      <legend>Desktop notifications</legend>
      {AlertKindSchema.options.map((kind) => (
        <label key={kind}>
          <input type="checkbox" checked={settings.notifyKinds.includes(kind)} onChange={(e) => void toggle(kind, e.target.checked)} /> {ALERT_KIND_LABELS[kind]}
        </label>
      ))}
      {permission === 'default' ? (
        <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>Allow notifications in this browser</button>
      ) : null}
      {error ? <span role="alert" className="error">{error}</span> : null}
    </fieldset>
  );
}
