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

/** First allocation of a ring: a pair that is best for a few minutes only never needs the 6 h. */
const INITIAL_MINUTES = 16;

/** A ring of up to `BASIS_MINUTES` samples with running sums, grown on demand (a best pair that flickers costs no 6 h arrays). */
class BasisRing {
  private minutes = new Int32Array(INITIAL_MINUTES);
  private values = new Float64Array(INITIAL_MINUTES);
  private head = 0;
  private count = 0;
  private sum = 0;
  private sumSq = 0;

  record(minute: number, value: number): void {
    const size = this.minutes.length;
    const last = this.count > 0 ? (this.head + this.count - 1) % size : -1;
    if (last >= 0 && minute < this.minutes[last]) return;
    if (last >= 0 && minute === this.minutes[last]) {
      this.replace(last, value);
      return;
    }
    if (this.count === this.minutes.length) {
      if (this.count < BASIS_MINUTES) this.grow();
      else {
        this.sum -= this.values[this.head];
        this.sumSq -= this.values[this.head] ** 2;
        this.head = (this.head + 1) % size;
        this.count--;
      }
    }
    const at = (this.head + this.count) % this.minutes.length;
    this.count++;
    this.minutes[at] = minute;
    this.values[at] = 0;
    this.replace(at, value);
  }

  /** The newest sample against the ones before it; null with too few or no spread among them. */
  z(): number | null {
    const n = this.count - 1;
    if (n < BASIS_MIN_SAMPLES) return null;
    const latest = this.values[(this.head + n) % this.minutes.length];
    const mean = (this.sum - latest) / n;
    const variance = (this.sumSq - latest * latest - n * mean * mean) / (n - 1);
    return variance > 1e-18 ? (latest - mean) / Math.sqrt(variance) : null;
  }

  private replace(at: number, value: number): void {
    this.sum += value - this.values[at];
    this.sumSq += value * value - this.values[at] ** 2;
    this.values[at] = value;
  }

  /** Oldest first into arrays twice as long (at most `BASIS_MINUTES`); the sums are unchanged. */
  private grow(): void {
    const capacity = Math.min(BASIS_MINUTES, this.minutes.length * 2);
    const minutes = new Int32Array(capacity);
    const values = new Float64Array(capacity);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) % this.minutes.length;
      minutes[k] = this.minutes[i];
      values[k] = this.values[i];
    }
    this.minutes = minutes;
    this.values = values;
    this.head = 0;
  }
}

export class BasisHistory {
  /** The last `PAIRS_KEPT` pairs, least recently used first, as "long>short" venue ids. */
  private readonly keys: string[] = [];
  private readonly rings: BasisRing[] = [];
  /** The most recent pair by its venue ids (interned strings: compared by identity, nothing else touched). */
  private lastLong = '';
  private lastShort = '';
  private last: BasisRing | null = null;
  /** The last call's minute, basis and answer: the same basis again within the minute changes nothing. */
  private lastMinute = Number.NaN;
  private lastBasis = Number.NaN;
  private lastZ: number | null = null;

  /** Records the pair's basis for `minute` and returns its z-score. */
  record(longVenue: string, shortVenue: string, minute: number, basis: number): number | null {
    // The best pair rarely changes between calls: no key compared, no reordering then.
    let ring = this.last;
    if (!ring || longVenue !== this.lastLong || shortVenue !== this.lastShort) {
      ring = this.last = this.ringOf(longVenue, shortVenue);
      this.lastLong = longVenue;
      this.lastShort = shortVenue;
    } else if (minute === this.lastMinute && basis === this.lastBasis) {
      // A venue poll recomputes every row listed there; most rows' best pair is elsewhere.
      return this.lastZ;
    }
    ring.record(minute, basis);
    this.lastMinute = minute;
    this.lastBasis = basis;
    return (this.lastZ = ring.z());
  }

  /** The pair's ring, moved to most recently used (created, dropping the least recent, when new). */
  private ringOf(longVenue: string, shortVenue: string): BasisRing {
    let at = 0;
    while (at < this.keys.length && !isPair(this.keys[at], longVenue, shortVenue)) at++;
    let ring: BasisRing;
    let key: string;
    if (at < this.keys.length) {
      [key] = this.keys.splice(at, 1);
      [ring] = this.rings.splice(at, 1);
    } else {
      key = `${longVenue}>${shortVenue}`;
      ring = new BasisRing();
      if (this.keys.length >= PAIRS_KEPT) {
        this.keys.shift();
        this.rings.shift();
      }
    }
    this.keys.push(key);
    this.rings.push(ring);
    return ring;
  }
}

/** Whether `key` ("long>short") names this pair, without building a string. */
function isPair(key: string, longVenue: string, shortVenue: string): boolean {
  return key.length === longVenue.length + 1 + shortVenue.length && key.startsWith(longVenue) && key.charCodeAt(longVenue.length) === 62 && key.endsWith(shortVenue);
}
