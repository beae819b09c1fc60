import { requests, streams, type RequestName, type StreamName, type TerminalBridge } from '../../shared/ipc/contract.ts';
import { createClient, type Transport } from '../../shared/ipc/client.ts';
import type { DispatchResult, WireError } from '../../shared/ipc/dispatch.ts';
import { TerminalError } from '../../shared/ipc/errors.ts';
import type { ClientFrame, ServerFrame } from '../../shared/ipc/wire.ts';

/** The state of the link to the host, for the status bar and for re-fetching after a reconnect. */
export interface LinkStatus {
  status: 'connecting' | 'open' | 'reconnecting';
  error: string | null;
  nextRetryAt: number | null;
  /** True on an `open` that follows an earlier open: state may have been missed meanwhile. */
  reconnected: boolean;
}

export interface LinkedBridge extends TerminalBridge {
  onStatus(listener: (status: LinkStatus) => void): () => void;
  close(): void;
}

export interface WsBridgeOptions {
  url: string;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Injected in tests that run under Node; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
}

/** The contract's names, for the client's refusal of anything else. */
const CONTRACT_NAMES = { requests: Object.keys(requests) as RequestName[], streams: Object.keys(streams) as StreamName[] };

interface Pending {
  name: string;
  resolve(result: DispatchResult): void;
  reject(error: Error): void;
}

const WIRE_CODES: ReadonlyArray<WireError['code']> = ['unknown-request', 'invalid-input', 'failed'];

function toWireError(error: { code: string; message: string }): WireError {
  const code = (WIRE_CODES as readonly string[]).includes(error.code) ? (error.code as WireError['code']) : 'failed';
  return { code, message: error.message };
}

/**
 * The contract client (`shared/ipc/client.ts`) over the headless host's WebSocket. Calls made
 * while the link is down wait for it; calls in flight when it drops are rejected (their outcome
 * is unknown, so the caller decides whether to retry). Reconnects with exponential backoff.
 */
export function createWsBridge(options: WsBridgeOptions): LinkedBridge {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const initialBackoff = options.initialBackoffMs ?? 500;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const pending = new Map<number, Pending>();
  const streamListeners = new Set<(name: string, payload: unknown) => void>();
  const statusListeners = new Set<(status: LinkStatus) => void>();
  let queue: string[] = [];
  let nextId = 1;
  let attempt = 0;
  let everOpened = false;
  let closed = false;
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let status: LinkStatus = { status: 'connecting', error: null, nextRetryAt: null, reconnected: false };

  const setStatus = (next: LinkStatus): void => {
    status = next;
    for (const l of statusListeners) l(next);
  };

  const onFrame = (frame: ServerFrame): void => {
    if (frame.kind === 'stream') {
      for (const l of streamListeners) l(frame.name, frame.payload);
      return;
    }
    const call = pending.get(frame.id);
    if (!call) return;
    pending.delete(frame.id);
    call.resolve(frame.ok ? { ok: true, value: frame.value } : { ok: false, error: toWireError(frame.error) });
  };

  const failInFlight = (reason: string): void => {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.reject(new TerminalError({ code: 'failed', message: `${call.name}: ${reason}` }));
    }
  };

  const connect = (): void => {
    retryTimer = null;
    const ws = new Impl(options.url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      const reconnected = everOpened;
      everOpened = true;
      const waiting = queue;
      queue = [];
      for (const text of waiting) ws.send(text);
      setStatus({ status: 'open', error: null, nextRetryAt: null, reconnected });
    };
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data) as ServerFrame;
      } catch {
        // A frame we cannot read is dropped; the payload is not logged (it may be large or private).
        console.warn('terminal link: dropped a frame that is not JSON');
        return;
      }
      onFrame(frame);
    };
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      const reason = opened
        ? `connection to the terminal host was lost (code ${event.code})`
        : `the terminal host refused or did not answer the connection (code ${event.code}); check the token in the address the host printed`;
      failInFlight(reason);
      if (closed) return;
      const delay = Math.min(maxBackoff, initialBackoff * 2 ** attempt);
      attempt += 1;
      retryTimer = setTimeout(connect, delay);
      setStatus({ status: 'reconnecting', error: reason, nextRetryAt: Date.now() + delay, reconnected: false });
    };
  };

  const transport: Transport = {
    call: (name, input) => new Promise((resolve, reject) => {
      if (closed) {
        reject(new TerminalError({ code: 'failed', message: `${name}: the terminal link is closed` }));
        return;
      }
      const id = nextId++;
      const frame: ClientFrame = { id, name, input };
      pending.set(id, { name, resolve, reject });
      const text = JSON.stringify(frame);
      if (socket && socket.readyState === Impl.OPEN) socket.send(text);
      else queue.push(text);
    }),
    subscribe(listener) {
      streamListeners.add(listener);
      return () => streamListeners.delete(listener);
    },
  };
  const client: TerminalBridge = createClient(transport, { names: CONTRACT_NAMES });

  connect();
  return {
    invoke: client.invoke,
    on: client.on,
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      queue = [];
      failInFlight('the terminal link was closed');
      socket?.close();
      socket = null;
    },
  };
}
