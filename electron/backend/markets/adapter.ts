/**
 * What every venue adapter shares: the ccxt exchange, the perp catalog, slow-cadence
 * caches, history paging. A venue file supplies only its quirks as a `VenueSpec`
 * (exchange options and how to turn its calls into quotes).
 */
import type { Exchange, FundingRate, FundingRateHistory } from 'ccxt';
import type { FundingPoint, FundingQuote, PricePoint } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { createExchange } from './exchanges.ts';
import type { Connection } from './exchanges.ts';
import { fetchFundingHistory, fetchObservedFundingHistory, fetchPriceHistory } from './history.ts';
import { createMarketCatalog } from './perpMarkets.ts';
import type { PerpMarket } from './perpMarkets.ts';
import { badResponse } from './venueErrors.ts';

export const MINUTE_MS = 60_000;

export interface AdapterContext {
  connection: Connection;
  /** Multiplies every cadence (market reloads, slow fetches); below 1 in tests. */
  cadenceScale: number;
  now: () => number;
  /** The monotonic clock cadences run on (`performance.now` unless a test steps one by hand). */
  elapsed?: () => number;
}

/** What a venue's `fetchQuotes` gets for one poll. */
export interface PollInput {
  exchange: Exchange;
  markets: Map<string, PerpMarket>;
  observedAt: number;
  /** Runs `fetch` at most once per `periodMs` (scaled) and serves the cached value between. */
  every<T>(key: string, periodMs: number, fetch: () => Promise<T>): Promise<T>;
  /**
   * `every` for a part of the poll that must not fail the rest (one HIP-3 dex of Hyperliquid's
   * ten): a failed fetch serves the last good value (`none` before any), whose quotes keep their
   * read's date and so go stale on screen, and is retried after the period, not on every poll.
   */
  everyOrLast<T>(key: string, periodMs: number, fetch: () => Promise<T>, none: T): Promise<T>;
}

export interface VenueSpec {
  venue: VenueId;
  exchangeOptions: Record<string, unknown>;
  /** How often markets are reloaded (new listings, and bybit's per-market interval). */
  marketsReloadMs: number;
  /** Rows per page the venue allows for funding history and candles. */
  historyPageLimit: number;
  candlePageLimit: number;
  /** True where ccxt must walk the history pages itself (see HistoryRequest.pagedByCcxt). */
  historyPagedByCcxt?: boolean;
  /** True where ccxt would load the venue's currency list with its markets and the perps need none of it. */
  skipCurrencies?: boolean;
  /** True where the funding history lists observations of a continuously accruing rate, not settlements (Paradex). */
  continuousFunding?: boolean;
  /** The longest candle the venue serves, where shorter than 4 h (Paradex: 1 h). */
  longestCandle?: '1h';
  /**
   * Reads the settlements in [since, until], oldest first, where ccxt has no funding-history call
   * for the venue (Lighter: its `fundings` endpoint through ccxt's implicit API).
   */
  readSettlements?(exchange: Exchange, symbol: string, since: number, until: number): Promise<FundingRateHistory[]>;
  fetchQuotes(input: PollInput): Promise<FundingQuote[]>;
}

export interface VenueAdapter {
  readonly venue: VenueId;
  readonly exchange: Exchange;
  /** One full snapshot of the venue's quotes; throws on any fault (callers map with toVenueError). */
  poll(): Promise<FundingQuote[]>;
  /** Perps known from the last market load. */
  markets(): PerpMarket[];
  /** True when the next poll (re)loads the market list first (a longer request than a poll's own). */
  marketsDue(): boolean;
  fundingHistory(symbol: string, since: number, until: number): Promise<FundingPoint[]>;
  priceHistory(symbol: string, since: number, timeframe: '1h' | '4h', until: number): Promise<PricePoint[]>;
  close(): Promise<void>;
}

/**
 * The funding rates of our markets out of a ccxt `fetchFundingRates` answer. ccxt returns
 * `{}` for a garbage body, so an empty answer is a fault; symbols listed after our last
 * market load come keyed by raw id and are skipped until the next reload.
 */
export function knownRates(venue: VenueId, rates: Record<string, FundingRate>, markets: Map<string, PerpMarket>): Array<[PerpMarket, FundingRate]> {
  const entries = Object.entries(rates);
  if (entries.length === 0) throw badResponse(venue, 'the funding-rate list came back empty');
  const out: Array<[PerpMarket, FundingRate]> = [];
  for (const [symbol, rate] of entries) {
    const market = markets.get(symbol);
    if (market) out.push([market, rate]);
  }
  return out;
}

export function createVenueAdapter(spec: VenueSpec, context: AdapterContext): VenueAdapter {
  const exchange = createExchange(spec.venue, spec.exchangeOptions, context.connection);
  if (spec.skipCurrencies) exchange.has = { ...exchange.has, fetchCurrencies: false };
  const catalog = createMarketCatalog(spec.venue, exchange, spec.marketsReloadMs * context.cadenceScale);
  const cache = new Map<string, { at: number; value: unknown }>();
  const lastInterval = new Map<string, number>();
  const monotonic = context.elapsed ?? (() => performance.now());

  // Cadences budget requests to the venue, so they run on real elapsed time; quotes are
  // stamped with the terminal's clock (`context.now`), which a simulator may pause or speed up.
  async function poll(): Promise<FundingQuote[]> {
    const observedAt = context.now();
    const elapsed = monotonic();
    const markets = await catalog.current(elapsed);
    const every = async <T>(key: string, periodMs: number, fetch: () => Promise<T>): Promise<T> => {
      const hit = cache.get(key);
      if (hit && elapsed - hit.at < periodMs * context.cadenceScale) return hit.value as T;
      const value = await fetch();
      cache.set(key, { at: elapsed, value });
      return value;
    };
    const everyOrLast = async <T>(key: string, periodMs: number, fetch: () => Promise<T>, none: T): Promise<T> => {
      try {
        return await every(key, periodMs, fetch);
      } catch {
        const value = (cache.get(key)?.value as T | undefined) ?? none;
        cache.set(key, { at: elapsed, value });
        return value;
      }
    };
    const quotes = await spec.fetchQuotes({ exchange, markets, observedAt, every, everyOrLast });
    if (quotes.length === 0) throw badResponse(spec.venue, 'no quote matched a listed perpetual');
    for (const quote of quotes) lastInterval.set(quote.symbol, quote.intervalHours);
    return quotes;
  }

  return {
    venue: spec.venue,
    exchange,
    poll,
    markets: () => [...catalog.known().values()],
    marketsDue: () => catalog.due(monotonic()),
    async fundingHistory(symbol, since, until) {
      await catalog.current(monotonic());
      const fallback = lastInterval.get(symbol) ?? VENUES[spec.venue].defaultIntervalHours;
      const read = spec.readSettlements;
      const request = {
        exchange, venue: spec.venue, symbol, since, until, pageLimit: spec.historyPageLimit, pagedByCcxt: spec.historyPagedByCcxt,
        readSettlements: read && ((from: number, to: number) => read(exchange, symbol, from, to)),
      };
      return spec.continuousFunding ? fetchObservedFundingHistory(request, fallback) : fetchFundingHistory(request, fallback);
    },
    async priceHistory(symbol, since, timeframe, until) {
      await catalog.current(monotonic());
      return fetchPriceHistory({ exchange, venue: spec.venue, symbol, since, until, pageLimit: spec.candlePageLimit, readTimeframe: spec.longestCandle }, timeframe);
    },
    async close() {
      await exchange.close();
    },
  };
}
