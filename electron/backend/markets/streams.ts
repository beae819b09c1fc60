/**
 * One venue's websocket stream (ccxt.pro): watch loops that turn venue messages into
 * `StreamUpdate`s, a state the poller reads to choose its cadence, and reconnection with
 * backoff. ccxt.pro reconnects by itself on the next `watch*` call after a drop, so a
 * failed session is retried on a fresh instance after a pause that doubles per consecutive failure.
 * The stream runs on its own ccxt.pro instance (the REST class has no `watch*` methods)
 * that borrows the REST adapter's loaded markets at each (re)connection instead of loading
 * them again. A live stream quiet for longer than a few of its expected message gaps is
 * `silent` (the venue counts as degraded and polls return to the normal cadence); quiet past the
 * stall bound, the socket is dropped and reopened.
 */
import type { Exchange, Ticker } from 'ccxt';
import type { FundingQuote, VenueHealth } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { Connection } from './exchanges.ts';
import { proClass } from './ccxtModules.ts';
import type { ExchangeClass } from './ccxtModules.ts';
import { LOOPBACK_OPTIONS, pointAtBaseUrl } from './loopback.ts';
import type { StreamUpdate } from './streamMerge.ts';

export type StreamState = Omit<NonNullable<VenueHealth['stream']>, 'pollMs'>;

/** A venue's stream quirks: which watch loops to run over which symbols. */
export interface StreamSpec {
  venue: VenueId;
  exchangeOptions: Record<string, unknown>;
  /** True when the venue needs one subscription per symbol (then only the most traded N are watched). */
  perSymbol: boolean;
  /** The longest pause between two messages the venue promises for these subscriptions (ms, unscaled). */
  expectedGapMs: number;
  /**
   * Each watcher resolves with the updates of the message(s) ccxt received since it was last
   * called. `now` is the terminal's clock, for venues whose messages carry no time of their own.
   */
  watchers(exchange: Exchange, symbols: string[], now: () => number): Array<() => Promise<StreamUpdate[]>>;
}

/** What ccxt.pro holds for the watched symbols (its cache: a watch resolves with the first message only). */
export function cached<T>(cache: Record<string, T> | undefined, symbols: string[]): T[] {
  return symbols.map((symbol) => cache?.[symbol]).filter((value) => value !== undefined);
}

/**
 * One watch loop over all the symbols whose messages ccxt keeps as tickers: each turn waits for
 * `watch` and reads the ticker cache of every symbol (`parse` turns each into an update).
 */
export function tickerCacheWatchers(
  exchange: Exchange, symbols: string[], watch: (symbols: string[]) => Promise<unknown>, parse: (ticker: Ticker) => StreamUpdate | null,
): Array<() => Promise<StreamUpdate[]>> {
  return symbols.length === 0 ? [] : [async () => {
    await watch(symbols);
    return cached(exchange.tickers, symbols).map(parse).filter((update) => update !== null);
  }];
}

export interface StreamHandlers {
  /** The poller's current quotes (the most traded are chosen from them). */
  quotes(): FundingQuote[];
  onUpdates(updates: StreamUpdate[]): void;
  onState(state: StreamState): void;
}

export interface VenueStream {
  start(handlers: StreamHandlers): void;
  stop(): Promise<void>;
  state(): StreamState;
  /** Live and heard from within the silence bound. */
  healthy(): boolean;
}

export interface VenueStreamOptions {
  spec: StreamSpec;
  connection: Connection;
  /** The REST exchange whose markets the stream reuses. */
  markets: Exchange;
  /** Most traded symbols watched where the venue subscribes per symbol. */
  maxSymbols: number;
  /** Multiplies backoff and the stall bound; below 1 in tests. */
  scale: number;
  /** No message for this long (unscaled) counts as down even if the socket looks open. */
  stallMs: number;
  /** No message for this long (scaled) makes a live stream `silent`. */
  silentAfterMs: number;
  now: () => number;
}

export const STREAM_RETRY_MS = 1_000;
export const STREAM_MAX_RETRY_MS = 60_000;

/** Pause before reconnect attempt `failures` (1-based): doubled each time, capped. */
export function streamRetryMs(failures: number, scale: number): number {
  return Math.min(STREAM_RETRY_MS * 2 ** Math.max(0, failures - 1), STREAM_MAX_RETRY_MS) * scale;
}

/** The `n` symbols with the largest 24-h volume (unknown volume last). */
export function mostTraded(quotes: readonly FundingQuote[], n: number): string[] {
  return [...quotes]
    .sort((a, b) => (b.volume24hUsd ?? -1) - (a.volume24hUsd ?? -1) || a.symbol.localeCompare(b.symbol))
    .slice(0, n)
    .map((quote) => quote.symbol);
}

function createStreamExchange(ExchangeClass: ExchangeClass, spec: StreamSpec, connection: Connection): Exchange {
  const loopback = connection.baseUrl !== undefined;
  const exchange = new ExchangeClass({ ...(loopback ? LOOPBACK_OPTIONS : { enableRateLimit: true }), options: spec.exchangeOptions });
  if (connection.baseUrl !== undefined) pointAtBaseUrl(exchange, connection.baseUrl, connection.wsBaseUrl);
  return exchange;
}

/** Why a session ended when the socket stayed open but the venue went quiet. */
class StreamStalledError extends Error {
  constructor(venue: VenueId, quietMs: number) {
    super(`no ${venue} message for ${Math.round(quietMs / 1000)} s; reconnecting`);
    this.name = 'StreamStalledError';
  }
}

function describeError(venue: VenueId, error: unknown): string {
  const text = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
  return `${venue} stream dropped (${text}); polling at the normal cadence until it reconnects.`;
}

export function createVenueStream(options: VenueStreamOptions): VenueStream {
  const { spec, scale, now } = options;
  let exchange: Exchange | null = null;
  let handlers: StreamHandlers | null = null;
  let stopped = true;
  let loops: Promise<void> | null = null;
  let lastMessageReal = -Infinity;
  const stallMs = options.stallMs * scale;
  const silentMs = Math.min(options.silentAfterMs, stallMs);
  const sleeps = new Set<() => void>();
  let state: StreamState = { status: 'connecting', messages: 0, lastMessageAt: null, reconnects: 0, lastError: null, symbols: 0 };

  function publish(next: StreamState): void {
    const changed = next.status !== state.status || next.symbols !== state.symbols;
    state = next;
    if (changed) handlers?.onState(state);
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => { clearTimeout(timer); sleeps.delete(done); resolve(); };
      const timer = setTimeout(done, ms);
      sleeps.add(done);
    });
  }

  /** One session: subscribe, read until a watcher fails, report how it ended. */
  async function session(ex: Exchange): Promise<unknown> {
    ex.setMarketsFromExchange(options.markets); // new listings since the last session
    const symbols = spec.perSymbol ? mostTraded(handlers!.quotes(), options.maxSymbols) : [];
    publish({ ...state, symbols: symbols.length });
    const watchers = spec.watchers(ex, symbols, now);
    // Once one watcher fails the session is over: the others must not reopen a connection.
    let ended = false;
    const read = async (watch: () => Promise<StreamUpdate[]>): Promise<void> => {
      while (!stopped && !ended) {
        const updates = await watch();
        lastMessageReal = performance.now();
        publish({ ...state, status: 'live', messages: state.messages + 1, lastMessageAt: now(), lastError: null });
        handlers!.onUpdates(updates);
      }
    };
    const sessionStarted = performance.now();
    let stalled: StreamStalledError | null = null;
    // A socket can stay open while the venue stops sending: past the silence bound the venue
    // is degraded and polled normally; past the stall bound the socket is dropped.
    const watchdog = setInterval(() => {
      const quietMs = performance.now() - Math.max(lastMessageReal, sessionStarted);
      if (quietMs > silentMs && state.status === 'live') publish({ ...state, status: 'silent' });
      if (quietMs <= stallMs) return;
      stalled = new StreamStalledError(spec.venue, quietMs);
      void ex.close().catch(() => undefined);
    }, silentMs / 4);
    const error = await Promise.all(watchers.map(read)).then(() => null, (failure: unknown) => failure);
    ended = true;
    clearInterval(watchdog);
    return stalled ?? error;
  }

  async function run(): Promise<void> {
    let failures = 0;
    const ProClass = await proClass(spec.venue);
    while (!stopped) {
      // A fresh ccxt.pro instance per session: one closed while its socket was still open
      // (the stall watchdog) was seen to resubscribe without ever resolving a watch again.
      const ex = createStreamExchange(ProClass, spec, options.connection);
      exchange = ex;
      await ex.loadHttpProxyAgent(); // ccxt.pro refuses ws:// URLs without it
      const before = state.messages;
      const error = await session(ex);
      await ex.close().catch(() => undefined);
      if (stopped) return;
      failures = state.messages > before ? 1 : failures + 1;
      publish({ ...state, status: 'down', reconnects: state.reconnects + 1, lastError: describeError(spec.venue, error) });
      await pause(streamRetryMs(failures, scale));
    }
  }

  return {
    start(next) {
      if (!stopped) return;
      stopped = false;
      handlers = next;
      loops = run().catch((error: unknown) => publish({ ...state, status: 'down', lastError: describeError(spec.venue, error) }));
    },
    async stop() {
      stopped = true;
      for (const wake of [...sleeps]) wake();
      await exchange?.close().catch(() => undefined);
      await loops;
      loops = null;
    },
    state: () => state,
    healthy: () => state.status === 'live' && performance.now() - lastMessageReal <= silentMs,
  };
}
