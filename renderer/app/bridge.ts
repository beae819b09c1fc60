/// <reference types="vite/client" />
import type { TerminalBridge } from '../../shared/ipc/contract.ts';
import { checkOutput } from '../../shared/ipc/outputCheck.ts';
import { hostSocketUrl, takeAccessToken } from './accessToken.ts';
import { createWsBridge, type LinkStatus, type LinkedBridge } from '../bridge/wsBridge.ts';

declare global {
  interface Window {
    /** Provided by the Electron preload; absent when served by the headless host. */
    terminal?: TerminalBridge;
  }
}

/**
 * The one place the renderer obtains its bridge: Electron's preload object when present,
 * otherwise the WebSocket link to the headless host that served this page.
 */
export function connectBridge(): LinkedBridge {
  const preload = window.terminal;
  if (preload) {
    // IPC inside one app does not drop: the link is open for the life of the window.
    const open: LinkStatus = { status: 'open', error: null, nextRetryAt: null, reconnected: false };
    return {
      invoke: preload.invoke.bind(preload) as TerminalBridge['invoke'],
      on: preload.on.bind(preload) as TerminalBridge['on'],
      onStatus: (listener) => {
        listener(open);
        return () => {};
      },
      close: () => {},
    };
  }
  const token = takeAccessToken(window.location, window.sessionStorage, window.history);
  // A development build checks every answer against the contract's output schemas.
  return createWsBridge({ url: hostSocketUrl(window.location, token), checkOutput: import.meta.env.DEV ? checkOutput : undefined });
}
