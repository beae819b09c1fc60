import type { RequestName, StreamName, TerminalBridge } from './contract.ts';
import type { DispatchResult } from './dispatch.ts';
import { TerminalError } from './errors.ts';

/**
 * How a client reaches the main process: Electron's ipcRenderer in the preload, the headless
 * host's WebSocket in the browser. A transport moves frames and nothing else; the checks that
 * every renderer must get alike (names, errors, stream fan-out) live in `createClient`.
 */
export interface Transport {
  /** Sends one request; resolves with main's dispatch result, rejects when the link lost it. */
  call(name: RequestName, input: unknown): Promise<DispatchResult>;
  /** Every stream frame, whatever its name; returns the unsubscribe. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export interface ClientOptions {
  /** The contract's names. The preload gets them written in at build time (it carries no schemas). */
  names: { requests: readonly RequestName[]; streams: readonly StreamName[] };
}

/**
 * `TerminalBridge` over a transport: names outside the contract are refused before anything is
 * sent, a refusal from main arrives as a TerminalError with main's code and words, and each
 * stream listener gets only its stream's frames. Outputs are checked against their schemas one
 * level up, by the renderer in development builds (`checkedBridge.ts`), so both transports get
 * the same check and the preload still carries no schemas.
 */
export function createClient(transport: Transport, options: ClientOptions): TerminalBridge {
  const requestNames: ReadonlySet<string> = new Set(options.names.requests);
  const streamNames: ReadonlySet<string> = new Set(options.names.streams);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;

  const fanOut = (name: string, payload: unknown): void => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  async function invoke(name: string, ...input: unknown[]): Promise<unknown> {
    if (!requestNames.has(name)) throw new TerminalError({ code: 'unknown-request', message: `unknown request ${JSON.stringify(String(name)).slice(0, 80)}` });
    const result = await transport.call(name as RequestName, input[0]);
    if (!result.ok) throw new TerminalError(result.error);
    return result.value;
  }

  function on(name: string, listener: (payload: unknown) => void): () => void {
    if (!streamNames.has(name)) throw new TerminalError({ code: 'unknown-request', message: `unknown stream ${JSON.stringify(String(name)).slice(0, 80)}` });
    unsubscribe ??= transport.subscribe(fanOut);
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  return { invoke, on } as TerminalBridge;
}
