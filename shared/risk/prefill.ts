/**
 * A ticket prefilled from a monitor row. Cross-venue perp/perp: long the leg
 * with the lowest funding, short the highest, equal base quantity. Perp/spot carry on the venue
 * with the largest |rate| among those whose spot market is traded (any venue when none is, and
 * the preview then says why): rate > 0 short the perp and buy spot, rate < 0 long the perp and
 * sell spot. The trader still sets size, stop and exits: nothing here is a decision.
 */
import type { Opportunity, Leg } from '../domain/signals.ts';
import type { TicketInput, TicketKind, TicketLeg } from '../domain/ticket.ts';
import { parseUnifiedSymbol } from '../domain/symbols.ts';
import { SPOT_TRADED_VENUES } from '../domain/venues.ts';

export class PrefillError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrefillError';
  }
}

/** `BTC/USDT:USDT` → `BTC/USDT`: the spot market of a linear perp's pair. */
export function spotSymbolOf(perpSymbol: string): string {
  const parsed = /^([^/:]+)\/([^/:]+):/.exec(perpSymbol);
  if (!parsed) throw new PrefillError(`${perpSymbol} is not a linear perp symbol (BASE/QUOTE:SETTLE)`);
  return `${parsed[1]}/${parsed[2]}`;
}

function freshLegOn(opportunity: Opportunity, venue: string | null): Leg {
  const leg = opportunity.legs.find((l) => l.venue === venue && !l.stale);
  if (!leg) throw new PrefillError(`${opportunity.base}: no fresh leg on ${venue ?? 'any venue'} to prefill from`);
  return leg;
}

function perpPerpLegs(opportunity: Opportunity): [TicketLeg, TicketLeg] {
  const long = freshLegOn(opportunity, opportunity.longVenue);
  const short = freshLegOn(opportunity, opportunity.shortVenue);
  return [
    { venue: long.venue, symbol: long.symbol, side: 'buy', instrument: 'perp' },
    { venue: short.venue, symbol: short.symbol, side: 'sell', instrument: 'perp' },
  ];
}

function carryLegs(opportunity: Opportunity): [TicketLeg, TicketLeg] {
  const fresh = opportunity.legs.filter((l) => !l.stale && parseUnifiedSymbol(l.symbol)?.multiplier === 1);
  if (!fresh.length) throw new PrefillError(`${opportunity.base}: no fresh leg without a contract multiplier for a spot hedge`);
  const withSpot = fresh.filter((l) => SPOT_TRADED_VENUES.includes(l.venue));
  const leg = (withSpot.length ? withSpot : fresh).reduce((a, b) => (Math.abs(b.ratePer8h) > Math.abs(a.ratePer8h) ? b : a));
  const perpSide = leg.rate > 0 ? 'sell' : 'buy';
  return [
    { venue: leg.venue, symbol: leg.symbol, side: perpSide, instrument: 'perp' },
    { venue: leg.venue, symbol: spotSymbolOf(leg.symbol), side: perpSide === 'sell' ? 'buy' : 'sell', instrument: 'spot' },
  ];
}

export function prefillFromOpportunity(opportunity: Opportunity, kind: TicketKind, ticketId: string, leverage = 3): TicketInput {
  return {
    ticketId,
    kind,
    base: opportunity.base,
    legs: kind === 'perp-perp' ? perpPerpLegs(opportunity) : carryLegs(opportunity),
    quantity: null,
    leverage,
    basisStopPct: null,
    takeProfitSpreadPer8h: null,
    maxHoldingHours: null,
  };
}
