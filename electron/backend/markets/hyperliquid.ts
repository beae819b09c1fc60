/**
 * Hyperliquid. One `metaAndAssetCtxs` call (fetchFundingRates) gives every perp's current
 * hourly rate, mark, oracle price, impact bid and ask (`impactPxs`), 24-h notional volume and
 * open interest (coins). Every
 * symbol settles on the hour; ccxt computes that from the machine clock, so the adapter
 * computes it from the terminal's clock instead (the simulator may run its own). The most
 * traded coins' mark, oracle price and rate also arrive by websocket (`hyperliquidStream`).
 * The builder-deployed dexes (HIP-3) are loaded with the markets and read one
 * `metaAndAssetCtxs` call per dex, at their own slower cadence (docs/venues.md, "Hyperliquid HIP-3").
 */
import type { Exchange, FundingRate, Ticker } from 'ccxt';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { nextSettlementAfter } from '../../../shared/funding/settlements.ts';
import { MINUTE_MS, createVenueAdapter, knownRates } from './adapter.ts';
import type { AdapterContext, VenueAdapter, VenueSpec } from './adapter.ts';
import { buildQuote, numberOrNull, productOrNull } from './fundingQuote.ts';
import { dexesOf } from './hip3.ts';
import type { PerpMarket } from './perpMarkets.ts';
import { presentFields, type StreamUpdate } from './streamMerge.ts';
import type { StreamSpec } from './streams.ts';

const VENUE = 'hyperliquid';
const INTERVAL_HOURS = 1;

export function hyperliquidQuote(market: PerpMarket, rate: FundingRate, observedAt: number): FundingQuote {
  const info = (rate.info ?? {}) as Record<string, unknown>;
  const impact = Array.isArray(info.impactPxs) ? (info.impactPxs as unknown[]) : [];
  return buildQuote(VENUE, market, {
    rate: rate.fundingRate,
    rateKind: 'predicted',
    intervalHours: INTERVAL_HOURS,
    nextFundingTime: nextSettlementAfter(observedAt, INTERVAL_HOURS),
    markPrice: rate.markPrice,
    indexPrice: rate.indexPrice,
    // The impact prices stand in for the touch: a bid and an ask for the venue's impact
    // notional, a little beyond the best levels, so the spread read is on the safe side.
    bid: impact[0],
    ask: impact[1],
    volume24hUsd: info.dayNtlVlm,
    openInterestUsd: productOrNull(info.openInterest, rate.markPrice),
  }, observedAt);
}

/** HIP-3 dexes ccxt loads (its `hip3.limit`, in `perpDexs` order): each is one more call per HIP-3 read. */
export const HIP3_DEX_LIMIT = 10;

/**
 * How often the HIP-3 dexes are read. Each dex's `metaAndAssetCtxs` weighs 20 of Hyperliquid's
 * 1,200 a minute, as the main dex's does: the main dex every 5 s (240) and ten dexes every 20 s
 * (600) stay within it, and 20 s is inside the 30-s staleness bound.
 */
export const HIP3_POLL_MS = 20_000;

/**
 * One dex's `metaAndAssetCtxs` (ccxt's fetchFundingRates reads the main dex only unless told the
 * dex). A dex whose answer matches none of our perps adds no quote.
 */
async function dexQuotes(exchange: Exchange, markets: Map<string, PerpMarket>, dex: string, observedAt: number): Promise<FundingQuote[]> {
  const rates = await exchange.fetchFundingRates(undefined, { dex });
  return Object.entries(rates).flatMap(([symbol, rate]) => {
    const market = markets.get(symbol);
    return market ? [hyperliquidQuote(market, rate, observedAt)] : [];
  });
}

export const hyperliquidSpec: VenueSpec = {
  venue: VENUE,
  exchangeOptions: { fetchMarkets: { types: ['swap', 'hip3'], hip3: { limit: HIP3_DEX_LIMIT } } },
  marketsReloadMs: 30 * MINUTE_MS,
  historyPageLimit: 500,
  candlePageLimit: 5000,
  async fetchQuotes({ exchange, markets, observedAt, everyOrLast }) {
    const rates = await exchange.fetchFundingRates();
    const main = knownRates(VENUE, rates, markets).map(([market, rate]) => hyperliquidQuote(market, rate, observedAt));
    // Between HIP-3 reads the last read's quotes are served as they were, dated when they were
    // read; so are a dex's when its read fails, which fails neither the main dex nor the others.
    const dexes = await Promise.all(dexesOf(markets.values()).map((dex) =>
      everyOrLast(`hip3:${dex}`, HIP3_POLL_MS, () => dexQuotes(exchange, markets, dex, observedAt), [])));
    return [...main, ...dexes.flat()];
  },
};

/**
 * An `activeAssetCtx` message as ccxt.pro's `watchTicker` keeps it: `info` is the coin's asset
 * context, the same fields as a `metaAndAssetCtxs` row. Hyperliquid stamps no time on it, so it
 * is dated on receipt, and its next settlement is the hour after that, as for a poll.
 */
export function hyperliquidCtxUpdate(ticker: Ticker, receivedAt: number): StreamUpdate | null {
  if (!ticker.symbol) return null;
  const ctx = (ticker.info ?? {}) as Record<string, unknown>;
  return {
    symbol: ticker.symbol,
    channel: 'assetCtx',
    eventTime: receivedAt,
    datedOnReceipt: true,
    fields: presentFields({ markPrice: numberOrNull(ctx.markPx), indexPrice: numberOrNull(ctx.oraclePx), rate: numberOrNull(ctx.funding), nextFundingTime: nextSettlementAfter(receivedAt, INTERVAL_HOURS) }),
  };
}

/**
 * Hyperliquid subscribes per coin (`activeAssetCtx`; ccxt.pro's `watchTickers` takes `allMids`,
 * which carries mids only), one watch loop per coin, each taking only the message its watch
 * resolved with (re-reading ccxt's cache would date an old context anew). Contexts follow the oracle, which
 * validators publish about every 3 s: taken as the longest quiet gap.
 */
export const hyperliquidStream: StreamSpec = {
  venue: VENUE,
  exchangeOptions: hyperliquidSpec.exchangeOptions,
  perSymbol: true,
  expectedGapMs: 3_000,
  watchers: (exchange: Exchange, symbols: string[], now: () => number) => symbols.map((symbol) => async () => {
    const update = hyperliquidCtxUpdate(await exchange.watchTicker(symbol), now());
    return update === null ? [] : [update];
  }),
};

export function createHyperliquidAdapter(context: AdapterContext): VenueAdapter {
  return createVenueAdapter(hyperliquidSpec, context);
}
