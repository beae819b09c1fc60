/**
 * Websocket streams on the simulator's port (the `ws` package), in the venues' own formats:
 * Binance USDⓈ-M mark price streams (`!markPrice@arr@1s`, `<symbol>@markPrice@1s`, as ccxt.pro
 * `watchMarkPrice(s)` subscribes; Aster's, the same, under `/aster`) and OKX v5 public `funding-rate` and `mark-price` channels
 * (as ccxt.pro okx `watchFundingRate(s)` / `watchMarkPrice` subscribe), Bybit v5 `tickers.<symbol>`
 * (`venues/bybitStream.ts`, as ccxt.pro bybit `watchTickers` subscribes), Hyperliquid `activeAssetCtx`
 * (`venues/hyperliquidStream.ts`, as ccxt.pro hyperliquid `watchTicker` subscribes), Bitget v2 `ticker`
 * (`venues/bitgetStream.ts`, as ccxt.pro bitget `watchTickers` subscribes), Gate `futures.tickers`
 * (`venues/gateStream.ts`, as ccxt.pro gate `watchTickers` subscribes). A venue module may add
 * its own stream dialect with `register`. Disconnects are injectable per venue.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { VenueId } from './types.ts';
import { LOOPBACK_PATH_PREFIX } from '../../shared/domain/venues.ts';
import type { Market } from './market.ts';
import type { SimClock } from './clock.ts';
import type { Faults } from './faults.ts';
import { bitgetPublicStream } from './venues/bitgetStream.ts';
import { bybitLinearStream } from './venues/bybitStream.ts';
import { gateFuturesStream } from './venues/gateStream.ts';
import { hyperliquidStreams } from './venues/hyperliquidStream.ts';

/** One connected client of a stream dialect. */
export interface StreamConnection {
  socket: WebSocket;
  /** Topics the client subscribed to, in the dialect's own naming. */
  topics: Set<string>;
}

/** A venue's websocket dialect: which upgrade paths it owns, how it answers messages, what it pushes. */
export interface StreamDialect {
  venue: VenueId;
  owns(path: string): boolean;
  onMessage(connection: StreamConnection, text: string, market: Market): void;
  /** Messages to push to one connection now (called every push period). */
  push(connection: StreamConnection, market: Market): unknown[];
}

/**
 * Binance's mark-price streams (`!markPrice@arr@1s`, `<symbol>@markPrice@1s`), served for each
 * venue that speaks them: Binance at the root, Aster under its loopback prefix.
 */
function binanceMarkPrice(venue: VenueId, owns: (path: string) => boolean): StreamDialect {
  return {
    venue,
    owns,
    onMessage(connection, text) {
      const request = JSON.parse(text) as { method?: string; params?: string[]; id?: number };
      for (const topic of request.params ?? []) {
        if (request.method === 'SUBSCRIBE') connection.topics.add(topic);
        if (request.method === 'UNSUBSCRIBE') connection.topics.delete(topic);
      }
      connection.socket.send(JSON.stringify({ result: null, id: request.id ?? null }));
    },
    push(connection, market) {
      const messages: unknown[] = [];
      const now = market.now();
      const event = (id: string) => {
        const funding = market.funding(venue, id);
        return {
          e: 'markPriceUpdate', E: now, s: id, p: market.markPrice(venue, id).toFixed(8), i: market.indexPrice(venue, id).toFixed(8),
          P: market.indexPrice(venue, id).toFixed(8), r: funding.rate.toFixed(8), T: funding.nextFundingTime,
        };
      };
      for (const topic of connection.topics) {
        if (topic.startsWith('!markPrice@arr')) messages.push(market.instruments(venue).map((instrument) => event(instrument.id)));
        const single = /^([a-z0-9]+)@markPrice/.exec(topic);
        if (single) {
          const instrument = market.instruments(venue).find((i) => i.id.toLowerCase() === single[1]);
          if (instrument) messages.push(event(instrument.id));
        }
      }
      return messages;
    },
  };
}

const ASTER_PREFIX = LOOPBACK_PATH_PREFIX.aster ?? '/aster';
const binanceStreams = binanceMarkPrice('binanceusdm', (path) => !path.startsWith('/ws/v5') && (/^\/(market\/|public\/)?ws(\/|$)/.test(path) || path.startsWith('/stream')));
const asterStreams = binanceMarkPrice('aster', (path) => path.startsWith(`${ASTER_PREFIX}/`));

const okxPublic: StreamDialect = {
  venue: 'okx',
  owns: (path) => path.startsWith('/ws/v5/public'),
  onMessage(connection, text, market) {
    if (text === 'ping') {
      connection.socket.send('pong');
      return;
    }
    const request = JSON.parse(text) as { op?: string; args?: Array<{ channel: string; instId: string }> };
    for (const arg of request.args ?? []) {
      if (!market.instrument('okx', arg.instId)) {
        connection.socket.send(JSON.stringify({ event: 'error', code: '60018', msg: `Wrong URL or channel:${arg.channel},instId:${arg.instId} doesn't exist.`, connId: 'sim' }));
        continue;
      }
      const topic = `${arg.channel}:${arg.instId}`;
      if (request.op === 'subscribe') connection.topics.add(topic);
      if (request.op === 'unsubscribe') connection.topics.delete(topic);
      connection.socket.send(JSON.stringify({ event: request.op, arg, connId: 'sim' }));
    }
  },
  push(connection, market) {
    const now = String(market.now());
    const messages: unknown[] = [];
    for (const topic of connection.topics) {
      const [channel, instId] = topic.split(':');
      const instrument = market.instrument('okx', instId)!;
      if (channel === 'funding-rate') {
        const f = market.funding('okx', instId);
        messages.push({
          arg: { channel, instId },
          data: [{
            fundingRate: String(f.rate), fundingTime: String(f.nextFundingTime), instId, instType: 'SWAP', method: 'current_period',
            maxFundingRate: String(instrument.fundingCap), minFundingRate: String(instrument.fundingFloor), nextFundingRate: '',
            nextFundingTime: String(f.nextFundingTime + f.intervalHours * 3_600_000), premium: String(f.premiumIndex),
            settFundingRate: String(f.lastSettledRate), settState: 'settled', interestRate: String(f.interestRate), impactValue: '', ts: now,
          }],
        });
      }
      if (channel === 'mark-price') {
        messages.push({ arg: { channel, instId }, data: [{ instType: 'SWAP', instId, markPx: String(market.markPrice('okx', instId)), ts: now }] });
      }
    }
    return messages;
  },
};

export interface StreamsOptions {
  server: Server;
  market: Market;
  clock: SimClock;
  faults: Faults;
  venues: VenueId[];
  /** Real milliseconds between pushes (Binance's `@1s` streams push every second). */
  pushMs?: number;
}

export class SimStreams {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly dialects: StreamDialect[] = [okxPublic, bybitLinearStream, bitgetPublicStream, gateFuturesStream, hyperliquidStreams, binanceStreams, asterStreams];
  private readonly connections = new Map<StreamConnection, StreamDialect>();
  private readonly market: Market;
  private readonly faults: Faults;
  private readonly venues: VenueId[];
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly server: Server;
  private readonly onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

  constructor(opts: StreamsOptions) {
    this.market = opts.market;
    this.faults = opts.faults;
    this.venues = opts.venues;
    this.server = opts.server;
    this.onUpgrade = (req, socket, head) => this.upgrade(req, socket, head);
    this.server.on('upgrade', this.onUpgrade);
    this.timer = setInterval(() => this.pushAll(), opts.pushMs ?? 1000);
    this.timer.unref();
  }

  /** Adds a venue's stream dialect; registered dialects are tried before the built-in ones. */
  register(dialect: StreamDialect): void {
    this.dialects.unshift(dialect);
  }

  /** Closes every stream of a venue abruptly (clients see the connection drop). */
  disconnect(venue: VenueId): number {
    let closed = 0;
    for (const [connection, dialect] of this.connections) {
      if (dialect.venue !== venue) continue;
      connection.socket.terminate();
      closed++;
    }
    return closed;
  }

  /** Pushes once now to every subscriber (tests call it instead of waiting for the timer). */
  pushAll(): void {
    for (const [connection, dialect] of this.connections) {
      if (this.faults.isDown(dialect.venue)) {
        connection.socket.terminate();
        continue;
      }
      for (const message of dialect.push(connection, this.market)) connection.socket.send(JSON.stringify(message));
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.server.off('upgrade', this.onUpgrade);
    for (const connection of this.connections.keys()) connection.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const dialect = this.dialects.find((candidate) => this.venues.includes(candidate.venue) && candidate.owns(path));
    if (!dialect || this.faults.isDown(dialect.venue)) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection: StreamConnection = { socket: ws, topics: new Set() };
      this.connections.set(connection, dialect);
      ws.on('message', (data) => {
        try {
          dialect.onMessage(connection, String(data), this.market);
        } catch (error) {
          ws.send(JSON.stringify({ error: `simulator ${dialect.venue} stream: ${error instanceof Error ? error.message : String(error)}` }));
        }
      });
      ws.on('close', () => this.connections.delete(connection));
    });
  }
}
