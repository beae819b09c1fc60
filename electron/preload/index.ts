import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RequestName, StreamName, TerminalBridge } from '../../shared/ipc/contract.ts';
import { INVOKE_CHANNEL, STREAM_CHANNEL } from '../../shared/ipc/channels.ts';
import type { DispatchResult } from '../../shared/ipc/dispatch.ts';
import { TerminalError } from '../../shared/ipc/errors.ts';

/**
 * The contract's request and stream names, written in by build/bundle.ts from
 * shared/ipc/contract.ts: checking a name needs no schema, and the preload carries none.
 */
declare const CONTRACT_NAMES: { requests: readonly RequestName[]; streams: readonly StreamName[] };
const requestNames: ReadonlySet<string> = new Set(CONTRACT_NAMES.requests);
const streamNames: ReadonlySet<string> = new Set(CONTRACT_NAMES.streams);
const isRequestName = (name: unknown): name is RequestName => typeof name === 'string' && requestNames.has(name);
const isStreamName = (name: unknown): name is StreamName => typeof name === 'string' && streamNames.has(name);

/**
 * `window.terminal`: the contract and nothing else. No ipcRenderer, no channel names, no
 * Electron event objects reach the page; names outside the contract are refused here too.
 */
const bridge: TerminalBridge = {
  async invoke(name: string, ...input: unknown[]) {
    if (!isRequestName(name)) throw new TerminalError({ code: 'unknown-request', message: `unknown request ${String(name)}` });
    const result = (await ipcRenderer.invoke(INVOKE_CHANNEL, name, input[0])) as DispatchResult;
    if (!result.ok) throw new TerminalError(result.error);
    return result.value;
  },
  on(name: string, listener: (payload: never) => void) {
    if (!isStreamName(name)) throw new TerminalError({ code: 'unknown-request', message: `unknown stream ${String(name)}` });
    const relay = (_event: IpcRendererEvent, streamName: string, payload: unknown) => {
      if (streamName === name) listener(payload as never);
    };
    ipcRenderer.on(STREAM_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(STREAM_CHANNEL, relay);
    };
  },
} as TerminalBridge;

contextBridge.exposeInMainWorld('terminal', bridge);
