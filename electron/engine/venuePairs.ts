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

/**
 * The `OTHER_PAIRS` widest positive spreads after the best pair (`bestLong`/`bestShort`, which
 * `bestSpread` chose), widest first; equal spreads keep the venues' order, so the answer is a
 * function of the legs alone.
 */
export function otherPairs(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId, fees: TakerFees, holdingDays: number): VenuePair[] {
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
  const out: VenuePair[] = [];
  if (firstLong && firstSpread > 0) out.push(venuePair(firstLong, firstShort!, fees, holdingDays));
  if (secondLong && secondSpread > 0) out.push(venuePair(secondLong, secondShort!, fees, holdingDays));
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
  private bestLong: VenueId | null = null;
  private bestShort: VenueId | null = null;
  private pairs: VenuePair[] = [];

  get(fresh: readonly Leg[], bestLong: VenueId, bestShort: VenueId, fees: TakerFees, holdingDays: number): VenuePair[] {
    if (fees !== this.fees || holdingDays !== this.holdingDays || bestLong !== this.bestLong || bestShort !== this.bestShort || !sameRefs(fresh, this.legs)) {
      this.pairs = otherPairs(fresh, bestLong, bestShort, fees, holdingDays);
      this.legs = fresh.slice();
      this.fees = fees;
      this.holdingDays = holdingDays;
      this.bestLong = bestLong;
      this.bestShort = bestShort;
    }
    return this.pairs;
  }
}

function sameRefs(a: readonly Leg[], b: readonly Leg[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
