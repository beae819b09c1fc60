import type { EngineSettings } from '../../shared/domain/settings.ts';
import type { Leg, Opportunity } from '../../shared/domain/signals.ts';
import { bestSpread, extremeLeg, type BestSpread } from '../../shared/funding/spread.ts';
import { aprFromPer8h } from '../../shared/funding/normalise.ts';
import type { VenueId } from '../../shared/domain/venues.ts';
import { regimeOf } from '../../shared/funding/regime.ts';
import { netCarryPerDay, roundTripTakerFees, type TakerFees } from './carryCosts.ts';
import type { DecayTable } from './pairDecay.ts';
import type { AssetGroup } from './assetGroup.ts';
import { basisOf, rowExtremes } from './venuePairs.ts';
import { minuteOf } from './rateHistory.ts';

export interface RowContext {
  settings: EngineSettings;
  fees: TakerFees;
  now: number;
  /** Fitted decays of the venue pairs (null until the backend has sent them: the default applies). */
  decays: DecayTable | null;
}

/**
 * The monitor row of one base asset from its legs (`group.legsAt(ctx.now)`: in venue/symbol
 * order, marked stale as of `ctx.now`, with the group's fresh count, rate sum and earliest
 * settlement from the same pass), rank left at 0 for the ranking to set and alignment null for the
 * sector overlay to set. Records the fresh legs' mean
 * into the asset's history first (one sample per minute), so velocity and persistence
 * include the present, and the best pair's basis into its basis history. The group's `carry`
 * memo keeps the asset's last carry (see `CarryMemo`).
 */
export function computeAssetRow(group: AssetGroup, legs: Leg[], ctx: RowContext): Opportunity {
  const { base, history, carry: memo } = group;
  const fresh = group.freshLegs < legs.length ? legs.filter((leg) => !leg.stale) : legs;
  const meanPer8h = group.freshLegs > 0 ? group.freshRateSum / group.freshLegs : null;
  if (meanPer8h !== null) history.record(minuteOf(ctx.now), meanPer8h);
  // The best pair from the group's columns (no leg read); the legs' own path when a rate is not finite.
  const slots = group.bestPair(rowExtremes);
  let best: BestSpread<VenueId> | null, long: Leg | null, short: Leg | null;
  if (slots === undefined) {
    best = bestSpread(fresh);
    long = best ? extremeLeg(fresh, best.longVenue, 'buy') : null;
    short = best ? extremeLeg(fresh, best.shortVenue, 'sell') : null;
    rowExtremes.fromLegs(fresh);
  } else if (slots === null) {
    best = long = short = null;
  } else {
    long = group.legAt(slots.longAt);
    short = group.legAt(slots.shortAt);
    best = { longVenue: long.venue, shortVenue: short.venue, spreadPer8h: slots.spreadPer8h, spreadApr: aprFromPer8h(slots.spreadPer8h) };
  }
  const roundTripFees = best ? roundTripTakerFees(ctx.fees, best.longVenue, best.shortVenue) : null;
  const hasMean = meanPer8h !== null;
  const expected = long && short && roundTripFees !== null
    ? memo.carry(base, long, short, { long: ctx.fees[long.venue], short: ctx.fees[short.venue] }, ctx.settings.holdingDays, ctx.decays, ctx.now)
    : null;
  const basis = long && short ? basisOf(long, short) : null;
  const size = long && short ? group.pairSize(long, short, slots ?? undefined) : null;
  return {
    base,
    legs,
    longVenue: best?.longVenue ?? null,
    shortVenue: best?.shortVenue ?? null,
    spreadPer8h: best?.spreadPer8h ?? null,
    spreadApr: best?.spreadApr ?? null,
    roundTripFees,
    netCarryPerDay: best && roundTripFees !== null ? netCarryPerDay(best.spreadPer8h, roundTripFees, ctx.settings.holdingDays) : null,
    breakEvenHours: expected?.breakEvenHours ?? null,
    expectedNetPerDay: expected?.expectedNetPerDay ?? null,
    carry: expected?.carry ?? null,
    meanPer8h,
    regime: hasMean ? regimeOf(meanPer8h) : null,
    velocity: {
      h1: hasMean ? history.velocity(1) : null,
      h4: hasMean ? history.velocity(4) : null,
      h24: hasMean ? history.velocity(24) : null,
    },
    persistenceHours: hasMean ? history.persistenceHours() : 0,
    triggered: best !== null && best.spreadPer8h >= ctx.settings.triggerSpreadPer8h,
    nextFundingTime: group.earliestFunding,
    longNextFundingTime: long?.nextFundingTime ?? null,
    shortNextFundingTime: short?.nextFundingTime ?? null,
    openInterestUsd: size?.openInterestUsd ?? null,
    volume24hUsd: size?.volume24hUsd ?? null,
    basis,
    basisZ: basis !== null ? group.basis.record(best!.longVenue, best!.shortVenue, minuteOf(ctx.now), basis) : null,
    otherPairs: best ? group.otherPairs.get(fresh, best.longVenue, best.shortVenue, ctx.fees, ctx.settings.holdingDays, rowExtremes) : [],
    alignment: null,
    rank: 0,
  };
}
