/// <reference types="vite/client" />
import type { TerminalBridge } from '../../shared/ipc/contract.ts';
import { checkedBridge } from '../../shared/ipc/checkedBridge.ts';
import { hostSocketUrl, takeAccessToken } from './accessToken.ts';
import { createWsBridge, type LinkStatus, type LinkedBridge } from '../bridge/wsBridge.ts';

declare global {
  interface Window {
    /** Provided by the Electron preload; absent when served by the headless host. */
    terminal?: TerminalBridge;
  }
}

/** The preload's bridge as a link: IPC inside one app does not drop, so it is open for the life of the window. */
function preloadLink(preload: TerminalBridge): LinkedBridge {
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

/**
 * The one place the renderer obtains its bridge: Electron's preload object when present,
 * otherwise the WebSocket link to the headless host that served this page. A development
 * build, vitest and the build the end-to-end tests run (`VITE_CHECK_CONTRACT=1`) check every
 * answer and stream payload against the contract's schemas, over either transport; a
 * production build trusts main's typed handlers and skips the cost (docs/architecture.md,
 * "The contract").
 */
export function connectBridge(): LinkedBridge {
  const link = window.terminal
    ? preloadLink(window.terminal)
    : createWsBridge({ url: hostSocketUrl(window.location, takeAccessToken(window.location, window.sessionStorage, window.history)) });
  const check = import.meta.env.DEV || import.meta.env.VITE_CHECK_CONTRACT === '1';
  return check ? checkedBridge(link, (error) => console.error(error)) : link;
}
