/**
 * How a market order carries the ticket's maximum slippage where the venue takes a bound on it
 * (docs/orders.md, "Maximum slippage"). Hyperliquid's market order is an IOC limit that ccxt
 * prices at the best level moved by its `slippage` parameter (5 % unless told); a Bitget or Gate
 * spot buy is an IOC limit the broker prices itself (spotRoute.ts `iocBuyLimit`), held inside
 * the venue's band. Elsewhere a market order goes out as such: the ticket service's check of
 * its own fresh books at size is the bound.
 */
import type { VenueId } from '../../../../shared/domain/venues.ts';
import { isSpotSymbol } from '../../markets/spotExchange.ts';
import { bandRefusal } from '../../../../shared/risk/slippage.ts';
import { VenueError } from '../../markets/venueErrors.ts';
import type { OrderRequest } from './broker.ts';

/** ccxt's `slippage` for a Hyperliquid market order with a max; nothing elsewhere. */
export function slippageParams(venue: VenueId, request: OrderRequest): Record<string, string> {
  return venue === 'hyperliquid' && request.type === 'market' && request.maxSlippagePct !== undefined ? { slippage: String(request.maxSlippagePct) } : {};
}

/** Refuses, before anything is sent, an order whose bound would lie beyond the venue's price band (the checklist refuses such a ticket first). */
export function assertWithinBand(venue: VenueId, request: OrderRequest): void {
  if (request.maxSlippagePct === undefined || request.type !== 'market') return;
  const refusal = bandRefusal({ venue, symbol: request.symbol, side: request.side, instrument: isSpotSymbol(request.symbol) ? 'spot' : 'perp' }, request.maxSlippagePct);
  if (refusal !== null) throw new VenueError('rejected', venue, `${refusal}; nothing was sent`);
}
