import type { MessageBoxOptions } from 'electron';
import type { RequestOutput } from '../../shared/ipc/contract.ts';
import { createKillSwitchPrompt, type KillSource } from './killSwitchPrompt.ts';
import { setSystemWideKillKey, watchInAppKillKey, type InputSource, type ShortcutRegistry } from './killKeys.ts';
import type { MenuState } from './menu.ts';
import type { PrefsFile } from './desktopPrefs.ts';

type KillReport = RequestOutput<'killSwitch.engage'>;

/** The slice of BrowserWindow the kill switch uses. */
export interface KillWindow {
  webContents: InputSource;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export interface KillSwitchShellDeps {
  window: KillWindow;
  /** `dialog.showMessageBox` with the terminal window as parent. */
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  shortcuts: ShortcutRegistry;
  prefs: PrefsFile;
  engage(reason: string): Promise<KillReport>;
  /** Rebuilds the application menu with the hotkey's current state. */
  applyMenu(state: MenuState): void;
  warn(line: string): void;
}

export interface KillSwitchShell {
  request(source: KillSource): Promise<void>;
  setSystemWide(enabled: boolean): void;
}

/**
 * Every way main reaches the kill switch: the in-app hotkey, the menu item and (opt-in) the
 * system-wide hotkey, each through the same native confirmation. See docs/desktop.md.
 */
export function installKillSwitch(deps: KillSwitchShellDeps): KillSwitchShell {
  const { window } = deps;
  const prompt = createKillSwitchPrompt({
    ask: deps.showMessageBox,
    raise() {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
    async engage(reason) {
      const report = await deps.engage(reason);
      void deps.showMessageBox(reportOptions(report));
    },
  });
  const request = (source: KillSource) =>
    prompt.request(source).catch((error: unknown) => {
      deps.warn(`kill switch failed: ${error instanceof Error ? error.message : String(error)}`);
      void deps.showMessageBox({ type: 'error', title: 'Kill switch', message: 'The kill switch failed', detail: `${error instanceof Error ? error.message : String(error)}\n\nCheck each venue by hand.` });
    });

  function setSystemWide(enabled: boolean): void {
    const state = setSystemWideKillKey(deps.shortcuts, enabled, () => void request('system-wide hotkey'));
    const registered = state.systemWide && state.registered;
    if (state.systemWide && !state.registered) {
      deps.warn(state.problem);
      void deps.showMessageBox({ type: 'error', title: 'Kill-switch hotkey', message: 'System-wide hotkey not registered', detail: state.problem });
    }
    if (deps.prefs.read().systemWideKillHotkey !== enabled) deps.prefs.update({ systemWideKillHotkey: enabled });
    deps.applyMenu({ systemWideHotkey: registered });
  }

  watchInAppKillKey(window.webContents, () => void request('in-app hotkey'));
  setSystemWide(deps.prefs.read().systemWideKillHotkey);
  return { request, setSystemWide };
}

/** What the kill switch did, venue by venue, shown once it finished. */
export function reportOptions(report: KillReport): MessageBoxOptions {
  const lines = report.venues.map((v) => `${v.venue}: ${v.flat ? 'flat' : 'NOT FLAT'}${v.error ? ` — ${v.error}` : ''}`);
  const allFlat = report.venues.every((v) => v.flat);
  return {
    type: allFlat ? 'info' : 'error',
    title: 'Kill switch',
    message: `Kill switch engaged: trading ${report.state.state}`,
    detail: lines.length ? lines.join('\n') : 'Nothing was open: no order to cancel, no position to close.',
    buttons: ['OK'],
  };
}
