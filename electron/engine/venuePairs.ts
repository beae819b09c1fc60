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
/**
 * Venues whose low (long side) or high (short side) can be in the two widest pairs. A pair that
 * ranks second has at most two rivals it cannot meet (itself on one venue, the excluded best
 * pair), so four better candidates on a side would leave two wider pairs: its long venue is among
 * the four lowest lows and its short venue among the four highest highs (ties by venue index, as
 * the scan meets them). 16 pairs scanned instead of v × (v − 1).
 */
const CANDIDATES = OTHER_PAIRS + 2;
const longs = new Int8Array(CANDIDATES);
const shorts = new Int8Array(CANDIDATES);

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
 * Fills `into` with the venue indices of up to `CANDIDATES` legs of `side` that rank first
 * (lowest rate for lows, highest for highs; ties to the lower venue index), in venue order; returns how many.
 */
function candidates(side: readonly (Leg | null)[], sign: 1 | -1, into: Int8Array): number {
  let n = 0;
  for (let v = 0; v < side.length; v++) {
    const leg = side[v];
    if (!leg) continue;
    const key = sign * leg.ratePer8h;
    // Kept sorted by rank while filling; a later venue ties behind an earlier one.
    let at = n < CANDIDATES ? n : CANDIDATES;
    while (at > 0 && sign * side[into[at - 1]]!.ratePer8h > key) at--;
    if (at >= CANDIDATES) continue;
    for (let k = Math.min(n, CANDIDATES - 1); k > at; k--) into[k] = into[k - 1];
    into[at] = v;
    if (n < CANDIDATES) n++;
  }
  // Back to venue order, the order the scan below meets pairs in (equal spreads: the first met wins).
  for (let i = 1; i < n; i++) {
    const v = into[i];
    let k = i;
    for (; k > 0 && into[k - 1] > v; k--) into[k] = into[k - 1];
    into[k] = v;
  }
  return n;
}

/** The legs of the pairs `selectOtherPairs` chose: long, short of the first, then of the second (reused between calls). */
const chosen: (Leg | null)[] = [null, null, null, null];

/**
 * Chooses the `OTHER_PAIRS` widest positive spreads after the best pair (`bestLong`/`bestShort`,
 * which `bestSpread` chose), widest first, into `chosen`; equal spreads keep the venues' order,
 * so the answer is a function of the legs alone. Returns how many there are.
 */
function selectOtherPairs(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId): number {
  venueExtremes(fresh);
  const nLong = candidates(lows, 1, longs);
  const nShort = candidates(highs, -1, shorts);
  let firstLong: Leg | null = null, firstShort: Leg | null = null, secondLong: Leg | null = null, secondShort: Leg | null = null;
  let firstSpread = 0, secondSpread = 0;
  for (let i = 0; i < nLong; i++) {
    const l = longs[i];
    const long = lows[l]!;
    for (let j = 0; j < nShort; j++) {
      const s = shorts[j];
      const short = highs[s]!;
      if (s === l || (long.venue === bestLong && short.venue === bestShort)) continue;
      const spread = short.ratePer8h - long.ratePer8h;
      if (firstLong === null || spread > firstSpread) {
        secondLong = firstLong; secondShort = firstShort; secondSpread = firstSpread;
        firstLong = long; firstShort = short; firstSpread = spread;
      } else if (secondLong === null || spread > secondSpread) {
        secondLong = long; secondShort = short; secondSpread = spread;
      }
    }
  }
  let n = 0;
  if (firstLong && firstSpread > 0) { chosen[0] = firstLong; chosen[1] = firstShort; n++; }
  if (secondLong && secondSpread > 0) { chosen[2 * n] = secondLong; chosen[2 * n + 1] = secondShort; n++; }
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
