import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { createWsBridge, type LinkStatus, type LinkedBridge } from '../../../renderer/bridge/wsBridge.ts';
import { TerminalError } from '../../../shared/ipc/errors.ts';
import type { ClientFrame, ServerFrame } from '../../../shared/ipc/wire.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';

/** A loopback server speaking the host's frames; `answer` decides each reply. */
async function startServer(answer: (frame: ClientFrame, ws: ServerSocket) => ServerFrame | null, token = 't0k') {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws', verifyClient: ({ req }: { req: IncomingMessage }) => new URL(req.url ?? '', 'http://x').searchParams.get('token') === token });
  const sockets = new Set<ServerSocket>();
  let connections = 0;
  wss.on('connection', (ws) => {
    connections += 1;
    sockets.add(ws);
    ws.on('message', (data) => {
      const reply = answer(JSON.parse(data.toString()) as ClientFrame, ws);
      if (reply) ws.send(JSON.stringify(reply));
    });
  });
  await new Promise((r) => wss.once('listening', r));
  const { port } = wss.address() as AddressInfo;
  return {
    url: (t = token) => `ws://127.0.0.1:${port}/ws?token=${t}`,
    get connections() { return connections; },
    push: (frame: ServerFrame) => sockets.forEach((ws) => ws.send(JSON.stringify(frame))),
    dropAll: () => sockets.forEach((ws) => ws.terminate()),
    close: () => new Promise<void>((r) => { sockets.forEach((ws) => ws.terminate()); wss.close(() => r()); }),
  };
}

function waitFor(bridge: LinkedBridge, predicate: (s: LinkStatus) => boolean): Promise<LinkStatus> {
  return new Promise((resolve) => {
    const off = bridge.onStatus((s) => {
      if (predicate(s)) {
        queueMicrotask(() => off());
        resolve(s);
      }
    });
  });
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('the WebSocket bridge to the headless host', () => {
  it('sends {id, name, input} and resolves with the reply value', async () => {
    const seen: ClientFrame[] = [];
    const server = await startServer((f) => (seen.push(f), { kind: 'reply', id: f.id, ok: true, value: DEFAULT_SETTINGS }));
    cleanup.push(server.close);
    const bridge = createWsBridge({ url: server.url() });
    cleanup.push(() => bridge.close());
    await expect(bridge.invoke('settings.get')).resolves.toEqual(DEFAULT_SETTINGS);
    await bridge.invoke('history.funding', { base: 'BTC' });
    expect(seen.map((f) => [f.name, f.input])).toEqual([['settings.get', undefined], ['history.funding', { base: 'BTC' }]]);
    expect(new Set(seen.map((f) => f.id)).size).toBe(2);
  });

  it('rejects with a TerminalError carrying the code and message of an error reply', async () => {
    const server = await startServer((f) => ({ kind: 'reply', id: f.id, ok: false, error: { code: 'invalid-input', message: 'history.funding: base: a base asset is letters and digits' } }));
    cleanup.push(server.close);
    const bridge = createWsBridge({ url: server.url() });
    cleanup.push(() => bridge.close());
    const err = await bridge.invoke('history.funding', { base: 'B-T-C' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TerminalError);
    expect(err).toMatchObject({ code: 'invalid-input', message: 'history.funding: base: a base asset is letters and digits' });
  });

  it('refuses a request name outside the contract as the preload does, sending nothing', async () => {
    const seen: ClientFrame[] = [];
    const server = await startServer((f) => (seen.push(f), { kind: 'reply', id: f.id, ok: true, value: null }));
    cleanup.push(server.close);
    const bridge = createWsBridge({ url: server.url() });
    cleanup.push(() => bridge.close());
    await waitFor(bridge, (s) => s.status === 'open');
    await expect((bridge.invoke as (name: string) => Promise<unknown>)('vault.export')).rejects.toMatchObject({ code: 'unknown-request' });
    await bridge.invoke('settings.get');
    expect(seen.map((f) => f.name)).toEqual(['settings.get']);
  });

  it('delivers stream frames to the listeners of that stream only, until unsubscribed', async () => {
    const server = await startServer(() => null);
    cleanup.push(server.close);
    const bridge = createWsBridge({ url: server.url() });
    cleanup.push(() => bridge.close());
    const states: unknown[] = [];
    const alerts: unknown[] = [];
    const off = bridge.on('tradingState', (p) => states.push(p.state));
    bridge.on('alerts', (p) => alerts.push(p));
    await waitFor(bridge, (s) => s.status === 'open');
    server.push({ kind: 'stream', name: 'tradingState', payload: { state: 'HALTED', since: 1, reason: 'test' } });
    await expect.poll(() => states).toEqual(['HALTED']);
    off();
    server.push({ kind: 'stream', name: 'tradingState', payload: { state: 'ACTIVE', since: 2, reason: null } });
    server.push({ kind: 'stream', name: 'alerts', payload: [] });
    await expect.poll(() => alerts.length).toBe(1);
    expect(states).toEqual(['HALTED']);
  });

  it('rejects calls in flight when the connection drops, then reconnects and reports it as a reconnect', async () => {
    let reply = false;
    const server = await startServer((f) => (reply ? { kind: 'reply', id: f.id, ok: true, value: 'pong' } : null));
    cleanup.push(server.close);
    const bridge = createWsBridge({ url: server.url(), initialBackoffMs: 20, maxBackoffMs: 50 });
    cleanup.push(() => bridge.close());
    await waitFor(bridge, (s) => s.status === 'open');
    const inFlight = bridge.invoke('app.info').catch((e: unknown) => e);
    await expect.poll(() => server.connections).toBe(1);
    const reconnected = waitFor(bridge, (s) => s.status === 'open' && s.reconnected);
    server.dropAll();
    const err = await inFlight;
    expect(err).toBeInstanceOf(TerminalError);
    expect((err as Error).message).toMatch(/^app\.info: connection to the terminal host was lost/);
    await reconnected;
    expect(server.connections).toBe(2);
    reply = true;
    await expect(bridge.invoke('app.info')).resolves.toBe('pong');
  });

  it('a connection with a wrong token is refused and retried with growing delays, never opening', async () => {
    const server = await startServer(() => null, 'right');
    cleanup.push(server.close);
    const bridge = createWsBridge({ url: server.url('wrong'), initialBackoffMs: 10, maxBackoffMs: 40 });
    cleanup.push(() => bridge.close());
    const statuses: LinkStatus[] = [];
    bridge.onStatus((s) => statuses.push(s));
    await expect.poll(() => statuses.filter((s) => s.status === 'reconnecting').length).toBeGreaterThanOrEqual(3);
    expect(statuses.some((s) => s.status === 'open')).toBe(false);
    expect(statuses.at(-1)!.error).toMatch(/refused or did not answer/);
    expect(server.connections).toBe(0);
  });

  it('calls made before the socket opens are sent once it opens', async () => {
    const server = await startServer((f) => ({ kind: 'reply', id: f.id, ok: true, value: f.name }));
    cleanup.push(server.close);
    const bridge = createWsBridge({ url: server.url() });
    cleanup.push(() => bridge.close());
    const results = await Promise.all([bridge.invoke('app.info'), bridge.invoke('settings.get')]);
    expect(results).toEqual(['app.info', 'settings.get']);
  });
});
