import { Menu, globalShortcut, type MenuItemConstructorOptions } from 'electron';

export const KILL_SWITCH_ACCELERATOR = 'CommandOrControl+Shift+K';

/**
 * The kill switch is owned by main: a menu item and a global hotkey reach it even when the
 * renderer is frozen.
 */
export function installMenu(onKillSwitch: () => void): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Trading',
      submenu: [{ label: 'Kill switch: cancel all, flatten all, halt', accelerator: KILL_SWITCH_ACCELERATOR, click: onKillSwitch }],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  globalShortcut.register(KILL_SWITCH_ACCELERATOR, onKillSwitch);
}
