/**
 * How both brokers reach a venue's spot market (docs/orders.md, "Spot legs"): a second ccxt
 * exchange with spot markets only, opened beside the perp one, and every call for a spot
 * symbol (`BASE/QUOTE`) routed to it. A venue whose spot is not traded, or whose spot markets
 * could not be loaded, keeps the reason, and a spot leg there is refused in those words.
 */
import type { Exchange } from 'ccxt';
import type { VenueId } from '../../../../shared/domain/venues.ts';
import { SPOT_BORROW_VENUES, VENUES } from '../../../../shared/domain/venues.ts';
import type { Connection } from '../../markets/exchanges.ts';
import { createSpotExchange, isSpotSymbol, spotRefusal } from '../../markets/spotExchange.ts';
import { toVenueError, VenueError } from '../../markets/venueErrors.ts';
import { slippageBound } from '../../../../shared/risk/slippage.ts';

/** The spot exchange, or why there is none. */
export type SpotAccess = { exchange: Exchange } | { refused: string };

export async function openSpot(venue: VenueId, connection: Connection, credentials?: Record<string, string>): Promise<SpotAccess> {
  const refusal = spotRefusal(venue);
  if (refusal !== null) return { refused: refusal };
  const exchange = createSpotExchange(venue, connection);
  if (credentials) Object.assign(exchange, credentials);
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  try {
    await exchange.loadMarkets();
    return { exchange };
  } catch (error) {
    await exchange.close();
    return { refused: `${VENUES[venue].label}'s spot markets could not be loaded (${toVenueError(venue, error).message})` };
  }
}

/** The exchange serving `symbol`: the spot one for a spot symbol, else the perp one. */
export function exchangeFor(venue: VenueId, perp: Exchange, spot: SpotAccess, symbol: string): Exchange {
  if (!isSpotSymbol(symbol)) return perp;
  if ('exchange' in spot) return spot.exchange;
  throw new VenueError('rejected', venue, `${symbol}: ${spot.refused}; nothing was sent`);
}

/** Whether a spot leg may sell short on the venue (the coin borrowed on its cross margin). */
export function borrowsForSpotShort(venue: VenueId): boolean {
  return SPOT_BORROW_VENUES.includes(venue);
}

/**
 * Why a spot short is refused on a venue where this terminal arranges no borrow: a spot sell
 * that is not closing held coins sells coins the account does not have (docs/orders.md, "Spot shorts").
 */
export function spotShortRefusal(venue: VenueId, symbol: string): string {
  const label = VENUES[venue].label;
  return `${symbol}: a spot short on ${label} sells coins the account does not hold and needs a margin borrow, which this terminal arranges on ${borrowVenueWords("'s")} cross margin only, not on ${label}; nothing was sent`;
}

/** The venues that lend for a spot short, in words ("Binance's, OKX's and Bitget's" with `suffix` "'s"). */
export function borrowVenueWords(suffix = ''): string {
  const names = SPOT_BORROW_VENUES.map((v) => `${VENUES[v].label}${suffix}`);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Bitget's v2 and Gate's v4 spot market buys spend their size in USDT (ccxt sends amount ×
 * price, or the amount itself as USDT), so the coins they buy follow the book, not the ticket.
 * There a spot market buy goes out as a limit in coins, immediate-or-cancel, at the best ask
 * plus the ticket's maximum slippage (held inside Bitget's 5 % and Gate's 8 % bands on limit
 * prices, `shared/risk/slippage.ts`), or plus this guard for a buy without one (a close): it
 * buys the ticket's coins, or fewer where the book is thinner than that up to the bound, and
 * what it bought drives the other leg (docs/orders.md, "Spot legs"). Binance, Bybit and OKX
 * count a market buy in coins.
 */
const IOC_BUY_GUARD = 0.02;
const QUOTE_SIZED_MARKET_BUYS: ReadonlySet<VenueId> = new Set<VenueId>(['bitget', 'gate']);

export function buysByIocLimit(venue: VenueId, request: { symbol: string; side: 'buy' | 'sell'; type: 'market' | 'limit' }): boolean {
  return QUOTE_SIZED_MARKET_BUYS.has(venue) && isSpotSymbol(request.symbol) && request.side === 'buy' && request.type === 'market';
}

/** The per-coin limit of such a buy. */
export function iocBuyLimit(bestAsk: number, maxSlippagePct = IOC_BUY_GUARD): number {
  return slippageBound('buy', bestAsk, maxSlippagePct);
}
