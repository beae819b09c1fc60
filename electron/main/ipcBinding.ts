import type { Handlers } from '../../shared/ipc/contract.ts';
import { INVOKE_CHANNEL } from '../../shared/ipc/channels.ts';
import { dispatch, type DispatchResult } from '../../shared/ipc/dispatch.ts';

/** The slice of Electron's IpcMainInvokeEvent the binding reads (a fake in unit tests). */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
  sender: unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<DispatchResult>): void;
  removeHandler(channel: string): void;
}

export interface TrustedSender {
  /** The webContents of our window; anything else is foreign. */
  webContents: unknown;
  /** The origin our pages are served from, e.g. `app://terminal`. */
  origin: string;
}

/**
 * Binds the contract to ipcMain: one channel, every message checked three ways before a
 * handler runs — the sender is our window's top frame from our origin, the name is in the
 * contract, the payload passes its schema. Refusals are logged and answered, never thrown.
 */
export function bindContract(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  trusted: TrustedSender,
  log: (line: string) => void,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name, input) => {
    if (!isTrustedFrame(event, trusted)) {
      log(`IPC refused: request ${String(name).slice(0, 60)} from a foreign frame ${event.senderFrame?.url ?? '(gone)'}`);
      return { ok: false, error: { code: 'failed', message: 'request refused: it did not come from the terminal window' } };
    }
    const result = await dispatch(handlers, name, input);
    if (!result.ok) log(`IPC refused: ${result.error.message}`);
    return result;
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

export function isTrustedFrame(event: InvokeEventLike, trusted: TrustedSender): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || event.sender !== trusted.webContents) return false;
  try {
    return new URL(frame.url).origin === trusted.origin || frame.url.startsWith(`${trusted.origin}/`);
  } catch {
    return false;
  }
}
