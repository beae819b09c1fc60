import type { MessageBoxOptions } from 'electron';

export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
}

export const KEEP_OPEN = 0;
export const CLOSE_ANYWAY = 1;

/**
 * Closing the terminal with pairs open asks first: the positions stay open on the venues, and
 * nothing watches their stops, exits or funding until the terminal runs again.
 */
export function guardClose(win: GuardedWindow, openPairs: () => Promise<number>, ask: (options: MessageBoxOptions) => Promise<{ response: number }>): void {
  let allowed = false;
  win.on('close', (event) => {
    if (allowed) return;
    event.preventDefault();
    void decide();
  });

  async function decide(): Promise<void> {
    const count = await openPairs().catch(() => 0);
    if (count > 0 && (await ask(closeQuestion(count))).response !== CLOSE_ANYWAY) return;
    allowed = true;
    win.close();
  }
}

export function closeQuestion(count: number): MessageBoxOptions {
  const pairs = count === 1 ? '1 pair is' : `${count} pairs are`;
  return {
    type: 'warning',
    title: 'Funding Terminal',
    message: `${pairs} open. Close the terminal anyway?`,
    detail: 'Closing does not close positions: they stay open on the venues, and no stop, exit, alert or funding check runs until the terminal is started again.',
    buttons: ['Keep the terminal open', 'Close anyway'],
    defaultId: KEEP_OPEN,
    cancelId: KEEP_OPEN,
    noLink: true,
  };
}
