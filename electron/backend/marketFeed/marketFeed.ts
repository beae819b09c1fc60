/**
 * The main thread's side of market data: starts the market-data worker (marketWorker.ts),
 * keeps a mirror of every venue's latest quotes and health for the gateway, the desk and
 * `markets.snapshot`, and forwards what the worker reports. The main thread holds no ccxt
 * exchange for market data and parses no venue answer for it. A worker that dies is
 * restarted with the venues on (its pollers start afresh), a few times a minute at most.
 */
import { Worker } from 'node:worker_threads';
import type { FundingQuote, VenueHealth } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { QuoteDecoder } from '../../engine/quoteColumns.ts';
import type { MarketData, MarketDataOptions } from '../markets/marketData.ts';
import { VenueError } from '../markets/venueErrors.ts';
import type { FeedError, FeedRequest, FeedRequests, FeedSetup, FromFeed } from './feedMessages.ts';
import { shareClock, type FollowedClock } from './sharedClock.ts';

export interface MarketFeedOptions extends Omit<FeedSetup, 'clock'>, Pick<MarketDataOptions, 'onQuotes' | 'onPolled' | 'onHealth' | 'onAlert'> {
  /** The venues' clock when it is not real time (Demo's simulator, tests); real time when absent. */
  clock?: FollowedClock;
  /** The worker entry; the Electron bundle passes its built file. */
  workerUrl?: URL;
  onError(message: string): void;
}

/** The market data service as the main thread sees it: every read is of the mirror or a request to the worker. */
export interface MarketFeed extends Pick<MarketData, 'start' | 'stop' | 'setVenues' | 'venues' | 'quotes' | 'health' | 'fundingHistory' | 'priceHistory' | 'orderBook'> {
  symbolsFor(base: string): Promise<Array<{ venue: VenueId; symbol: string }>>;
  /** The worker's own V8 heap, for the bench's breakdown; null when no worker runs. */
  heap(): Promise<{ usedBytes: number; totalBytes: number } | null>;
}

const DEFAULT_WORKER_URL = new URL('./marketWorker.ts', import.meta.url);
/** More crashes than this within a minute means restarting will not help. */
const MAX_RESTARTS_PER_MINUTE = 5;
/** As the engine worker's (engineClient.ts): polling's garbage is short-lived parsed answers. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

function errorOf(error: FeedError): Error {
  return error.venue !== undefined && error.kind !== undefined ? new VenueError(error.kind, error.venue, error.message, error.retryAfterMs) : new Error(error.message);
}

export function startMarketFeed(options: MarketFeedOptions): MarketFeed {
  const { clock, workerUrl, onQuotes, onPolled, onHealth, onAlert, onError, ...setup } = options;
  const shared = clock ? shareClock(clock) : null;
  let venuesOn = [...new Set(setup.venues)];
  /** The latest quote per venue and symbol, as the worker's pollers hold them. */
  const mirror = new Map<VenueId, Map<string, FundingQuote>>();
  let health: VenueHealth[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker;
  let decoder: QuoteDecoder;
  let started = false;
  let stopping = false;
  let gaveUp = false;
  let restarts: number[] = [];

  /** A poll's snapshot replaces its venue's quotes (a delisted symbol goes); a stream's updates merge in. */
  function mirrorPolled(quotes: FundingQuote[], snapshot: boolean): void {
    const venue = quotes[0]?.venue;
    if (venue === undefined || !venuesOn.includes(venue)) return;
    const held = snapshot ? new Map<string, FundingQuote>() : mirror.get(venue) ?? new Map<string, FundingQuote>();
    for (const quote of quotes) held.set(quote.symbol, quote);
    mirror.set(venue, held);
  }

  function onMessage(message: FromFeed): void {
    switch (message.type) {
      case 'changed':
        onQuotes(decoder.decode(message.columns));
        return;
      case 'polled': {
        const quotes = decoder.decode(message.columns);
        mirrorPolled(quotes, message.snapshot);
        onPolled?.(quotes, message.snapshot);
        return;
      }
      case 'health':
        health = message.health;
        onHealth(health);
        return;
      case 'alerts':
        onAlert(message.alerts);
        return;
      case 'reply':
      case 'failed': {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'reply') waiting?.resolve(message.value);
        else waiting?.reject(errorOf(message.error));
      }
    }
  }

  function request<K extends keyof FeedRequests>(type: K, args: FeedRequests[K]['args']): Promise<FeedRequests[K]['value']> {
    if (gaveUp) return Promise.reject(new Error('Market data is not running: its worker failed repeatedly; restart the terminal.'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ type, id, ...args } as FeedRequest);
    });
  }

  function spawn(): void {
    const data: FeedSetup = { ...setup, venues: venuesOn, clock: shared?.buffer };
    worker = new Worker(workerUrl ?? DEFAULT_WORKER_URL, { workerData: data, resourceLimits: WORKER_LIMITS });
    decoder = new QuoteDecoder();
    worker.on('message', onMessage);
    worker.on('error', (error) => onError(`market data worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      for (const waiting of pending.values()) waiting.reject(new Error(`Market data stopped (its worker exited with code ${code}) before answering.`));
      pending.clear();
      if (!stopping) restart(code);
    });
    if (started) worker.postMessage({ type: 'start' });
  }

  function restart(code: number): void {
    const at = Date.now();
    restarts = restarts.filter((t) => at - t < 60_000).concat(at);
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      gaveUp = true;
      onError(`market data worker exited (code ${code}) ${restarts.length} times within a minute; not restarting: quotes age and turn stale until the app restarts`);
      return;
    }
    onError(`market data worker exited unexpectedly (code ${code}); restarting it for ${venuesOn.join(', ')}`);
    spawn();
  }

  spawn();

  return {
    start() {
      if (started) return;
      started = true;
      worker.postMessage({ type: 'start' });
    },
    async stop() {
      stopping = true;
      shared?.stop();
      if (!gaveUp) await request('stop', {}).catch(() => undefined);
      await worker.terminate();
    },
    async setVenues(venues) {
      venuesOn = await request('setVenues', { venues: [...venues] });
      for (const venue of mirror.keys()) if (!venuesOn.includes(venue)) mirror.delete(venue);
    },
    venues: () => [...venuesOn],
    quotes: () => venuesOn.flatMap((venue) => [...(mirror.get(venue)?.values() ?? [])]),
    health: () => health,
    fundingHistory: (venue, symbol, since, until) => request('fundingHistory', { venue, symbol, since, until }),
    priceHistory: (venue, symbol, since, timeframe) => request('priceHistory', { venue, symbol, since, timeframe }),
    symbolsFor: (base) => request('symbolsFor', { base }),
    orderBook: (venue, symbol, limit) => request('orderBook', { venue, symbol, limit }),
    async heap() {
      if (gaveUp) return null;
      const stats = await worker.getHeapStatistics().catch(() => null);
      return stats && { usedBytes: stats.used_heap_size, totalBytes: stats.total_heap_size };
    },
  };
}
