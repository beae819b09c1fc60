/**
 * A loopback server in front of the simulator that answers chosen routes with a venue's
 * recorded real body and forwards everything else (signatures included) to the simulator.
 * The terminal's own code then runs, through ccxt, on the answer the real venue gave.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import type { FundingPayment } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { credentialsFor } from '../trading/harness.ts';

/**
 * The live broker's funding payments on `symbol` when the venue answers `route` with its
 * recorded body (a funding-sign check on the venue's own answer).
 */
export async function recordedFundingPayments(simUrl: string, venue: VenueId, route: string, answer: unknown, symbol: string): Promise<FundingPayment[]> {
  let proxy: RecordedProxy | undefined;
  let broker: Broker | undefined;
  try {
    proxy = await startRecordedProxy(simUrl, { [route]: answer });
    broker = await createLiveBroker({ venue, credentials: credentialsFor(venue), connection: { baseUrl: proxy.url, timeoutMs: 2_000 } });
    return await broker.fundingPayments(symbol);
  } finally {
    await broker?.close();
    await proxy?.close();
  }
}

export interface RecordedProxy {
  url: string;
  close(): Promise<void>;
}

/** `answers` maps `GET /v5/execution/list` to the body to send for it. */
export async function startRecordedProxy(targetUrl: string, answers: Record<string, unknown>): Promise<RecordedProxy> {
  const target = new URL(targetUrl);
  const server = createServer((req, res) => {
    const route = `${req.method} ${new URL(req.url ?? '/', 'http://127.0.0.1').pathname}`;
    if (route in answers) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answers[route]));
      return;
    }
    forward(req, res, target);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function forward(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}
