import { regimeOf, type Regime } from '../../shared/funding/regime.ts';

const MINUTE_MS = 60_000;
/** 25 h of one-minute samples: the 24-h velocity needs a sample at least 24 h old. */
export const HISTORY_MINUTES = 25 * 60;
const INITIAL_CAPACITY = 64;

export function minuteOf(time: number): number {
  return Math.floor(time / MINUTE_MS);
}

function isExtreme(regime: Regime): boolean {
  return regime === 'extreme-bull' || regime === 'extreme-bear';
}

/**
 * One asset's mean per-8 h rate, one sample per minute (the last value seen in that minute
 * wins), in a ring that grows on demand up to `HISTORY_MINUTES`. Each sample also stores the
 * minute its extreme-regime run began, so persistence is O(1) and velocity a binary search.
 */
export class RateHistory {
  private minutes = new Int32Array(INITIAL_CAPACITY);
  private values = new Float64Array(INITIAL_CAPACITY);
  private runStarts = new Int32Array(INITIAL_CAPACITY);
  private head = 0; // physical index of the oldest sample
  private count = 0;
  private readonly maxCapacity: number;

  constructor(maxCapacity = HISTORY_MINUTES) {
    this.maxCapacity = maxCapacity;
  }

  get size(): number {
    return this.count;
  }

  /** Records `value` for `minute`; older minutes than the newest sample are ignored. */
  record(minute: number, value: number): void {
    if (this.count > 0) {
      const last = this.minutes[this.at(this.count - 1)];
      if (minute < last) return;
      if (minute === last) {
        this.write(this.count - 1, minute, value);
        return;
      }
    }
    if (this.count === this.minutes.length) {
      if (this.count < this.maxCapacity) this.grow();
      else {
        this.head = (this.head + 1) % this.minutes.length;
        this.count--;
      }
    }
    this.count++;
    this.write(this.count - 1, minute, value);
  }

  /**
   * Puts `older`'s samples from before this history's oldest one in front of it (a seed replayed
   * after live samples began: live minutes win), recomputing the extreme-regime runs across both.
   */
  seedFrom(older: RateHistory): void {
    const firstLive = this.count > 0 ? this.minutes[this.at(0)] : Number.POSITIVE_INFINITY;
    const merged = new RateHistory(this.maxCapacity);
    for (let k = 0; k < older.count; k++) {
      const i = older.at(k);
      if (older.minutes[i] < firstLive) merged.record(older.minutes[i], older.values[i]);
    }
    for (let k = 0; k < this.count; k++) merged.record(this.minutes[this.at(k)], this.values[this.at(k)]);
    this.minutes = merged.minutes;
    this.values = merged.values;
    this.runStarts = merged.runStarts;
    this.head = merged.head;
    this.count = merged.count;
  }

  /**
   * Change of the value per hour between the newest sample and the newest one at least
   * `hours` older; null until the history reaches that far back.
   */
  velocity(hours: number): number | null {
    if (this.count < 2) return null;
    const newest = this.count - 1;
    const target = this.minutes[this.at(newest)] - hours * 60;
    const then = this.lastAtOrBefore(target);
    if (then < 0) return null;
    const elapsedHours = (this.minutes[this.at(newest)] - this.minutes[this.at(then)]) / 60;
    return (this.values[this.at(newest)] - this.values[this.at(then)]) / elapsedHours;
  }

  /** Hours the newest sample's extreme regime has lasted; 0 when it is not extreme. */
  persistenceHours(): number {
    if (this.count === 0) return 0;
    const newest = this.at(this.count - 1);
    if (!isExtreme(regimeOf(this.values[newest]))) return 0;
    return (this.minutes[newest] - this.runStarts[newest]) / 60;
  }

  private write(logical: number, minute: number, value: number): void {
    const i = this.at(logical);
    this.minutes[i] = minute;
    this.values[i] = value;
    const regime = regimeOf(value);
    const prev = logical > 0 ? this.at(logical - 1) : -1;
    const continues = prev >= 0 && isExtreme(regime) && regimeOf(this.values[prev]) === regime;
    this.runStarts[i] = continues ? this.runStarts[prev] : minute;
  }

  /** Logical index (0 = oldest) of the newest sample at or before `minute`, or -1. */
  private lastAtOrBefore(minute: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.minutes[this.at(mid)] <= minute) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private at(logical: number): number {
    return (this.head + logical) % this.minutes.length;
  }

  private grow(): void {
    const capacity = Math.min(this.maxCapacity, this.minutes.length * 2);
    const minutes = new Int32Array(capacity);
    const values = new Float64Array(capacity);
    const runStarts = new Int32Array(capacity);
    for (let k = 0; k < this.count; k++) {
      const i = this.at(k);
      minutes[k] = this.minutes[i];
      values[k] = this.values[i];
      runStarts[k] = this.runStarts[i];
    }
    this.minutes = minutes;
    this.values = values;
    this.runStarts = runStarts;
    this.head = 0;
  }
}
