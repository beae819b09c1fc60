/**
 * Structural checks of a ticket before anything is priced: the two legs must form the trade
 * its kind names, on markets of the ticket's base asset.
 */
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { normaliseBase, parseUnifiedSymbol } from '../../../shared/domain/symbols.ts';
import { TicketInvalidError } from './ticketErrors.ts';

function baseOfLeg(symbol: string, instrument: 'perp' | 'spot'): string | null {
  if (instrument === 'perp') return parseUnifiedSymbol(symbol)?.base ?? null;
  const spot = /^([^/:]+)\/([^/:]+)$/.exec(symbol);
  return spot ? normaliseBase(spot[1]).base : null;
}

export function assertTicketShape(ticket: Ticket): void {
  const fail = (problem: string) => {
    throw new TicketInvalidError(ticket.ticketId, problem);
  };
  const [a, b] = ticket.legs;
  for (const leg of ticket.legs) {
    const base = baseOfLeg(leg.symbol, leg.instrument);
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
