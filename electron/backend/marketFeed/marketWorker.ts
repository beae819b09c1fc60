/**
 * The market-data worker thread: the venues' pollers and streams, their ccxt exchanges and
 * every parse of a venue's answer run here, off the main thread, whose event loop the kill
 * switch, the gateway and the IPC binding share (docs/architecture.md, "Market data off the
 * main thread"). Quotes leave as transferred columns; the main thread keeps a mirror of them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { QuoteEncoder, transferablesOf } from '../../engine/quoteColumns.ts';
import { createMarketData } from '../markets/marketData.ts';
import { VenueError } from '../markets/venueErrors.ts';
import type { FeedError, FeedRequest, FeedRequests, FromFeed, FeedSetup, ToFeed } from './feedMessages.ts';
import { readSharedClock, readSharedRate } from './sharedClock.ts';
import { pacedTimers } from '../markets/venuePoller.ts';

if (!parentPort) throw new Error('electron/backend/marketFeed/marketWorker.ts must run as a worker thread (new Worker(url)), not as a script');
const port = parentPort;
const setup = workerData as FeedSetup;
/** One encoder: main is the only receiver and decodes every message in order. */
const encoder = new QuoteEncoder();

function post(message: FromFeed): void {
  if (message.type === 'changed' || message.type === 'polled') port.postMessage(message, transferablesOf(message.columns));
  else port.postMessage(message);
}

const market = createMarketData({
  venues: setup.venues,
  baseUrl: setup.baseUrl,
  wsBaseUrl: setup.wsBaseUrl,
  streams: setup.streams,
  timeoutMs: setup.timeoutMs,
  pollScale: setup.pollScale,
  now: setup.clock ? readSharedClock(setup.clock) : Date.now,
  timers: setup.clock ? pacedTimers(readSharedRate(setup.clock)) : undefined,
  onQuotes: (changed) => post({ type: 'changed', columns: encoder.encode(changed) }),
  onPolled: (quotes, snapshot) => post({ type: 'polled', columns: encoder.encode(quotes), snapshot }),
  onHealth: (health) => post({ type: 'health', health }),
  onAlert: (alerts) => post({ type: 'alerts', alerts }),
});

function feedError(error: unknown): FeedError {
  if (error instanceof VenueError) return { message: error.message, venue: error.venue, kind: error.kind, retryAfterMs: error.retryAfterMs };
  return { message: error instanceof Error ? error.message : String(error) };
}

async function answer(request: FeedRequest): Promise<FeedRequests[FeedRequest['type']]['value']> {
  switch (request.type) {
    case 'setVenues':
      await market.setVenues(request.venues);
      return market.venues();
    case 'fundingHistory':
      return market.fundingHistory(request.venue, request.symbol, request.since, request.until);
    case 'priceHistory':
      return market.priceHistory(request.venue, request.symbol, request.since, request.timeframe);
    case 'symbolsFor':
      return market.symbolsFor(request.base);
    case 'orderBook':
      return market.orderBook(request.venue, request.symbol, request.limit);
    case 'stop':
      await market.stop();
      return null;
  }
}

port.on('message', (message: ToFeed) => {
  if (message.type === 'start') {
    market.start();
    return;
  }
  answer(message).then(
    (value) => post({ type: 'reply', id: message.id, value }),
    (error: unknown) => post({ type: 'failed', id: message.id, error: feedError(error) }),
  );
});
