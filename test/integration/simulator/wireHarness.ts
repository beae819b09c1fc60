/**
 * Serves venue wires on 127.0.0.1 with the real simulated market (paused clock, fixed seed)
 * so ccxt can be pointed at them through its own HTTP code. A thin stand-in for the
 * simulator server: it routes by path prefix exactly like it and nothing more.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Exchange } from 'ccxt';
import { SimClock } from '../../../electron/simulator/clock.ts';
import { Market } from '../../../electron/simulator/market.ts';
import { buildUniverse } from '../../../electron/simulator/universe.ts';
import { pointAtBaseUrl } from '../../../electron/backend/markets/loopback.ts';
import type { SimAccounts, SimContext, SimCredentials, SimResponse, VenueId, VenueWire } from '../../../electron/simulator/types.ts';

/** A fixed start (a Wednesday, 10:20 UTC) keeps settlement times and histories reproducible. */
export const START_TIME = Date.UTC(2026, 2, 4, 10, 20, 0);

export interface WireServer {
  url: string;
  clock: SimClock;
  market: Market;
  context: SimContext;
  /** Status to answer the next requests with, using the wire's `errorBody`, until cleared. */
  failWith(status: number | null): void;
  close(): Promise<void>;
}

const noAccounts = new Proxy({} as SimAccounts, {
  get: (_target, name) => () => {
    throw new Error(`wire harness: no accounts configured (SimAccounts.${String(name)} called)`);
  },
});

const noCredentials: SimCredentials = { find: () => undefined };

function send(response: SimResponse, res: import('node:http').ServerResponse): void {
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
  res.end(text);
}

export async function startWireServer(
  wires: VenueWire[],
  opts: { accounts?: (market: Market) => SimAccounts; credentials?: SimCredentials; venues?: VenueId[] } = {},
): Promise<WireServer> {
  const clock = new SimClock({ startTime: START_TIME, paused: true });
  const market = new Market({ seed: 7, now: () => clock.now(), universe: buildUniverse(opts.venues ?? wires.map((w) => w.venue), 40), startTime: START_TIME, historyDays: 5 });
  const context: SimContext = { market, accounts: opts.accounts?.(market) ?? noAccounts, credentials: opts.credentials ?? noCredentials };
  let failure: number | null = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const wire = wires.find((w) => w.pathPrefixes.some((p) => url.pathname.startsWith(p)));
      if (wire === undefined) return send({ status: 404, body: 'not found' }, res);
      if (failure !== null) return send({ status: failure, body: wire.errorBody(failure) }, res);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
      const request = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, rawQuery: url.search.slice(1), headers, body: Buffer.concat(chunks).toString('utf8') };
      Promise.resolve()
        .then(() => wire.handle(request, context))
        .then((answer) => send(answer ?? { status: 404, body: 'not found' }, res))
        .catch((error: unknown) => send({ status: 500, body: String(error) }, res));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clock,
    market,
    context,
    failWith: (status) => { failure = status; },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Points a ccxt exchange at the harness, as Demo mode does. */
export function pointAt<T extends Exchange>(exchange: T, url: string): T {
  pointAtBaseUrl(exchange, url);
  return exchange;
}
