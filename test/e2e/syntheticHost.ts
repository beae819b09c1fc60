import { createServer, type IncomingMessage } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ServerFrame } from '../../shared/ipc/wire.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { DEFAULT_RISK_SETTINGS } from '../../shared/domain/ticket.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';
import { SyntheticFeed } from './syntheticFeed.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface SyntheticHost {
  url: string;
  /** Moves `count` random quotes now and pushes the batch; returns the changed `base|venue` keys. */
  push(count: number): string[];
  close(): Promise<void>;
}

/**
 * Serves the renderer build with a synthetic market pushed at 1 Hz over the host's wire
 * frames: each second `changesPerSecond` quotes move and the rows holding them are upserted.
 * `changesPerSecond` 0: nothing moves until `push`. For the renderer benchmark (3,000 rows) and
 * the monitor's render count (monitorRenders.test.ts); other end-to-end tests use the real host.
 */
export async function startSyntheticHost(rendererDir: string, assets: number, changesPerSecond: number): Promise<SyntheticHost> {
  const feed = new SyntheticFeed(assets);
  const token = 'bench-token';
  const server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(rendererDir, path === '/' ? 'index.html' : path);
    const body = await readFile(file).catch(() => null);
    if (body === null) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  const wss = new WebSocketServer({ server, path: '/ws', verifyClient: ({ req }: { req: IncomingMessage }) => new URL(req.url ?? '', 'http://x').searchParams.get('token') === token });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const { id, name } = JSON.parse(data.toString()) as { id: number; name: string };
      const now = Date.now();
      const values: Record<string, unknown> = {
        'app.info': { name: 'Funding Terminal', version: 'bench', mode: 'demo', dataDir: '/tmp', venues: [...VENUE_IDS], startedAt: now },
        'settings.get': DEFAULT_SETTINGS,
        'trading.state': { state: 'ACTIVE', since: now, reason: null },
        // The rest of the renderer's snapshot load (startSync): defaults, no kill-switch report, no demo clock.
        'risk.get': DEFAULT_RISK_SETTINGS,
        'killSwitch.status': null,
        'demo.clock': null,
        'markets.snapshot': { quotes: feed.quotes(now), health: feed.health(now), signals: feed.signals(now) },
      };
      const reply: ServerFrame = name in values ? { kind: 'reply', id, ok: true, value: values[name] } : { kind: 'reply', id, ok: false, error: { code: 'failed', message: `${name}: not served by the synthetic host` } };
      ws.send(JSON.stringify(reply));
    });
  });
  const push = (count: number): string[] => {
    const touched = feed.step(count);
    const now = Date.now();
    const frames: ServerFrame[] = [
      { kind: 'stream', name: 'signals', payload: feed.signals(now, touched) },
      { kind: 'stream', name: 'quotes', payload: feed.quotes(now, touched) },
      { kind: 'stream', name: 'health', payload: feed.health(now) },
    ];
    for (const ws of wss.clients) for (const f of frames) ws.send(JSON.stringify(f));
    return [...touched];
  };
  const timer = changesPerSecond > 0 ? setInterval(() => push(changesPerSecond), 1000) : undefined;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    push,
    async close() {
      clearInterval(timer);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
