import type { MenuItemConstructorOptions } from 'electron';
import { KILL_SWITCH_ACCELERATOR } from './killKeys.ts';

export interface MenuActions {
  killSwitch(): void;
  setSystemWideHotkey(enabled: boolean): void;
  revealLogs(): void;
}

export interface MenuState {
  /** The system-wide hotkey is registered and acts from any app. */
  systemWideHotkey: boolean;
}

export const KILL_SWITCH_LABEL = 'Kill switch: cancel all, flatten all, halt…';
export const SYSTEM_WIDE_LABEL = 'Kill-switch hotkey works from any app (system-wide)';

/**
 * The application menu. The kill-switch item shows its accelerator but does not register it:
 * main watches the key itself on the window (killKeys.ts), and a menu accelerator would fire
 * a second time. The system-wide hotkey is a checkbox, off by default.
 */
export function menuTemplate(actions: MenuActions, state: MenuState, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Trading',
      submenu: [
        { label: KILL_SWITCH_LABEL, accelerator: KILL_SWITCH_ACCELERATOR, registerAccelerator: false, click: () => actions.killSwitch() },
        { type: 'separator' },
        { label: SYSTEM_WIDE_LABEL, type: 'checkbox', checked: state.systemWideHotkey, click: (item) => actions.setSystemWideHotkey(item.checked) },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Reveal logs', click: () => actions.revealLogs() }] },
  ];
}
