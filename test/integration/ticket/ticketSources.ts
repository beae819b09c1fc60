/**
 * Test harness: the venue data a ticket preview needs, read straight through ccxt (the desk reads
 * the same through its brokers): order books at depth (in coins at
 * prices per coin, as the brokers give them), the markets' units, account
 * balances, and maintenance-margin tiers. Tiers change rarely and cost a signed call, so they
 * are kept for an hour per symbol; books and balances are read fresh on every preview.
 */
import type { Exchange } from 'ccxt';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { OrderBookSides } from '../../../shared/risk/preview.ts';
import { cachedMarketInfo, readMarketInfo, type MarketInfo } from '../../../electron/backend/trading/venueMarket.ts';
import { unitsOf } from '../../../electron/backend/trading/brokers/venueAmounts.ts';
import { bookInCoins } from '../../../electron/backend/markets/marketUnits.ts';
import type { MarketUnits } from '../../../shared/domain/units.ts';

/** Stablecoins counted at par as margin. */
const MARGIN_CURRENCIES = ['USDT', 'USDC'];

export interface TicketSources {
  orderBook(venue: VenueId, symbol: string, depth: number): Promise<OrderBookSides>;
  balances(venue: VenueId): Promise<{ equity: number; free: number }>;
  marketInfo(venue: VenueId, symbol: string): Promise<MarketInfo>;
  units(venue: VenueId, symbol: string): MarketUnits;
}

export function createTicketSources(exchanges: Partial<Record<VenueId, Exchange>>, now: () => number = Date.now): TicketSources {
  function exchangeOf(venue: VenueId): Exchange {
    const exchange = exchanges[venue];
    if (!exchange) throw new Error(`${venue} is not connected`);
    return exchange;
  }
  const marketInfo = cachedMarketInfo(async (venue, symbol) => {
    const exchange = exchangeOf(venue);
    await exchange.loadMarkets();
    return readMarketInfo(exchange, symbol);
  }, now);

  return {
    async orderBook(venue, symbol, depth) {
      const exchange = exchangeOf(venue);
      await exchange.loadMarkets();
      return bookInCoins(unitsOf(exchange, symbol), await exchange.fetchOrderBook(symbol, depth));
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
    marketInfo,
    units: (venue, symbol) => unitsOf(exchangeOf(venue), symbol),
  };
}
