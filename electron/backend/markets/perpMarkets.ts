/**
 * The set of markets a venue adapter quotes: active linear perpetuals settled in USDT or
 * USDC. Loaded through ccxt and reloaded periodically, because symbols listed after
 * `loadMarkets` come back keyed by their raw venue id and would otherwise be ignored.
 */
import type { Exchange, MarketInterface } from 'ccxt';
import { parseUnifiedSymbol } from '../../../shared/domain/symbols.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { badResponse } from './venueErrors.ts';
import { unitsOfMarket } from './marketUnits.ts';
import type { MarketUnits } from '../../../shared/domain/units.ts';
import { assetMarketOf, isHip3Market, isHip3Settle } from './hip3.ts';

export interface PerpMarket {
  /** ccxt unified symbol, `BTC/USDT:USDT`. */
  symbol: string;
  /** The venue's own id, `BTCUSDT`, `BTC-USDT-SWAP`. */
  id: string;
  base: string;
  multiplier: number;
  settle: string;
  /** Coins ↔ venue amount ↔ price of this market. */
  units: MarketUnits;
  /** The venue's raw market record; some quirks live there (bybit fundingInterval). */
  info: Record<string, unknown>;
}

const SETTLE_CURRENCIES = new Set(['USDT', 'USDC']);

/**
 * Active linear USDT/USDC perpetuals of a ccxt market map, keyed by unified symbol, and
 * Hyperliquid's HIP-3 perps in any dollar token they settle in, each counted as the main dex's
 * asset only where it is the same asset (hip3.ts).
 */
export function selectLinearPerps(markets: Record<string, MarketInterface>): Map<string, PerpMarket> {
  const out = new Map<string, PerpMarket>();
  for (const market of Object.values(markets)) {
    // ccxt leaves `active` undefined where a venue does not say; only an explicit false excludes.
    if (market.active === false || market.swap !== true || market.linear !== true) continue;
    const hip3 = isHip3Market(market);
    if (!(hip3 ? isHip3Settle(market.settle ?? '') : SETTLE_CURRENCIES.has(market.settle ?? ''))) continue;
    const parsed = parseUnifiedSymbol(market.symbol);
    if (!parsed || market.id == null) continue;
    const units = unitsOfMarket(assetMarketOf(market, markets));
    out.set(market.symbol, {
      symbol: market.symbol,
      id: market.id,
      base: units.asset,
      multiplier: units.coinsPerPriceUnit,
      settle: parsed.settle,
      units,
      info: (market.info ?? {}) as Record<string, unknown>,
    });
  }
  return out;
}

export interface MarketCatalog {
  /** The current perps, loading or reloading them when due (`now`: a monotonic real clock). */
  current(now: number): Promise<Map<string, PerpMarket>>;
  /** The perps of the last successful load, without I/O (empty before the first). */
  known(): Map<string, PerpMarket>;
  /** True when `current(now)` would (re)load the list. */
  due(now: number): boolean;
}

export function createMarketCatalog(venue: VenueId, exchange: Exchange, reloadEveryMs: number): MarketCatalog {
  let perps = new Map<string, PerpMarket>();
  let loadedAt: number | null = null;
  let lastLoadFailed = false;
  // History requests may ask while a poll is loading: they share the one load in flight.
  let loading: Promise<Map<string, PerpMarket>> | null = null;

  async function load(now: number): Promise<Map<string, PerpMarket>> {
    // ccxt caches a rejected loadMarkets promise: after a failure (and for periodic
    // refreshes) only `reload = true` makes it ask the venue again.
    const reload = loadedAt !== null || lastLoadFailed;
    try {
      const markets = await exchange.loadMarkets(reload);
      const selected = selectLinearPerps(markets as Record<string, MarketInterface>);
      // A garbage body parses to no markets; keeping that would blind the venue until the next reload.
      if (selected.size === 0) throw badResponse(venue, 'the market list had no active linear perpetual');
      perps = selected;
      loadedAt = now;
      lastLoadFailed = false;
      return perps;
    } catch (error) {
      lastLoadFailed = true;
      throw error;
    }
  }

  const due = (now: number): boolean => loadedAt === null || now - loadedAt >= reloadEveryMs;

  return {
    async current(now) {
      if (!due(now)) return perps;
      loading ??= load(now).finally(() => { loading = null; });
      return loading;
    },
    known: () => perps,
    due,
  };
}
