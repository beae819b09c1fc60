/**
 * The venue pairs of one asset beyond its best (docs/screens.md, "Monitor"): each venue enters
 * with its lowest-rate leg as a long and its highest-rate leg as a short, as in `bestSpread`, so
 * an asset on v venues has v × (v − 1) pairs (42 at seven venues) and the top ones are kept.
 */
import type { Leg, VenuePair } from '../../shared/domain/signals.ts';
import type { VenueId } from '../../shared/domain/venues.ts';
import { aprFromPer8h } from '../../shared/funding/normalise.ts';
import { netCarryPerDay, roundTripTakerFees, type TakerFees } from './carryCosts.ts';
import { perCoin } from './rowCarry.ts';

/** The 2nd and 3rd: the monitor's expandable row. */
export const OTHER_PAIRS = 2;

/** Short mark per coin over long mark per coin, minus 1: positive when the short sells above where the long buys. */
export function basisOf(long: Leg, short: Leg): number | null {
  const buy = perCoin(long);
  const sell = perCoin(short);
  return buy === null || sell === null ? null : sell / buy - 1;
}

export function venuePair(long: Leg, short: Leg, fees: TakerFees, holdingDays: number): VenuePair {
  const spreadPer8h = short.ratePer8h - long.ratePer8h;
  const roundTripFees = roundTripTakerFees(fees, long.venue, short.venue);
  return {
    longVenue: long.venue, shortVenue: short.venue, spreadPer8h, spreadApr: aprFromPer8h(spreadPer8h),
    roundTripFees, netCarryPerDay: netCarryPerDay(spreadPer8h, roundTripFees, holdingDays),
    basis: basisOf(long, short), longNextFundingTime: long.nextFundingTime, shortNextFundingTime: short.nextFundingTime,
  };
}

/** Each venue's lowest- and highest-rate fresh leg, in the legs' order of first appearance. */
function venueExtremes(fresh: readonly Leg[]): { low: Leg; high: Leg }[] {
  const out: { low: Leg; high: Leg }[] = [];
  for (const leg of fresh) {
    const slot = out.find((e) => e.low.venue === leg.venue);
    if (!slot) out.push({ low: leg, high: leg });
    else if (leg.ratePer8h < slot.low.ratePer8h) slot.low = leg;
    else if (leg.ratePer8h > slot.high.ratePer8h) slot.high = leg;
  }
  return out;
}

/**
 * The `OTHER_PAIRS` widest positive spreads after the best pair (`bestLong`/`bestShort`, which
 * `bestSpread` chose), widest first; equal spreads keep the venues' order, so the answer is a
 * function of the legs alone.
 */
export function otherPairs(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId, fees: TakerFees, holdingDays: number): VenuePair[] {
  const extremes = venueExtremes(fresh);
  const top: { long: Leg; short: Leg; spread: number }[] = [];
  for (const l of extremes) {
    for (const s of extremes) {
      if (l === s || (l.low.venue === bestLong && s.high.venue === bestShort)) continue;
      const spread = s.high.ratePer8h - l.low.ratePer8h;
      if (!(spread > 0)) continue;
      let at = top.length;
      while (at > 0 && top[at - 1].spread < spread) at--;
      if (at >= OTHER_PAIRS) continue;
      top.splice(at, 0, { long: l.low, short: s.high, spread });
      if (top.length > OTHER_PAIRS) top.pop();
    }
  }
  return top.map((p) => venuePair(p.long, p.short, fees, holdingDays));
}

/**
 * The row's other pairs kept while its fresh legs are the same objects (a leg is rebuilt only
 * when its quote or its staleness changes) under the same fees and holding period: a venue
 * poll or a recompute within the minute re-reads most assets unchanged (the bench's full
 * recompute spent a third of its time here before).
 */
export class PairsMemo {
  private legs: readonly Leg[] = [];
  private fees: TakerFees | null = null;
  private holdingDays = Number.NaN;
  private best = '';
  private pairs: VenuePair[] = [];

  get(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId, fees: TakerFees, holdingDays: number): VenuePair[] {
    const best = `${bestLong}>${bestShort}`;
    if (fees !== this.fees || holdingDays !== this.holdingDays || best !== this.best || !sameRefs(fresh, this.legs)) {
      this.pairs = otherPairs(fresh, bestLong, bestShort, fees, holdingDays);
      this.legs = fresh.slice();
      this.fees = fees;
      this.holdingDays = holdingDays;
      this.best = best;
    }
    return this.pairs;
  }
}

function sameRefs(a: readonly Leg[], b: readonly Leg[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
