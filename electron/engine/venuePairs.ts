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

/** The 2nd and 3rd: the monitor's expandable row (`PairsMemo` keeps the two widest). */
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

/** Venue index of each venue id (a `Map`: one keyed load per leg on an object with eleven names was the scan's largest cost). */
const VENUE_INDEX = new Map<VenueId, number>(VENUE_IDS.map((v, i) => [v, i]));
/** Each venue's lowest- and highest-rate fresh leg by venue index, and their rates; reused between calls (the engine is single-threaded). */
const lows: (Leg | null)[] = VENUE_IDS.map(() => null);
const highs: (Leg | null)[] = VENUE_IDS.map(() => null);
const lowRates = new Float64Array(VENUE_IDS.length);
const highRates = new Float64Array(VENUE_IDS.length);

function venueExtremes(fresh: readonly Leg[]): void {
  lows.fill(null);
  highs.fill(null);
  for (const leg of fresh) {
    const v = VENUE_INDEX.get(leg.venue)!;
    const rate = leg.ratePer8h;
    if (lows[v] === null) {
      lows[v] = highs[v] = leg;
      lowRates[v] = highRates[v] = rate;
      continue;
    }
    if (rate < lowRates[v]) { lows[v] = leg; lowRates[v] = rate; }
    if (rate > highRates[v]) { highs[v] = leg; highRates[v] = rate; }
  }
}

/** The legs of the pairs `selectOtherPairs` chose: long, short of the first, then of the second (reused between calls). */
const chosen: (Leg | null)[] = [null, null, null, null];

/**
 * Chooses the `OTHER_PAIRS` widest positive spreads after the best pair (`bestLong`/`bestShort`,
 * which `bestSpread` chose), widest first, into `chosen`; equal spreads keep the venues' order
 * (pairs are met long venue first, then short venue, in venue order, and only a wider one
 * displaces), so the answer is a function of the legs alone. Every pair of a venue's low and
 * another's high is met: v × (v − 1) subtractions over two typed arrays, no leg read. Returns how many there are.
 */
function selectOtherPairs(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId): number {
  venueExtremes(fresh);
  const bl = VENUE_INDEX.get(bestLong)!, bs = VENUE_INDEX.get(bestShort)!;
  let firstLong = -1, firstShort = -1, secondLong = -1, secondShort = -1;
  let firstSpread = 0, secondSpread = 0;
  for (let l = 0; l < lows.length; l++) {
    if (lows[l] === null) continue;
    const low = lowRates[l];
    for (let s = 0; s < highs.length; s++) {
      // Only positive spreads are kept, so one at or below the second so far cannot enter.
      const spread = highRates[s] - low;
      if (!(spread > secondSpread) || s === l || highs[s] === null || (l === bl && s === bs)) continue;
      if (spread > firstSpread) {
        secondLong = firstLong; secondShort = firstShort; secondSpread = firstSpread;
        firstLong = l; firstShort = s; firstSpread = spread;
      } else {
        secondLong = l; secondShort = s; secondSpread = spread;
      }
    }
  }
  let n = 0;
  if (firstLong >= 0) { chosen[0] = lows[firstLong]; chosen[1] = highs[firstShort]; n++; }
  if (secondLong >= 0) { chosen[2 * n] = lows[secondLong]; chosen[2 * n + 1] = highs[secondShort]; n++; }
  return n;
}

/**
 * The row's other pairs kept while its fresh legs are the same objects (a leg is rebuilt only
 * when its quote or its staleness changes) under the same fees and holding period: a venue
 * poll or a recompute within the minute re-reads most assets unchanged (the bench's full
 * recompute spent a third of its time here before). When the legs changed, a chosen pair whose
 * two legs are the ones it was built from is kept as it was, and so is the whole list when every
 * pair is: a poll of one venue leaves the pairs between the others alone.
 */
export class PairsMemo {
  private legs: readonly Leg[] = [];
  private fees: TakerFees | null = null;
  private holdingDays = Number.NaN;
  private bestLong: VenueId | null = null;
  private bestShort: VenueId | null = null;
  private pairs: VenuePair[] = [];
  /** Long and short leg of each of `pairs`. */
  private pairLegs: Leg[] = [];

  get(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId, fees: TakerFees, holdingDays: number): VenuePair[] {
    if (fees === this.fees && holdingDays === this.holdingDays && bestLong === this.bestLong && bestShort === this.bestShort && sameRefs(fresh, this.legs)) return this.pairs;
    const reuse = fees === this.fees && holdingDays === this.holdingDays;
    const n = selectOtherPairs(fresh, bestLong, bestShort);
    let same = n === this.pairs.length;
    for (let i = 0; same && i < n; i++) same = reuse && this.pairLegs[2 * i] === chosen[2 * i] && this.pairLegs[2 * i + 1] === chosen[2 * i + 1];
    if (!same) {
      const pairs: VenuePair[] = [];
      const pairLegs: Leg[] = [];
      for (let i = 0; i < n; i++) {
        const long = chosen[2 * i]!, short = chosen[2 * i + 1]!;
        pairs.push((reuse ? this.keptPair(long, short) : null) ?? venuePair(long, short, fees, holdingDays));
        pairLegs.push(long, short);
      }
      this.pairs = pairs;
      this.pairLegs = pairLegs;
    }
    // Legs arrays are never written once built (`AssetGroup.legsAt` builds a new one per call).
    this.legs = fresh;
    this.fees = fees;
    this.holdingDays = holdingDays;
    this.bestLong = bestLong;
    this.bestShort = bestShort;
    return this.pairs;
  }

  private keptPair(long: Leg, short: Leg): VenuePair | null {
    for (let k = 0; k < this.pairs.length; k++) if (this.pairLegs[2 * k] === long && this.pairLegs[2 * k + 1] === short) return this.pairs[k];
    return null;
  }
}

function sameRefs(a: readonly Leg[], b: readonly Leg[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
