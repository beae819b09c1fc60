/**
 * Structural checks of a ticket before anything is priced: the two legs must form the trade
 * its kind names, on markets of the ticket's base asset, on instruments the terminal trades.
 */
import type { Ticket, TicketLeg } from '../../../shared/domain/ticket.ts';
import { normaliseBase, parseUnifiedSymbol } from '../../../shared/domain/symbols.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { TicketInvalidError } from './ticketErrors.ts';
import { spotRefusal } from '../markets/spotExchange.ts';
import { borrowsForSpotShort, borrowVenueWords, spotShortRefusal } from './brokers/spotRoute.ts';

/**
 * The asset a perp leg's market counts (docs/units.md), or null when the market is not known:
 * read from the market, not the symbol, because ccxt upper-cases Hyperliquid's `kPEPE` into
 * `KPEPE/USDC:USDC`, whose `K` cannot be told from KAVA's.
 */
export type AssetOfLeg = (leg: TicketLeg) => string | null;

function baseOfLeg(leg: TicketLeg, assetOf: AssetOfLeg): string | null {
  if (leg.instrument === 'perp') return assetOf(leg) ?? parseUnifiedSymbol(leg.symbol)?.base ?? null;
  const spot = /^([^/:]+)\/([^/:]+)$/.exec(leg.symbol);
  return spot ? normaliseBase(spot[1]).base : null;
}

export function assertTicketShape(ticket: Ticket, assetOf: AssetOfLeg = () => null): void {
  const fail = (problem: string) => {
    throw new TicketInvalidError(ticket.ticketId, problem);
  };
  const [a, b] = ticket.legs;
  for (const leg of ticket.legs) {
    if (leg.instrument === 'perp' && parseUnifiedSymbol(leg.symbol) === null) fail(`${leg.symbol} on ${leg.venue} is not a linear perp (BASE/QUOTE:SETTLE) symbol`);
    const base = baseOfLeg(leg, assetOf);
    if (base === null) fail(`${leg.symbol} on ${leg.venue} is not a ${leg.instrument === 'perp' ? 'linear perp (BASE/QUOTE:SETTLE)' : 'spot (BASE/QUOTE)'} symbol`);
    if (base !== ticket.base.toUpperCase()) fail(`${leg.symbol} on ${leg.venue} is not a ${ticket.base} market`);
  }
  if (ticket.kind === 'perp-perp') {
    if (a.instrument !== 'perp' || b.instrument !== 'perp') fail('a perp/perp ticket needs two perp legs');
    if (a.venue === b.venue) fail(`a perp/perp ticket needs two venues, both legs are on ${a.venue}`);
  } else if ([a, b].filter((leg) => leg.instrument === 'perp').length !== 1) {
    fail('a perp/spot carry ticket needs one perp leg and one spot leg');
  }
}

/**
 * A spot leg is priced and sent only where it can be what the checklist shows (docs/orders.md,
 * "Spot legs"): on a venue whose spot market the terminal trades, and as a sell only where the
 * terminal borrows the coin (`SPOT_BORROW_VENUES`); both refusals come before anything is
 * priced or sent.
 */
export function assertSpotLegTradable(ticket: Ticket): void {
  const spot = ticket.legs.find((leg) => leg.instrument === 'spot');
  if (spot === undefined) return;
  const label = VENUES[spot.venue].label;
  const refusal = spotRefusal(spot.venue);
  if (refusal !== null) throw new TicketInvalidError(ticket.ticketId, `${spot.symbol} on ${label} is a spot leg: ${refusal}; nothing was sent`);
  if (spot.side === 'sell' && !borrowsForSpotShort(spot.venue)) {
    throw new TicketInvalidError(ticket.ticketId, `${spotShortRefusal(spot.venue, spot.symbol)}. For a negative rate, hold the carry as a perp/perp ticket or with the spot leg on ${borrowVenueWords()}`);
  }
}
