import { createServer, type IncomingMessage } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientFrameSchema, type ServerFrame } from '../../shared/ipc/wire.ts';
import { dispatch } from '../../shared/ipc/dispatch.ts';
import type { Mode, Publish } from '../../shared/ipc/contract.ts';
import { createBackend, type Backend } from '../backend/backend.ts';
import { createStreamBatcher } from '../backend/streams/streamBatcher.ts';
import { readStatic } from './staticFiles.ts';
import type { Simulator } from '../backend/demo.ts';
import type { DemoSpeed } from '../../shared/domain/demoClock.ts';

export interface HostOptions {
  port?: number;
  demo?: boolean;
  /** Demo's clock speed at start (`--speed`); the status bar changes it while running. */
  demoSpeed?: DemoSpeed;
  mode?: Mode;
  dataDir?: string;
  rendererDir?: string;
  /** Point the backend at venues elsewhere (tests: a simulator they started). */
  baseUrl?: string;
  pollScale?: number;
  /** Where redacted log lines go (stderr for `npm run web`). */
  logSink?: (line: string) => void;
  /** A damaged database is set aside (renamed, kept) and a fresh one started; otherwise the host refuses to start. */
  freshStore?: boolean;
  /** The kill switch's deadline and first background pause (tests shorten them). */
  killSwitchDeadlineMs?: number;
  killSwitchRetryMs?: number;
}

export interface Host {
  /** The page URL, carrying the session token. */
  url: string;
  port: number;
  token: string;
  backend: Backend;
  simulator?: Simulator;
  close(): Promise<void>;
}

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** The page may load only itself and talk only to this host's WebSocket. */
function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The headless host: the same backend behind the same contract, over a WebSocket bound to
 * 127.0.0.1, serving the renderer build. Used by `npm run web` and the end-to-end tests.
 * A WebSocket without the session token (or from a foreign origin) is refused.
 */
export async function startHost(options: HostOptions = {}): Promise<Host> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'funding-terminal-'));
  const clients = new Set<WebSocket>();

  const broadcast: Publish = (name, payload) => {
    const text = JSON.stringify({ kind: 'stream', name, payload } satisfies ServerFrame);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const batcher = createStreamBatcher(broadcast);

  // Bound before the backend starts: a port in use fails at once, with no store opened behind it.
  let backend: Backend | null = null;
  let port = 0;
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const file = await readStatic(rendererDir, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 80 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (!backend || !isAuthorised(req, token, port)) {
      backend?.log.warn('refused a WebSocket connection: missing or wrong token, or a foreign origin', { remote: req.socket.remoteAddress, origin: req.headers.origin });
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    const serving = backend;
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, serving));
  });

  function serveClient(ws: WebSocket, backend: Backend): void {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', async (data) => {
      const frame = parseFrame(data.toString());
      if (!frame) {
        ws.close(1008, 'malformed frame');
        return;
      }
      const result = await dispatch(backend.handlers, frame.name, frame.input);
      const reply: ServerFrame = result.ok
        ? { kind: 'reply', id: frame.id, ok: true, value: result.value }
        : { kind: 'reply', id: frame.id, ok: false, error: result.error };
      if (!result.ok) backend.log.warn('request refused', { reason: result.error.message });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const started = await createBackend({
    mode: options.mode ?? (options.demo ? 'demo' : 'paper'),
    dataDir,
    baseUrl: options.baseUrl,
    pollScale: options.pollScale,
    ...(options.demoSpeed !== undefined ? { demoSimulatorOptions: { speed: options.demoSpeed } } : {}),
    publish: batcher.publish,
    logSink: options.logSink,
    onDamagedStore: () => options.freshStore === true,
    killSwitchDeadlineMs: options.killSwitchDeadlineMs,
    killSwitchRetryMs: options.killSwitchRetryMs,
  }).catch(async (error: unknown) => {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  });
  backend = started;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    backend: started,
    simulator: started.demo?.simulator,
    async close() {
      batcher.stop();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await started.stop();
    },
  };
}

function parseFrame(text: string) {
  try {
    const parsed = ClientFrameSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Token in the query, and (when a browser sends one) an Origin of this very host. */
export function isAuthorised(req: IncomingMessage, token: string, port: number): boolean {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/ws') return false;
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://127.0.0.1:${port}`;
}
