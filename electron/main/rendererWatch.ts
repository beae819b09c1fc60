import type { MessageBoxOptions } from 'electron';

export interface WatchedContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  reload(): void;
}

export interface RendererWatchDeps {
  ask(options: MessageBoxOptions): Promise<{ response: number }>;
  quit(): void;
  warn(line: string): void;
}

const KEPT = 'Trading state, positions, orders and the kill switch live in the main process and are unaffected; ' +
  'the menu item and Ctrl/Cmd+Shift+K still reach the kill switch.';

/**
 * The window's page crashing or hanging must not end the session: main keeps trading, and
 * the trader is offered a reload (which re-reads everything from main). One question at a time.
 */
export function watchRenderer(contents: WatchedContents, deps: RendererWatchDeps): void {
  let asking = false;
  let unresponsive = false;
  const askOnce = async (options: MessageBoxOptions, onAnswer: (response: number) => void) => {
    if (asking) return;
    asking = true;
    try {
      onAnswer((await deps.ask(options)).response);
    } finally {
      asking = false;
    }
  };

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    deps.warn(`the terminal window's page stopped (${details.reason}, exit code ${details.exitCode}); offering a reload`);
    void askOnce({
      type: 'error', title: 'Funding Terminal', message: `The terminal's window stopped (${details.reason}).`, detail: KEPT,
      buttons: ['Reload the window', 'Quit'], defaultId: 0, cancelId: 0, noLink: true,
    }, (response) => (response === 0 ? contents.reload() : deps.quit()));
  });
  contents.on('unresponsive', () => {
    unresponsive = true;
    deps.warn('the terminal window is not responding');
    void askOnce({
      type: 'warning', title: 'Funding Terminal', message: 'The terminal\'s window is not responding.', detail: KEPT,
      buttons: ['Wait', 'Reload the window'], defaultId: 0, cancelId: 0, noLink: true,
    }, (response) => {
      if (response === 1 && unresponsive) contents.reload();
    });
  });
  contents.on('responsive', () => {
    unresponsive = false;
  });
}
