/**
 * The market data service: one adapter and one polling loop per venue, merged into one
 * stream of changed quotes, health and alerts. The backend runs it in the market-data worker
 * (backend/marketFeed/); the CLI and tests may run it in their own thread.
 */
import type { Exchange } from 'ccxt';
import type { FundingPoint, FundingQuote, HealthBounds, PricePoint, VenueHealth } from '../../../shared/domain/quotes.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { VenueAdapter } from './adapter.ts';
import { ADAPTERS } from './adapters.ts';
import { STREAM_SPECS } from './streamSpecs.ts';
import { createVenueStream } from './streams.ts';
import type { VenueStream } from './streams.ts';
import { healthBounds } from './health.ts';
import { createVenuePoller, type PollTimers } from './venuePoller.ts';
import type { VenuePoller } from './venuePoller.ts';
import { toVenueError } from './venueErrors.ts';
import { bookInCoins, unitsOfMarket, type CoinBook } from './marketUnits.ts';
import { bookLimit } from './bookDepth.ts';

export interface MarketDataOptions {
  venues: VenueId[];
  /** Simulator URL (Demo mode, tests); live venues when absent. */
  baseUrl?: string;
  /** The simulator's websocket URL; with a `baseUrl` but none, no stream is opened. */
  wsBaseUrl?: string;
  /** Websocket streams where the venue has them (on unless the connection rules them out). */
  streams?: { enabled?: boolean; maxSymbols?: number };
  /** Per-request timeout; tests shorten it to see hangs quickly. Live, a venue's cadence: an answer later than the next poll is of no use. */
  timeoutMs?: number;
  now?: () => number;
  /** The pollers' timers: Demo's sped-up clock paces them (pacedTimers); real ones otherwise. */
  timers?: PollTimers;
  /** Multiplies every period (polls, backoff, reloads, staleness); below 1 in tests. */
  pollScale?: number;
  onQuotes: (changed: FundingQuote[]) => void;
  /** Every quote of each successful poll, changed or not (the engine's freshness depends on it); `snapshot`: a poll's whole list, not a stream's updates. */
  onPolled?: (quotes: FundingQuote[], snapshot: boolean) => void;
  onHealth: (health: VenueHealth[]) => void;
  onAlert: (alerts: Alert[]) => void;
}

export interface MarketData {
  start(): void;
  stop(): Promise<void>;
  /**
   * Switches venues on and off while running: a venue left out has its poller and stream
   * stopped and its ccxt exchange closed and dropped (its markets go with it); a venue added is
   * opened and, once started, polled. Health is republished with the venues now on.
   */
  setVenues(venues: readonly VenueId[]): Promise<void>;
  /** The venues on now. */
  venues(): VenueId[];
  quotes(): FundingQuote[];
  health(): VenueHealth[];
  fundingHistory(venue: VenueId, symbol: string, since: number, until?: number): Promise<FundingPoint[]>;
  priceHistory(venue: VenueId, symbol: string, since: number, timeframe: '1h' | '4h'): Promise<PricePoint[]>;
  symbolsFor(base: string): Array<{ venue: VenueId; symbol: string }>;
  /** The symbol's book, `limit` levels a side as the venue allows, through the venue's public exchange (its rate limit), in coins. */
  orderBook(venue: VenueId, symbol: string, limit: number): Promise<CoinBook>;
  /**
   * The venue's public ccxt exchange, whose markets its poller loads and reloads. Public reads
   * elsewhere (paper order books) share it: a venue's market list is held once, not per reader.
   */
  publicExchange(venue: VenueId): Exchange;
}

/** Most traded symbols a per-symbol stream subscribes to (every venue but Binance, which streams all at once). */
export const DEFAULT_STREAM_SYMBOLS = 50;

function streamsFor(venue: VenueId, options: MarketDataOptions): boolean {
  // Against a simulator without a websocket URL, ccxt.pro would dial the live venue.
  const reachable = options.baseUrl === undefined || options.wsBaseUrl !== undefined;
  return STREAM_SPECS[venue] !== undefined && reachable && options.streams?.enabled !== false;
}

function streamFor(venue: VenueId, adapter: VenueAdapter, options: MarketDataOptions, bounds: HealthBounds, now: () => number): VenueStream | undefined {
  const spec = STREAM_SPECS[venue];
  if (!spec || bounds.streamSilentAfterMs === null) return undefined;
  return createVenueStream({
    spec,
    connection: { baseUrl: options.baseUrl, wsBaseUrl: options.wsBaseUrl },
    markets: adapter.exchange,
    maxSymbols: options.streams?.maxSymbols ?? DEFAULT_STREAM_SYMBOLS,
    scale: options.pollScale ?? 1,
    stallMs: VENUES[venue].staleAfterMs,
    silentAfterMs: bounds.streamSilentAfterMs,
    now,
  });
}

interface VenueFeed {
  adapter: VenueAdapter;
  poller: VenuePoller;
}

export function createMarketData(options: MarketDataOptions): MarketData {
  const now = options.now ?? Date.now;
  const scale = options.pollScale ?? 1;
  const live = options.baseUrl === undefined;
  /** The venues on, in the order they were asked for; a venue switched off has no entry (nothing held). */
  const feeds = new Map<VenueId, VenueFeed>();
  let started = false;
  const health = (): VenueHealth[] => [...feeds.values()].map((feed) => feed.poller.health());

  function openFeed(venue: VenueId): VenueFeed {
    const timeoutMs = options.timeoutMs ?? (live ? VENUES[venue].pollMs : undefined);
    const connection = { baseUrl: options.baseUrl, wsBaseUrl: options.wsBaseUrl, timeoutMs };
    const adapter = ADAPTERS[venue]({ connection, cadenceScale: scale, now });
    const streamGapMs = streamsFor(venue, options) ? STREAM_SPECS[venue]?.expectedGapMs : undefined;
    const bounds = healthBounds({ pollMs: VENUES[venue].pollMs, scale, streamGapMs });
    const poller = createVenuePoller({
      adapter,
      profile: VENUES[venue],
      scale,
      bounds,
      now,
      timers: options.timers,
      onQuotes: options.onQuotes,
      onPolled: options.onPolled,
      onAlerts: options.onAlert,
      onAttempt: () => options.onHealth(health()),
      stream: streamFor(venue, adapter, options, bounds, now),
    });
    return { adapter, poller };
  }

  async function closeFeed(feed: VenueFeed): Promise<void> {
    await feed.poller.stop();
    await feed.adapter.close();
  }

  for (const venue of new Set(options.venues)) feeds.set(venue, openFeed(venue));

  function adapterFor(venue: VenueId): VenueAdapter {
    const adapter = feeds.get(venue)?.adapter;
    if (!adapter) throw new Error(`${VENUES[venue]?.label ?? venue} is switched off or not among this session's venues (on: ${[...feeds.keys()].map((v) => VENUES[v].label).join(', ') || 'none'}); switch it on in Settings → Venues.`);
    return adapter;
  }

  return {
    start() {
      started = true;
      for (const feed of feeds.values()) feed.poller.start();
    },
    async stop() {
      started = false;
      await Promise.all([...feeds.values()].map(closeFeed));
    },
    async setVenues(venues) {
      const wanted = new Set(venues);
      const off = [...feeds].filter(([venue]) => !wanted.has(venue));
      for (const [venue] of off) feeds.delete(venue);
      await Promise.all(off.map(([, feed]) => closeFeed(feed)));
      for (const venue of wanted) {
        if (feeds.has(venue)) continue;
        const feed = openFeed(venue);
        feeds.set(venue, feed);
        if (started) feed.poller.start();
      }
      options.onHealth(health());
    },
    venues: () => [...feeds.keys()],
    quotes: () => [...feeds.values()].flatMap((feed) => feed.poller.quotes()),
    health,
    async fundingHistory(venue, symbol, since, until) {
      const adapter = adapterFor(venue);
      return adapter.fundingHistory(symbol, since, until ?? now()).catch((error: unknown) => { throw toVenueError(venue, error); });
    },
    async priceHistory(venue, symbol, since, timeframe) {
      const adapter = adapterFor(venue);
      return adapter.priceHistory(symbol, since, timeframe, now()).catch((error: unknown) => { throw toVenueError(venue, error); });
    },
    symbolsFor(base) {
      const wanted = base.toUpperCase();
      return [...feeds.values()].flatMap(({ adapter }) => adapter.markets()
        .filter((market) => market.base === wanted)
        .map((market) => ({ venue: adapter.venue, symbol: market.symbol })));
    },
    async orderBook(venue, symbol, limit) {
      const adapter = adapterFor(venue);
      // Only a market the poller has loaded: ccxt would otherwise load the venue's list on the side.
      if (!adapter.markets().some((market) => market.symbol === symbol)) throw new Error(`${symbol} is not among ${VENUES[venue].label}'s loaded perpetuals`);
      const { exchange } = adapter;
      const book = await exchange.fetchOrderBook(symbol, bookLimit(exchange.id, limit)).catch((error: unknown) => { throw toVenueError(venue, error); });
      return bookInCoins(unitsOfMarket(exchange.market(symbol)), book);
    },
    publicExchange: (venue) => adapterFor(venue).exchange,
  };
}
