/**
 * The venue simulator's loopback server: one `node:http` server on 127.0.0.1 that routes each
 * request by path prefix to the venue wire owning it, applies injected faults, logs every
 * request, serves the control API under `/__sim/…` (loopback callers only) and the websocket
 * streams on the same port. `startSimulator` is the library entry for tests and Demo mode.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SimContext, SimFeeRates, SimOrder, SimRequest, SimResponse, VenueId, VenueWire } from './types.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';
import { SimClock } from './clock.ts';
import { Market } from './market.ts';
import { Accounts } from './accounts.ts';
import { SpotMarkets } from './spot.ts';
import { Faults, emptyLists, type Fault } from './faults.ts';
import { CredentialStore, DEMO_CREDENTIAL, demoCredential } from './credentials.ts';
import { LOGGED_BODY_CHARS, RequestLog, type LogEntry } from './requestLog.ts';
import { buildUniverse, DEFAULT_UNIVERSE_SIZE } from './universe.ts';
import { VENUE_WIRES } from './venues/index.ts';
import { ControlError, handleControl, isLoopback } from './control.ts';
import { SimRejection } from './types.ts';
import { SimStreams } from './ws.ts';
import { thinBook } from './book.ts';
import { Scheduler, type ScheduledAction, type ScheduledEvent } from './scheduler.ts';
import { applyReplay, firstRecordedTime, readReplay, type ReplaySeries } from './replay.ts';

export interface SimulatorOptions {
  port?: number;
  seed?: number;
  /** Simulated seconds per real second (1 = real time). */
  speed?: number;
  paused?: boolean;
  /** Simulated start time (ms); defaults to now. */
  startTime?: number;
  /** Funding CSV files or recorded Binance folders whose series replace the model. */
  replay?: string[];
  universeSize?: number;
  venues?: VenueId[];
  /** Real milliseconds between websocket pushes (default 1000). */
  streamPushMs?: number;
  /** Starting balance of each account. */
  initialBalance?: number;
  /** The fee tier new accounts start at per venue (a VIP account); a venue left out starts at its lowest tier. */
  feeRates?: Partial<Record<VenueId, SimFeeRates>>;
}

export interface Simulator {
  url: string;
  wsUrl: string;
  port: number;
  seed: number;
  venues: VenueId[];
  market: Market;
  accounts: Accounts;
  spot: SpotMarkets;
  clock: SimClock;
  faults: Faults;
  credentials: CredentialStore;
  log: RequestLog;
  /** Websocket streams on the same port (register dialects, inject disconnects). */
  streams: SimStreams;
  /** Runs `action` at simulated time `at` (exactly at `at` when the clock is stepped past it). */
  schedule(at: number, action: ScheduledAction): ScheduledEvent;
  scheduled(): ScheduledEvent[];
  /** Recorded series that name no simulated instrument (not in the universe or venue list). */
  notReplayed: ReplaySeries[];
  state(): { now: number; speed: number; paused: boolean; seed: number; venues: Array<{ venue: VenueId; instruments: number; down: boolean }>; faults: Fault[] };
  close(): Promise<void>;
}

const GARBAGE_BODY = '<html><head><title>502 Bad Gateway</title></head><body><center>cloudflare</center></body></html>';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: SimResponse, rawBody?: string): void {
  const body = rawBody ?? (typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
  const isJson = rawBody === undefined && typeof response.body !== 'string';
  res.writeHead(response.status, { 'content-type': isJson ? 'application/json' : 'text/html', ...response.headers });
  res.end(body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Wraps the accounts so that an armed order fault applies to the next order placed through this
 * request: `reject` refuses it with its reason, `partial` fills only a share of it, `ack` answers
 * before the matching engine has (a venue's ACK answer: the order accepted, nothing filled).
 */
function acceptedState(order: SimOrder): SimOrder {
  return { ...order, status: 'new', filled: 0, averagePrice: null, fee: 0, updatedAt: order.createdAt };
}

function withOrderFault(context: SimContext, accounts: Accounts, faults: Faults, fault: Fault | undefined): SimContext {
  if (!fault) return context;
  const placeOrder: Accounts['placeOrder'] = (venue, apiKey, request) => {
    const taken = faults.takeArmed(fault.id);
    if (taken?.kind === 'reject') throw new SimRejection(taken.reason!, `injected rejection: ${taken.reason}`);
    const order = accounts.placeOrder(venue, apiKey, request, taken?.kind === 'partial' ? { fillFraction: taken.fraction } : undefined);
    // The order executes; only its answer shows it as it was accepted, nothing filled yet.
    return taken?.kind === 'ack' ? acceptedState(order) : order;
  };
  // Every other method runs on the real accounts object, so its counters and state stay shared.
  const wrapped = new Proxy(accounts, {
    get(target, property) {
      if (property === 'placeOrder') return placeOrder;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...context, accounts: wrapped };
}

/**
 * Under an armed `thin` fault the next book the request reads holds only the fault's dollars a
 * side; the fault is used up by that read (a Hyperliquid `/info` call that reads no book leaves it armed).
 */
function withThinBook(context: SimContext, faults: Faults, fault: Fault | undefined): SimContext {
  if (!fault) return context;
  const market = context.market;
  const orderBook: SimContext['market']['orderBook'] = (venue, id, depth) => {
    const book = market.orderBook(venue, id, depth);
    const taken = faults.takeArmed(fault.id);
    return taken ? thinBook(book, market.instrument(venue, id)!, taken.usd!) : book;
  };
  return { ...context, market: new Proxy(market, {
    get(target, property) {
      if (property === 'orderBook') return orderBook;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const venues = options.venues ?? [...VENUE_IDS];
  const recordings = (options.replay ?? []).flatMap((path) => readReplay(path));
  // A replaying simulator starts a week into its recording, unless told otherwise.
  const recordedStart = firstRecordedTime(recordings);
  const startTime = options.startTime ?? (recordedStart !== undefined ? recordedStart + 7 * 86_400_000 : Date.now());
  const clock = new SimClock({ startTime, speed: options.speed ?? 1, paused: options.paused ?? false });
  const universe = buildUniverse(venues, options.universeSize ?? DEFAULT_UNIVERSE_SIZE);
  const market = new Market({ seed, now: () => clock.now(), universe, startTime });
  const accounts = new Accounts({ market, initialBalance: options.initialBalance, feeRates: options.feeRates });
  const faults = new Faults();
  const credentials = new CredentialStore();
  // The built-in key on every venue, and on a wallet venue its built-in wallet too (the same account elsewhere).
  for (const venue of venues) for (const credential of [DEMO_CREDENTIAL, demoCredential(venue)]) credentials.add({ venue, ...credential });
  const log = new RequestLog();
  const spot = new SpotMarkets({ market, accounts, venues, initialBalance: options.initialBalance });
  const context: SimContext = { market, accounts, credentials, spot };
  const wires = VENUE_WIRES.filter((wire) => venues.includes(wire.venue));

  const notReplayed = applyReplay(market, recordings);
  market.warm();
  const scheduler = new Scheduler();
  const hanging = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: `simulator: ${error instanceof Error ? error.message : String(error)}` } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const received = Date.now();
    runDue();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (url.pathname.startsWith('/__sim')) {
      const response = controlResponse(req, method, url, body);
      log.add({ method, path: url.pathname, venue: 'control', status: response.status, time: clock.now(), durationMs: Date.now() - received });
      send(res, response);
      return;
    }
    const wire = wires.find((candidate) => candidate.pathPrefixes.some((prefix) => url.pathname.startsWith(prefix)));
    const entry = { method, path: url.pathname, venue: wire?.venue ?? ('unknown' as const), time: clock.now(), ...(body ? { body: body.slice(0, LOGGED_BODY_CHARS) } : {}) };
    if (!wire) {
      log.add({ ...entry, status: 404, durationMs: Date.now() - received });
      send(res, { status: 404, body: { error: `simulator: no venue serves ${url.pathname}` } });
      return;
    }
    const fault = answerWithFault(req, res, wire, entry, received);
    if (fault === 'answered') return;
    if (fault?.kind === 'delay') await sleep(fault.delayMs ?? 0);
    const request: SimRequest = { method, path: url.pathname, query: url.searchParams, rawQuery: url.search.replace(/^\?/, ''), headers: req.headers as Record<string, string | undefined>, body };
    const orderFault = faults.peekOrderFault(wire.venue, method, url.pathname);
    const bookFault = faults.peekBookFault(wire.venue, method, url.pathname);
    const response = (await wire.handle(request, withOrderFault(withThinBook(context, faults, bookFault), accounts, faults, orderFault))) ?? { status: 404, body: wire.errorBody(404) };
    log.add({ ...entry, status: response.status, durationMs: Date.now() - received, fault: fault?.id ?? orderFault?.id ?? bookFault?.id });
    sendWithBodyFault(res, response, fault);
  }

  /**
   * Applies a transport fault matching the request: 'answered' when the fault answered (or
   * refused) the request itself; otherwise the fault, if any, that shapes the normal answer.
   */
  function answerWithFault(req: IncomingMessage, res: ServerResponse, wire: VenueWire, entry: Omit<LogEntry, 'status' | 'durationMs'>, received: number): Fault | 'answered' | undefined {
    if (faults.isDown(wire.venue)) {
      log.add({ ...entry, status: 0, durationMs: null, fault: 'down' });
      req.socket.destroy();
      return 'answered';
    }
    const fault = faults.take(wire.venue, entry.method, entry.path, entry.body);
    if (fault?.kind === 'reset' || fault?.kind === 'hang') {
      log.add({ ...entry, status: 0, durationMs: null, fault: fault.id });
      if (fault.kind === 'reset') req.socket.destroy();
      else hanging.add(req.socket.once('close', () => hanging.delete(req.socket)));
      return 'answered';
    }
    if (fault?.kind === 'status') {
      log.add({ ...entry, status: fault.status!, durationMs: Date.now() - received, fault: fault.id });
      send(res, { status: fault.status!, body: wire.errorBody(fault.status!) });
      return 'answered';
    }
    return fault;
  }

  /** Sends the answer, replaced by garbage, cut in half, or with its list emptied when the fault says so. */
  function sendWithBodyFault(res: ServerResponse, response: SimResponse, fault: Fault | undefined): void {
    if (fault?.kind === 'garbage') return send(res, { ...response, status: 200 }, GARBAGE_BODY);
    if (fault?.kind === 'truncated') {
      const json = JSON.stringify(response.body);
      return send(res, { ...response, headers: { ...response.headers, 'content-type': 'application/json' } }, json.slice(0, Math.max(1, Math.floor(json.length / 2))));
    }
    if (fault?.kind === 'empty') return send(res, { ...response, body: emptyLists(response.body) });
    send(res, response);
  }

  function controlResponse(req: IncomingMessage, method: string, url: URL, body: string): SimResponse {
    if (!isLoopback(req.socket.remoteAddress)) return { status: 403, body: { error: 'simulator control is loopback-only' } };
    try {
      return handleControl(simulator, method, url.pathname, url.searchParams, body ? (JSON.parse(body) as Record<string, unknown>) : {});
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: error instanceof ControlError || error instanceof SyntaxError ? 400 : 422, body: { error: message } };
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const streams = new SimStreams({ server, market, clock, faults, venues, pushMs: options.streamPushMs });
  function runDue(): void {
    for (const { at, action } of scheduler.due(clock.now())) {
      if (action.kind === 'rate') market.setRate(action.venue, action.id, action.rate, at);
      else if (action.kind === 'price') market.setPrice(action.venue, action.id, action.price, at);
      else if (action.kind === 'interval') market.setInterval(action.venue, action.id, action.hours, at);
      else if (action.kind === 'disconnect') streams.disconnect(action.venue);
      else faults.setDown(action.venue, action.kind === 'down');
    }
  }
  // Scheduled events first, so that a settlement after an event's time sees the event.
  const stopTicks = clock.onTick(() => {
    runDue();
    accounts.syncAll();
  });

  const simulator: Simulator = {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    seed,
    venues,
    market,
    accounts,
    spot,
    clock,
    faults,
    credentials,
    log,
    streams,
    notReplayed,
    schedule: (at, action) => scheduler.add(at, action),
    scheduled: () => scheduler.list(),
    state: () => ({
      now: clock.now(),
      speed: clock.speed,
      paused: clock.paused,
      seed,
      venues: venues.map((venue) => ({ venue, instruments: market.instruments(venue).length, down: faults.isDown(venue) })),
      faults: faults.list(),
    }),
    async close() {
      stopTicks();
      clock.stop();
      await streams.close();
      for (const socket of hanging) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return simulator;
}

