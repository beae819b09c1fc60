/**
 * The ccxt exchange of a venue's spot market, loaded with spot markets only (docs/orders.md,
 * "Spot legs"). A perp exchange with only swap markets resolves `BTC/USDT` to the perp
 * (Binance's ccxt falls back to `BTC/USDT:USDT`), so spot legs never go through it: Binance's
 * spot is another ccxt class (`binance`, not `binanceusdm`), Bybit's, OKX's, Bitget's, Gate's
 * and Hyperliquid's the same class loading `spot` instead of their perps. Other venues' spot is
 * not traded yet, and says so.
 */
import type { Exchange } from 'ccxt';
import { SPOT_TRADED_VENUES, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { optionsFor } from './accountOptions.ts';
import { createExchange, type Connection } from './exchanges.ts';

const SPOT_VENUES = SPOT_TRADED_VENUES;

/** A spot symbol is `BASE/QUOTE`; a linear perp's carries its settle currency (`BASE/QUOTE:SETTLE`). */
export function isSpotSymbol(symbol: string): boolean {
  return !symbol.includes(':');
}

/** The stablecoin a venue's spot pairs are quoted in: USDT, Hyperliquid's USDC (its perps settle in it too). */
export function spotQuoteOf(venue: VenueId): string {
  return venue === 'hyperliquid' ? 'USDC' : 'USDT';
}

/** Why the venue's spot is not traded, or null when it is. */
export function spotRefusal(venue: VenueId): string | null {
  if (SPOT_VENUES.includes(venue)) return null;
  const label = VENUES[venue].label;
  const labels = SPOT_VENUES.map((v) => VENUES[v].label);
  return `the terminal does not trade ${label}'s spot market yet (spot legs trade on ${labels.slice(0, -1).join(', ')} and ${labels.at(-1)})`;
}

/**
 * What a listing of open orders across symbols names, per exchange: OKX lists swap and spot
 * orders on one endpoint, so each of the two exchanges asks for its own kind (else each would
 * list the other's orders too, under symbols it has no market for).
 */
export function openOrdersParams(venue: VenueId, spot: boolean): Record<string, string> {
  if (venue === 'okx') return { instType: spot ? 'SPOT' : 'SWAP' };
  return {};
}

export function createSpotExchange(venue: VenueId, connection: Connection): Exchange {
  const loopback = connection.baseUrl !== undefined;
  if (venue === 'binanceusdm') {
    // fetchMargins off: the margin pair lists are signed calls of a margin account we do not use.
    return createExchange('binance', {
      fetchMarkets: { types: ['spot'] }, fetchMargins: false, defaultType: 'spot', fetchCurrencies: false, warnOnFetchOpenOrdersWithoutSymbol: false,
    }, connection);
  }
  // OKX: ccxt sends a spot order in the trading mode `cash` and a market buy's size in coins (`tgtCcy: base_ccy`).
  // Bitget and Gate: a market buy's size is USDT whatever ccxt is told; the live broker buys by an IOC limit in coins (spotRoute.ts).
  // Hyperliquid: ccxt names a wrapped token's pair by the asset (UBTC/USDC is `BTC/USDC`, its id `@142`).
  if (venue === 'bybit' || venue === 'okx' || venue === 'bitget' || venue === 'gate' || venue === 'hyperliquid') {
    return createExchange(venue, { ...optionsFor(venue, loopback), fetchMarkets: { types: ['spot'] }, defaultType: 'spot' }, connection);
  }
  throw new Error(`${venue}: ${spotRefusal(venue)}`);
}

