import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RequestName, StreamName } from '../../shared/ipc/contract.ts';
import { INVOKE_CHANNEL, STREAM_CHANNEL } from '../../shared/ipc/channels.ts';
import { createClient, type Transport } from '../../shared/ipc/client.ts';
import type { DispatchResult } from '../../shared/ipc/dispatch.ts';

/**
 * The contract's request and stream names, written in by build/bundle.ts from
 * shared/ipc/contract.ts: checking a name needs no schema, and the preload carries none.
 */
declare const CONTRACT_NAMES: { requests: readonly RequestName[]; streams: readonly StreamName[] };

/** Electron's IPC as the contract client's transport: two channels, no Electron objects past here. */
const ipcTransport: Transport = {
  call: async (name, input) => (await ipcRenderer.invoke(INVOKE_CHANNEL, name, input)) as DispatchResult,
  subscribe(listener) {
    const relay = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(STREAM_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(STREAM_CHANNEL, relay);
    };
  },
};

/**
 * `window.terminal`: the contract and nothing else. No ipcRenderer, no channel names, no
 * Electron event objects reach the page; names outside the contract are refused by the client.
 */
contextBridge.exposeInMainWorld('terminal', createClient(ipcTransport, { names: CONTRACT_NAMES }));
