/**
 * One asset's basis of its best pair, one sample per minute (the last value of a minute wins),
 * kept per venue pair so a pair that returns finds its own past. The z-score is the present
 * against the earlier samples of the same pair; the seed replays rates only, so it starts after
 * `BASIS_MIN_SAMPLES` live minutes (docs/screens.md, "Monitor").
 */
export const BASIS_MINUTES = 6 * 60;
export const BASIS_MIN_SAMPLES = 30;
/** Pairs remembered per asset: the best pair changes among a few venues. */
const PAIRS_KEPT = 4;

class BasisRing {
  private readonly minutes = new Int32Array(BASIS_MINUTES);
  private readonly values = new Float64Array(BASIS_MINUTES);
  private head = 0;
  private count = 0;
  private sum = 0;
  private sumSq = 0;

  record(minute: number, value: number): void {
    const last = this.count > 0 ? (this.head + this.count - 1) % BASIS_MINUTES : -1;
    if (last >= 0 && minute < this.minutes[last]) return;
    if (last >= 0 && minute === this.minutes[last]) {
      this.replace(last, value);
      return;
    }
    if (this.count === BASIS_MINUTES) {
      this.sum -= this.values[this.head];
      this.sumSq -= this.values[this.head] ** 2;
      this.head = (this.head + 1) % BASIS_MINUTES;
      this.count--;
    }
    const at = (this.head + this.count) % BASIS_MINUTES;
    this.count++;
    this.minutes[at] = minute;
    this.values[at] = 0;
    this.replace(at, value);
  }

  /** The newest sample against the ones before it; null with too few or no spread among them. */
  z(): number | null {
    const n = this.count - 1;
    if (n < BASIS_MIN_SAMPLES) return null;
    const latest = this.values[(this.head + n) % BASIS_MINUTES];
    const mean = (this.sum - latest) / n;
    const variance = (this.sumSq - latest * latest - n * mean * mean) / (n - 1);
    return variance > 1e-18 ? (latest - mean) / Math.sqrt(variance) : null;
  }

  private replace(at: number, value: number): void {
    this.sum += value - this.values[at];
    this.sumSq += value * value - this.values[at] ** 2;
    this.values[at] = value;
  }
}

export class BasisHistory {
  /** Most recently used last. */
  private readonly pairs = new Map<string, BasisRing>();

  private lastLong = '';
  private lastShort = '';
  private last: BasisRing | null = null;

  /** Records the pair's basis for `minute` and returns its z-score. */
  record(longVenue: string, shortVenue: string, minute: number, basis: number): number | null {
    // The best pair rarely changes between calls: no key built, no reordering then.
    if (this.last && longVenue === this.lastLong && shortVenue === this.lastShort) {
      this.last.record(minute, basis);
      return this.last.z();
    }
    const key = `${longVenue}>${shortVenue}`;
    let ring = this.pairs.get(key);
    if (ring) this.pairs.delete(key);
    else {
      ring = new BasisRing();
      if (this.pairs.size >= PAIRS_KEPT) this.pairs.delete(this.pairs.keys().next().value!);
    }
    this.pairs.set(key, ring);
    this.last = ring;
    this.lastLong = longVenue;
    this.lastShort = shortVenue;
    ring.record(minute, basis);
    return ring.z();
  }
}
