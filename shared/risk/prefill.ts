/**
 * A ticket prefilled from a monitor row. Cross-venue perp/perp: long the leg
 * with the lowest funding, short the highest, equal base quantity. Perp/spot carry on the venue
 * with the largest |rate| among those whose spot market is traded (any venue when none is, and
 * the preview then says why): rate > 0 short the perp and buy spot, rate < 0 long the perp and
 * sell spot. Only venues the terminal trades are chosen. The exits start at the trader's own defaults from Settings (the take-profit as a
 * share of the spread the legs earn on the row), else empty; the size is always the trader's.
 */
import type { Opportunity, Leg } from '../domain/signals.ts';
import { NO_EXIT_DEFAULTS, type ExitDefaults, type TicketInput, type TicketKind, type TicketLeg } from '../domain/ticket.ts';
import { parseUnifiedSymbol } from '../domain/symbols.ts';
import { MONITORING_ONLY_VENUES, SPOT_BORROW_VENUES, SPOT_TRADED_VENUES, hip3DexOfSymbol, legVenueLabel, notTradableSymbolReason } from '../domain/venues.ts';
import { pairSpreadPer8h } from './takeProfit.ts';

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

const tradable = (leg: Leg): boolean => !MONITORING_ONLY_VENUES.has(leg.venue) && notTradableSymbolReason(leg.venue, leg.symbol) === null;

/**
 * The row's best pair where the terminal trades both venues; otherwise the widest pair among
 * the fresh legs on traded venues (the row ranks every venue, monitored-only ones too:
 * docs/venues.md, "Monitoring-only venues").
 */
function pairVenues(opportunity: Opportunity): [Leg, Leg] {
  const best: [Leg, Leg] = [freshLegOn(opportunity, opportunity.longVenue), freshLegOn(opportunity, opportunity.shortVenue)];
  if (best.every(tradable)) return best;
  const usable = opportunity.legs.filter((l) => !l.stale && tradable(l)).sort((a, b) => a.ratePer8h - b.ratePer8h);
  const long = usable[0];
  const short = usable.findLast((l) => l.venue !== long?.venue);
  if (long === undefined || short === undefined) {
    const monitored = best.filter((l) => !tradable(l)).map((l) => legVenueLabel(l.venue, l.symbol)).join(' and ');
    throw new PrefillError(`${opportunity.base}: the best pair needs ${monitored}, which the terminal only monitors, and no two traded venues quote it fresh`);
  }
  return [long, short];
}

function perpPerpLegs(opportunity: Opportunity): [TicketLeg, TicketLeg] {
  const [long, short] = pairVenues(opportunity);
  return [
    { venue: long.venue, symbol: long.symbol, side: 'buy', instrument: 'perp' },
    { venue: short.venue, symbol: short.symbol, side: 'sell', instrument: 'perp' },
  ];
}

function carryLegs(opportunity: Opportunity): [TicketLeg, TicketLeg] {
  // A HIP-3 dex's perp has no spot pair of its own name (docs/venues.md, "Hyperliquid HIP-3"): no carry is prefilled on one.
  const fresh = opportunity.legs.filter((l) => !l.stale && tradable(l) && parseUnifiedSymbol(l.symbol)?.multiplier === 1 && hip3DexOfSymbol(l.venue, l.symbol) === null);
  if (!fresh.length) throw new PrefillError(`${opportunity.base}: no fresh leg without a contract multiplier for a spot hedge`);
  // A negative rate's carry sells spot, which only a venue that lends the coin can send (docs/orders.md, "Spot shorts").
  const withSpot = fresh.filter((l) => SPOT_TRADED_VENUES.includes(l.venue) && (l.rate > 0 || SPOT_BORROW_VENUES.includes(l.venue)));
  const leg = (withSpot.length ? withSpot : fresh).reduce((a, b) => (Math.abs(b.ratePer8h) > Math.abs(a.ratePer8h) ? b : a));
  const perpSide = leg.rate > 0 ? 'sell' : 'buy';
  return [
    { venue: leg.venue, symbol: leg.symbol, side: perpSide, instrument: 'perp' },
    { venue: leg.venue, symbol: spotSymbolOf(leg.symbol), side: perpSide === 'sell' ? 'buy' : 'sell', instrument: 'spot' },
  ];
}

/** The defaults' take-profit on these legs: its share of what they earn on the row, none when they earn nothing. */
function takeProfitOf(opportunity: Opportunity, legs: readonly TicketLeg[], share: number | null): number | null {
  if (share === null) return null;
  const rated = legs.map((leg) => ({ ...leg, ratePer8h: opportunity.legs.find((l) => l.venue === leg.venue && l.symbol === leg.symbol)?.ratePer8h ?? null }));
  const spread = pairSpreadPer8h(rated);
  return spread !== null && spread > 0 ? Number((spread * share).toPrecision(4)) : null;
}

export function prefillFromOpportunity(opportunity: Opportunity, kind: TicketKind, ticketId: string, leverage = 3, exits: ExitDefaults = NO_EXIT_DEFAULTS): TicketInput {
  const legs = kind === 'perp-perp' ? perpPerpLegs(opportunity) : carryLegs(opportunity);
  return {
    ticketId,
    kind,
    base: opportunity.base,
    legs,
    quantity: null,
    leverage,
    basisStopPct: exits.basisStopPct,
    takeProfitSpreadPer8h: takeProfitOf(opportunity, legs, exits.takeProfitOfSpread),
    maxHoldingHours: exits.maxHoldingHours,
    maxLoss: exits.maxLossUsd === null ? null : { unit: 'usd', value: exits.maxLossUsd },
  };
}
