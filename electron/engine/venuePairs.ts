/**
 * The venue pairs of one asset beyond its best (docs/screens.md, "Monitor"): each venue enters
 * with its lowest-rate leg as a long and its highest-rate leg as a short, as in `bestSpread`, so
 * an asset on v venues has v × (v − 1) pairs (56 at eight venues) and the top two are kept.
 */
import type { Leg, VenuePair } from '../../shared/domain/signals.ts';
import { VENUE_IDS, type VenueId } from '../../shared/domain/venues.ts';
import { aprFromPer8h } from '../../shared/funding/normalise.ts';
import { netCarryPerDay, roundTripTakerFees, type TakerFees } from './carryCosts.ts';
import { perCoin } from './rowCarry.ts';

/** The 2nd and 3rd: the monitor's expandable row (`otherPairs` keeps the two widest). */
export const OTHER_PAIRS = 2;
const VENUE_INDEX = Object.fromEntries(VENUE_IDS.map((v, i) => [v, i])) as Record<VenueId, number>;

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

/** Each venue's lowest- and highest-rate fresh leg by venue index; reused between calls (the engine is single-threaded). */
const lows: (Leg | null)[] = VENUE_IDS.map(() => null);
const highs: (Leg | null)[] = VENUE_IDS.map(() => null);

function venueExtremes(fresh: readonly Leg[]): void {
  lows.fill(null);
  highs.fill(null);
  for (const leg of fresh) {
    const v = VENUE_INDEX[leg.venue];
    const low = lows[v];
    if (!low || leg.ratePer8h < low.ratePer8h) lows[v] = leg;
    const high = highs[v];
    if (!high || leg.ratePer8h > high.ratePer8h) highs[v] = leg;
  }
}

/**
 * The `OTHER_PAIRS` widest positive spreads after the best pair (`bestLong`/`bestShort`, which
 * `bestSpread` chose), widest first; equal spreads keep the venues' order, so the answer is a
 * function of the legs alone.
 */
export function otherPairs(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId, fees: TakerFees, holdingDays: number): VenuePair[] {
  venueExtremes(fresh);
  let first: [Leg, Leg] | null = null, second: [Leg, Leg] | null = null;
  let firstSpread = 0, secondSpread = 0;
  for (let l = 0; l < lows.length; l++) {
    const long = lows[l];
    if (!long) continue;
    for (let s = 0; s < highs.length; s++) {
      const short = highs[s];
      if (!short || s === l || (long.venue === bestLong && short.venue === bestShort)) continue;
      const spread = short.ratePer8h - long.ratePer8h;
      if (first === null || spread > firstSpread) {
        second = first; secondSpread = firstSpread;
        first = [long, short]; firstSpread = spread;
      } else if (second === null || spread > secondSpread) {
        second = [long, short]; secondSpread = spread;
      }
    }
  }
  const out: VenuePair[] = [];
  if (first && firstSpread > 0) out.push(venuePair(first[0], first[1], fees, holdingDays));
  if (second && secondSpread > 0) out.push(venuePair(second[0], second[1], fees, holdingDays));
  return out;
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
