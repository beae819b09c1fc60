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
export const VENUE_INDEX = new Map<VenueId, number>(VENUE_IDS.map((v, i) => [v, i]));

/**
 * Each venue's lowest- and highest-rate fresh leg by venue index (the first in leg order on a
 * tie), their rates and their positions (slots of the asset group's columns, or indices in the
 * legs they were read from). One is reused between calls (the engine is single-threaded).
 */
export class VenueExtremes {
  readonly lows: (Leg | null)[] = VENUE_IDS.map(() => null);
  readonly highs: (Leg | null)[] = VENUE_IDS.map(() => null);
  readonly lowRates = new Float64Array(VENUE_IDS.length);
  readonly highRates = new Float64Array(VENUE_IDS.length);
  readonly lowAt = new Int32Array(VENUE_IDS.length);
  readonly highAt = new Int32Array(VENUE_IDS.length);

  /** From legs (the fresh ones, in leg order). */
  fromLegs(fresh: readonly Leg[]): void {
    this.clear();
    for (let i = 0; i < fresh.length; i++) this.meet(fresh[i], VENUE_INDEX.get(fresh[i].venue)!, fresh[i].ratePer8h, i);
  }

  clear(): void {
    this.lows.fill(null);
    this.highs.fill(null);
  }

  /** `leg` at position `at`, on venue index `v` with per-8 h rate `rate`; legs are met in leg order. */
  meet(leg: Leg, v: number, rate: number, at: number): void {
    if (this.lows[v] === null) {
      this.lows[v] = this.highs[v] = leg;
      this.lowRates[v] = this.highRates[v] = rate;
      this.lowAt[v] = this.highAt[v] = at;
      return;
    }
    if (rate < this.lowRates[v]) { this.lows[v] = leg; this.lowRates[v] = rate; this.lowAt[v] = at; }
    if (rate > this.highRates[v]) { this.highs[v] = leg; this.highRates[v] = rate; this.highAt[v] = at; }
  }

  /** The venue (index) of the lowest low, the first in leg order on a tie, `except` left out; -1 for none. */
  lowest(except: number): number {
    let best = -1;
    for (let v = 0; v < this.lows.length; v++) {
      if (this.lows[v] === null || v === except) continue;
      if (best < 0 || this.lowRates[v] < this.lowRates[best] || (this.lowRates[v] === this.lowRates[best] && this.lowAt[v] < this.lowAt[best])) best = v;
    }
    return best;
  }

  /** The venue (index) of the highest high, the first in leg order on a tie, `except` left out; -1 for none. */
  highest(except: number): number {
    let best = -1;
    for (let v = 0; v < this.highs.length; v++) {
      if (this.highs[v] === null || v === except) continue;
      if (best < 0 || this.highRates[v] > this.highRates[best] || (this.highRates[v] === this.highRates[best] && this.highAt[v] < this.highAt[best])) best = v;
    }
    return best;
  }
}

/** The one the engine fills per row (`AssetGroup.bestPair`) and the other pairs are chosen from. */
export const rowExtremes = new VenueExtremes();

/** The legs of the pairs `selectOtherPairs` chose: long, short of the first, then of the second (reused between calls). */
const chosen: (Leg | null)[] = [null, null, null, null];

/**
 * Chooses the `OTHER_PAIRS` widest positive spreads after the best pair (`bestLong`/`bestShort`,
 * which `bestSpread` chose), widest first, into `chosen`; equal spreads keep the venues' order
 * (pairs are met long venue first, then short venue, in venue order, and only a wider one
 * displaces), so the answer is a function of the legs alone. Every pair of a venue's low and
 * another's high is met: v × (v − 1) subtractions over two typed arrays, no leg read. Returns how many there are.
 */
function selectOtherPairs({ lows, highs, lowRates, highRates }: VenueExtremes, bestLong: VenueId, bestShort: VenueId): number {
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

  /** `extremes`: the fresh legs' venue extremes when the caller has them already (else read from `fresh`). */
  get(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId, fees: TakerFees, holdingDays: number, extremes?: VenueExtremes): VenuePair[] {
    if (fees === this.fees && holdingDays === this.holdingDays && bestLong === this.bestLong && bestShort === this.bestShort && sameRefs(fresh, this.legs)) return this.pairs;
    const reuse = fees === this.fees && holdingDays === this.holdingDays;
    if (!extremes) (extremes = rowExtremes).fromLegs(fresh);
    const n = selectOtherPairs(extremes, bestLong, bestShort);
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
