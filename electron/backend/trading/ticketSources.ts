/**
 * The venue data a ticket preview needs, read through ccxt: order books at depth, account
 * balances, and maintenance-margin tiers. Tiers change rarely and cost a signed call, so they
 * are kept for an hour per symbol; books and balances are read fresh on every preview.
 */
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { MarginTier } from '../../../shared/risk/liquidation.ts';
import type { OrderBookSides } from '../../../shared/risk/preview.ts';
import type { MarketInfo } from './ticketService.ts';

const TIERS_TTL_MS = 3_600_000;
/** Stablecoins counted at par as margin. */
const MARGIN_CURRENCIES = ['USDT', 'USDC'];

export interface TicketSources {
  orderBook(venue: VenueId, symbol: string, depth: number): Promise<OrderBookSides>;
  balances(venue: VenueId): Promise<{ equity: number; free: number }>;
  marketInfo(venue: VenueId, symbol: string): Promise<MarketInfo>;
}

interface RawTier { minNotional?: number; maxNotional?: number; maintenanceMarginRate?: number; maxLeverage?: number }

function tiersOf(raw: readonly RawTier[] | undefined): MarginTier[] | null {
  const tiers = (raw ?? []).filter((t) => typeof t.maintenanceMarginRate === 'number' && t.maintenanceMarginRate > 0).map((t) => ({
    floor: t.minNotional ?? 0, cap: t.maxNotional ?? Infinity, maintenanceMarginRate: t.maintenanceMarginRate!, maxLeverage: t.maxLeverage ?? null,
  }));
  return tiers.length ? tiers.sort((a, b) => a.floor - b.floor) : null;
}

export function createTicketSources(exchanges: Partial<Record<VenueId, Exchange>>, now: () => number = Date.now): TicketSources {
  const tierCache = new Map<string, { at: number; info: MarketInfo }>();

  function exchangeOf(venue: VenueId): Exchange {
    const exchange = exchanges[venue];
    if (!exchange) throw new Error(`${venue} is not connected`);
    return exchange;
  }

  async function readTiers(exchange: Exchange, symbol: string): Promise<MarketInfo> {
    await exchange.loadMarkets();
    const marketMax = exchange.market(symbol).limits?.leverage?.max ?? null;
    if (!exchange.has.fetchLeverageTiers) return { tiers: null, maxLeverage: marketMax };
    let all: Record<string, RawTier[]>;
    try {
      all = (await exchange.fetchLeverageTiers([symbol])) as unknown as Record<string, RawTier[]>;
    } catch (error) {
      // A venue that will not give its tiers (endpoint missing, key without permission) gets
      // the conservative default maintenance rate; the preview marks the leg's tiers as not
      // from the venue. Anything that is not a venue answer is a bug and propagates.
      if (error instanceof ccxt.BaseError) return { tiers: null, maxLeverage: marketMax };
      throw error;
    }
    const tiers = tiersOf(all[symbol]);
    return { tiers, maxLeverage: tiers?.[0]?.maxLeverage ?? marketMax };
  }

  return {
    async orderBook(venue, symbol, depth) {
      const book = await exchangeOf(venue).fetchOrderBook(symbol, depth);
      return { bids: book.bids as OrderBookSides['bids'], asks: book.asks as OrderBookSides['asks'] };
    },
    async balances(venue) {
      const balance = await exchangeOf(venue).fetchBalance();
      const total = balance.total as unknown as Record<string, number | undefined>;
      const free = balance.free as unknown as Record<string, number | undefined>;
      return {
        equity: MARGIN_CURRENCIES.reduce((sum, c) => sum + (total[c] ?? 0), 0),
        free: MARGIN_CURRENCIES.reduce((sum, c) => sum + (free[c] ?? 0), 0),
      };
    },
    async marketInfo(venue, symbol) {
      const key = `${venue}|${symbol}`;
      const cached = tierCache.get(key);
      if (cached && now() - cached.at < TIERS_TTL_MS) return cached.info;
      const info = await readTiers(exchangeOf(venue), symbol);
      tierCache.set(key, { at: now(), info });
      return info;
    },
  };
}
