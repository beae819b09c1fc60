/**
 * The ccxt edge of both brokers: a quantity in coins becomes the venue amount ccxt sends, on
 * the units read off the venue's market (docs/units.md). An opening order that is not a whole number of the venue's lots is refused in words rather than cut down by
 * ccxt's precision (it would open less than the checklist approved); a reduce-only order is
 * cut down, never up, so it cannot close more than asked.
 */
import type { Exchange } from 'ccxt';
import { amountOf, coinsOf, type MarketUnits } from '../../../../shared/domain/units.ts';
import type { VenueId } from '../../../../shared/domain/venues.ts';
import { unitsOfMarket } from '../../markets/marketUnits.ts';
import { assetMarketOf } from '../../markets/hip3.ts';
import { VenueError } from '../../markets/venueErrors.ts';

/** Relative slack for binary floating point between coins and amounts. */
const SLACK = 1e-9;

/**
 * The units of exactly `symbol`. ccxt resolves some symbols it does not hold to another market
 * (Binance: `BTC/USDT` to the perp `BTC/USDT:USDT` when only swaps are loaded); an order sized
 * on that market would open the wrong instrument, so a market under another symbol is refused.
 */
export function unitsOf(exchange: Exchange, symbol: string): MarketUnits {
  const market = exchange.market(symbol);
  if (market.symbol !== symbol) throw new Error(`${symbol} is not listed on this account (ccxt resolved it to ${market.symbol})`);
  return unitsOfMarket(assetMarketOf(market, exchange.markets ?? {}));
}

/** The venue amount for `coins` of `symbol`, on the venue's precision. */
export function amountToSend(venue: VenueId, exchange: Exchange, symbol: string, coins: number, reduceOnly: boolean): number {
  const units = unitsOf(exchange, symbol);
  const exact = amountOf(units, coins);
  let sent = Number(exchange.amountToPrecision(symbol, exact));
  // ccxt rounds Hyperliquid's amounts to the nearest lot: a reducing order goes to the lot below
  // instead (a spot sell of the 0.049965 BTC held would ask 0.04997, which the wallet lacks).
  const step = exchange.market(symbol).precision?.amount;
  if (reduceOnly && step !== undefined && sent > exact * (1 + SLACK)) sent = Number(exchange.amountToPrecision(symbol, sent - step));
  if (!(sent > 0)) throw new VenueError('rejected', venue, `${symbol}: ${coins} ${units.asset} is less than one lot (${lotText(exchange, symbol, units)}); nothing sent`);
  if (!reduceOnly && Math.abs(sent - exact) > SLACK * exact) {
    throw new VenueError('rejected', venue, `${symbol}: ${coins} ${units.asset} is not a whole number of lots (${lotText(exchange, symbol, units)}); round the quantity to the lot and preview again`);
  }
  return sent;
}

function lotText(exchange: Exchange, symbol: string, units: MarketUnits): string {
  const step = exchange.market(symbol).precision?.amount;
  return step === undefined ? 'venue precision' : `${coinsOf(units, step)} ${units.asset}`;
}
