import type { Input } from 'electron';

export const KILL_SWITCH_ACCELERATOR = 'CommandOrControl+Shift+K';

type KeyInput = Pick<Input, 'type' | 'key' | 'shift' | 'control' | 'meta' | 'alt' | 'isAutoRepeat'>;

/**
 * Ctrl/Cmd+Shift+K, pressed (not held: a held key repeats, and a repeat must never count as
 * the second, confirming press).
 */
export function isKillSwitchKey(input: KeyInput): boolean {
  return input.type === 'keyDown' && !input.isAutoRepeat && input.shift && !input.alt && (input.control || input.meta) && input.key.toLowerCase() === 'k';
}

export interface InputSource {
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: KeyInput) => void): unknown;
}

/**
 * The in-app accelerator: main sees the key before the page does (`before-input-event`), so it
 * acts while the window has the focus even with the renderer frozen, and never from another app.
 */
export function watchInAppKillKey(contents: InputSource, onPress: () => void): void {
  contents.on('before-input-event', (event, input) => {
    if (!isKillSwitchKey(input)) return;
    event.preventDefault();
    onPress();
  });
}

export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  isRegistered(accelerator: string): boolean;
}

export type HotkeyState = { systemWide: false } | { systemWide: true; registered: true } | { systemWide: true; registered: false; problem: string };

/**
 * The system-wide hotkey, opt-in: once registered it fires from any app (VS Code and Firefox
 * bind the same keys), so it is off unless the trader turns it on. A registration the OS
 * refuses (another app holds the keys) is reported, not ignored.
 */
export function setSystemWideKillKey(shortcuts: ShortcutRegistry, enabled: boolean, onPress: () => void): HotkeyState {
  if (shortcuts.isRegistered(KILL_SWITCH_ACCELERATOR)) shortcuts.unregister(KILL_SWITCH_ACCELERATOR);
  if (!enabled) return { systemWide: false };
  if (shortcuts.register(KILL_SWITCH_ACCELERATOR, onPress)) return { systemWide: true, registered: true };
  return {
    systemWide: true,
    registered: false,
    problem: 'The system-wide kill-switch hotkey (Ctrl/Cmd+Shift+K) could not be registered: another application holds it. ' +
      'The in-app hotkey, the menu item and the status-bar button still work.',
  };
}
