import type { AssetHistory } from './sectors.ts';

const INITIAL_CAPACITY = 64;

/**
 * One asset's sector-state history as growable, chronologically ordered columns, handed to
 * `computeSectorState` as subarray views (no copy per tick). The front holds the seeded 4-h
 * closes (prices only) from before live sampling began; live samples (funding, price, open
 * interest) follow, at most one per `sampleMs` bucket.
 */
export class SectorSeries {
  readonly base: string;
  private times = new Float64Array(INITIAL_CAPACITY);
  private funding = new Float64Array(INITIAL_CAPACITY);
  private price = new Float64Array(INITIAL_CAPACITY);
  private oi = new Float64Array(INITIAL_CAPACITY);
  private start = 0;
  private end = 0;
  /** Rows at the front that came from a price seed, not from live sampling. */
  private seeded = 0;
  /** Bumped when rows other than the newest are removed or rewritten (see `AssetHistory.version`). */
  private version = 0;
  /** The views handed out last, valid until a row is added or removed (a rewrite in place keeps them). */
  private view: AssetHistory | null = null;

  constructor(base: string) {
    this.base = base;
  }

  get length(): number {
    return this.end - this.start;
  }

  /** A live sample; a second one in the same bucket replaces the first. */
  record(time: number, sampleMs: number, funding: number, price: number, oi: number): void {
    const last = this.end - 1;
    if (this.length > 0 && time < this.times[last]) return;
    const sameBucket = this.length > this.seeded && Math.floor(this.times[last] / sampleMs) === Math.floor(time / sampleMs);
    if (!sameBucket) this.reserve(1);
    if (!sameBucket) this.view = null;
    const i = sameBucket ? last : this.end++;
    this.times[i] = time;
    this.funding[i] = funding;
    this.price[i] = price;
    this.oi[i] = oi;
  }

  /**
   * Replaces the seeded prefix with `closes` at `times` (ascending), keeping only those before
   * the first live sample: live marks win where both exist.
   */
  seed(times: ArrayLike<number>, closes: ArrayLike<number>): void {
    const firstLive = this.length > this.seeded ? this.times[this.start + this.seeded] : Number.POSITIVE_INFINITY;
    let n = 0;
    while (n < times.length && times[n] < firstLive) n++;
    const liveFrom = this.start + this.seeded;
    const live = this.end - liveFrom;
    const next = new SectorSeries(this.base);
    next.reserve(n + live + INITIAL_CAPACITY);
    for (let k = 0; k < n; k++) next.put(times[k], Number.NaN, closes[k], Number.NaN);
    for (let k = liveFrom; k < this.end; k++) next.put(this.times[k], this.funding[k], this.price[k], this.oi[k]);
    this.adopt(next, n);
  }

  /** Drops rows older than `before`, keeping the newest of them (it is the value in force at `before`). */
  prune(before: number): void {
    let drop = 0;
    while (this.start + drop + 1 < this.end && this.times[this.start + drop + 1] <= before) drop++;
    this.start += drop;
    this.seeded = Math.max(0, this.seeded - drop);
    if (drop > 0) {
      this.version++;
      this.view = null;
    }
  }

  history(): AssetHistory {
    return this.view ??= {
      base: this.base,
      times: this.times.subarray(this.start, this.end),
      fundingPer8h: this.funding.subarray(this.start, this.end),
      price: this.price.subarray(this.start, this.end),
      openInterestUsd: this.oi.subarray(this.start, this.end),
      version: this.version,
    };
  }

  private put(time: number, funding: number, price: number, oi: number): void {
    const i = this.end++;
    this.times[i] = time;
    this.funding[i] = funding;
    this.price[i] = price;
    this.oi[i] = oi;
  }

  private adopt(other: SectorSeries, seeded: number): void {
    this.times = other.times;
    this.funding = other.funding;
    this.price = other.price;
    this.oi = other.oi;
    this.start = other.start;
    this.end = other.end;
    this.seeded = seeded;
    this.version++;
    this.view = null;
  }

  /** Room for `extra` rows at the end: compacts (pruned rows leave space at the front) or grows. */
  private reserve(extra: number): void {
    if (this.end + extra <= this.times.length) return;
    const length = this.length;
    const capacity = Math.max(INITIAL_CAPACITY, length + extra <= this.times.length / 2 ? this.times.length : (length + extra) * 2);
    const move = (column: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(column.subarray(this.start, this.end));
      return next;
    };
    this.times = move(this.times);
    this.funding = move(this.funding);
    this.price = move(this.price);
    this.oi = move(this.oi);
    this.start = 0;
    this.end = length;
    this.view = null;
  }
}
