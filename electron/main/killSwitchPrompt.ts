import type { MessageBoxOptions } from 'electron';

/** Where a kill-switch request came from; it goes into the journal's reason. */
export type KillSource = 'in-app hotkey' | 'system-wide hotkey' | 'menu';

export const ENGAGE_BUTTON = 0;
export const CANCEL_BUTTON = 1;

export interface KillSwitchPromptDeps {
  /** Electron's `dialog.showMessageBox`, bound to the terminal window (a fake in unit tests). */
  ask(options: MessageBoxOptions): Promise<{ response: number }>;
  /** Brings the window forward so the question is seen even when another app had the focus. */
  raise(): void;
  engage(reason: string): Promise<void>;
}

export interface KillSwitchPrompt {
  /** A press of the hotkey or a click of the menu item. */
  request(source: KillSource): Promise<void>;
  readonly open: boolean;
}

/**
 * The confirmation raised by main (so it works with the renderer frozen). The rule, the same as
 * the renderer's: Engage is the focused default, so "hotkey, Enter" engages; a second press of
 * the hotkey while the question is up engages too; only Esc or Cancel cancels.
 * See docs/desktop.md, "The kill switch".
 */
export function createKillSwitchPrompt(deps: KillSwitchPromptDeps): KillSwitchPrompt {
  let pending: { abort: AbortController; pressedAgain: boolean } | null = null;

  async function request(source: KillSource): Promise<void> {
    if (pending) {
      pending.pressedAgain = true;
      pending.abort.abort();
      return;
    }
    const current = { abort: new AbortController(), pressedAgain: false };
    pending = current;
    try {
      deps.raise();
      const { response } = await deps.ask(promptOptions(current.abort.signal));
      if (response === ENGAGE_BUTTON || current.pressedAgain) {
        await deps.engage(`kill switch (${source}, confirmed${current.pressedAgain ? ' by a second press' : ''})`);
      }
    } finally {
      pending = null;
    }
  }

  return {
    request,
    get open() {
      return pending !== null;
    },
  };
}

export function promptOptions(signal: AbortSignal): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Kill switch',
    message: 'Engage the kill switch?',
    detail: 'Cancels every open order and closes every position on every venue, then halts trading until you re-arm it by hand.\n\n' +
      'Enter or a second Ctrl/Cmd+Shift+K engages; Esc cancels.',
    buttons: ['Engage kill switch', 'Cancel'],
    defaultId: ENGAGE_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
    signal,
  };
}
