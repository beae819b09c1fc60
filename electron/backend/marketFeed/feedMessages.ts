/**
 * The messages between the main thread and the market-data worker (marketWorker.ts). Quotes
 * travel as transferred columns with one string table per worker (engine/quoteColumns.ts);
 * health and alerts are small and cloned. Requests carry an id their reply repeats.
 */
import type { FundingPoint, PricePoint, VenueHealth } from '../../../shared/domain/quotes.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { QuoteColumns } from '../../engine/quoteColumns.ts';
import type { MarketDataOptions } from '../markets/marketData.ts';
import type { VenueErrorKind } from '../markets/venueErrors.ts';
import type { CoinBook } from '../markets/marketUnits.ts';

/** What the worker is started with (`workerData`). */
export type FeedSetup = Pick<MarketDataOptions, 'venues' | 'baseUrl' | 'wsBaseUrl' | 'streams' | 'timeoutMs' | 'pollScale'> & {
  /** The venues' clock in shared memory (sharedClock.ts); real time when absent. */
  clock?: SharedArrayBuffer;
};

/** A request and the value its reply carries. */
export interface FeedRequests {
  setVenues: { args: { venues: VenueId[] }; value: VenueId[] };
  fundingHistory: { args: { venue: VenueId; symbol: string; since: number; until?: number }; value: FundingPoint[] };
  priceHistory: { args: { venue: VenueId; symbol: string; since: number; timeframe: '1h' | '4h' }; value: PricePoint[] };
  symbolsFor: { args: { base: string }; value: Array<{ venue: VenueId; symbol: string }> };
  orderBook: { args: { venue: VenueId; symbol: string; limit: number }; value: CoinBook };
  stop: { args: Record<string, never>; value: null };
}

export type FeedRequest = { [K in keyof FeedRequests]: { type: K; id: number } & FeedRequests[K]['args'] }[keyof FeedRequests];

export type ToFeed = { type: 'start' } | FeedRequest;

/** A venue error as it crosses the thread boundary (an Error's own fields are not cloned). */
export interface FeedError {
  message: string;
  venue?: VenueId;
  kind?: VenueErrorKind;
  retryAfterMs?: number;
}

export type FromFeed =
  /** Quotes whose values changed: for the renderer and the stored samples. */
  | { type: 'changed'; columns: QuoteColumns }
  /** Every quote of a poll (`snapshot`: the venue's whole list) or of a stream's updates. */
  | { type: 'polled'; columns: QuoteColumns; snapshot: boolean }
  | { type: 'health'; health: VenueHealth[] }
  | { type: 'alerts'; alerts: Alert[] }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: FeedError };
