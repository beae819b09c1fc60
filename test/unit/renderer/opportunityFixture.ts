import type { Leg, Opportunity, SignalsBatch } from '../../../shared/domain/signals.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

/** A monitor row with just the fields a test cares about; the rest neutral. */
export function row(base: string, patch: Partial<Opportunity> = {}): Opportunity {
  return {
    base, legs: [], longVenue: null, shortVenue: null, spreadPer8h: null, spreadApr: null, roundTripFees: null, netCarryPerDay: null,
    breakEvenHours: null, meanPer8h: null, regime: null, velocity: { h1: null, h4: null, h24: null }, persistenceHours: 0,
    triggered: false, nextFundingTime: null, alignment: null, rank: 0, ...patch,
  };
}

export function leg(venue: VenueId, ratePer8h: number, patch: Partial<Leg> = {}): Leg {
  return {
    venue, symbol: `X/USDT:USDT`, rate: ratePer8h, rateKind: 'predicted', intervalHours: 8, ratePer8h, apr: ratePer8h * 1095,
    nextFundingTime: null, markPrice: null, stale: false, observedAt: 0, ...patch,
  };
}

export function batch(full: boolean, upserts: Opportunity[], removed: string[] = []): SignalsBatch {
  return { full, upserts, removed, summary: { btcEthDivergencePer8h: null, btcEthDiverging: false, assets: 0, triggered: 0, computedAt: 0, computeMs: 0 } };
}
