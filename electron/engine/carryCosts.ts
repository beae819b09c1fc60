import type { EngineSettings } from '../../shared/domain/settings.ts';
import { VENUES, VENUE_IDS, type VenueId } from '../../shared/domain/venues.ts';

export type TakerFees = Readonly<Record<VenueId, number>>;

/** Taker fee per fill for each venue: the user's tier where set, else the venue's default schedule. */
export function takerFeesFor(settings: EngineSettings): TakerFees {
  const fees = {} as Record<VenueId, number>;
  for (const venue of VENUE_IDS) fees[venue] = VENUES[venue].takerFee;
  for (const tier of settings.fees) if (tier.taker !== undefined) fees[tier.venue] = tier.taker;
  return fees;
}

/** Open and close of both legs at taker: 2 × (long taker + short taker), as a fraction of one leg's notional. */
export function roundTripTakerFees(fees: TakerFees, longVenue: VenueId, shortVenue: VenueId): number {
  return 2 * (fees[longVenue] + fees[shortVenue]);
}

/** Instantaneous: today's spread collected per day (three 8-h periods) minus the round trip spread over the holding period. */
export function netCarryPerDay(spreadPer8h: number, roundTripFees: number, holdingDays: number): number {
  return spreadPer8h * 3 - roundTripFees / holdingDays;
}
