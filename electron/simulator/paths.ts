/**
 * The stochastic paths behind the market, on an hourly grid grown lazily as simulated time
 * advances: log prices driven by market, sector and idiosyncratic shocks, and premium-index
 * components (sector regime, per-asset, per-venue) that mean-revert. Every knot is a pure
 * function of (seed, stream, hour), so values never depend on the order of queries.
 * Between knots prices follow a seeded Brownian bridge at minute resolution.
 */
import { noise, stringId, uniformAt } from './random.ts';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/**
 * A series sampled every hour from `originHour`; `next(prev, hourIndex)` extends it. Keeps the
 * running integral of its linear interpolation, so a period mean costs O(1) at any length.
 */
export class HourlySeries {
  private values: Float64Array;
  private integral: Float64Array;
  private length = 1;
  private readonly originHour: number;
  private readonly next: (prev: number, index: number) => number;

  constructor(originHour: number, initial: number, next: (prev: number, index: number) => number) {
    this.originHour = originHour;
    this.next = next;
    this.values = new Float64Array(256);
    this.integral = new Float64Array(256);
    this.values[0] = initial;
  }

  /** Value at knot `index` (hours since origin); negative indices clamp to the origin. */
  knot(index: number): number {
    if (index <= 0) return this.values[0];
    if (index >= this.length) this.grow(index);
    return this.values[index];
  }

  /** Linear interpolation between knots at a time in ms. */
  at(time: number): number {
    const x = time / HOUR - this.originHour;
    const k = Math.floor(x);
    const a = this.knot(k);
    return a + (this.knot(k + 1) - a) * (x - k);
  }

  /** Time-weighted mean over [from, to] of the interpolated series. */
  mean(from: number, to: number): number {
    if (to <= from) return this.at(to);
    return (this.integralAt(to) - this.integralAt(from)) / ((to - from) / HOUR);
  }

  /** ∫ from the origin to `time` (in hours × value). */
  private integralAt(time: number): number {
    const x = Math.max(0, time / HOUR - this.originHour);
    const k = Math.floor(x);
    const f = x - k;
    const a = this.knot(k);
    const b = this.knot(k + 1);
    return this.integral[k] + f * a + (f * f * (b - a)) / 2;
  }

  private grow(index: number): void {
    if (index >= this.values.length) {
      const size = Math.max(index + 1, this.values.length * 2);
      const values = new Float64Array(size);
      const integral = new Float64Array(size);
      values.set(this.values.subarray(0, this.length));
      integral.set(this.integral.subarray(0, this.length));
      this.values = values;
      this.integral = integral;
    }
    for (let i = this.length; i <= index; i++) {
      this.values[i] = this.next(this.values[i - 1], i - 1);
      this.integral[i] = this.integral[i - 1] + (this.values[i - 1] + this.values[i]) / 2;
    }
    this.length = index + 1;
  }
}

/**
 * A mean-reverting (Ornstein–Uhlenbeck) step with occasional jumps, and rarer squeezes: a
 * crowded side pushes the premium by `squeeze` (min…max, either sign, more often negative),
 * which then decays like any deviation — how small caps reach their funding caps.
 */
export function ouStep(opts: {
  seed: number; stream: number; mean: number; halfLifeHours: number; sd: number;
  jumpPerHour?: number; jumpSize?: number; squeezePerHour?: number; squeeze?: [number, number];
}) {
  const theta = 1 - Math.pow(0.5, 1 / opts.halfLifeHours);
  const shock = opts.sd * Math.sqrt(1 - (1 - theta) ** 2);
  return (prev: number, index: number): number => {
    let value = prev + theta * (opts.mean - prev) + shock * noise(opts.seed, opts.stream, index);
    if (opts.jumpPerHour && uniformAt(opts.seed, opts.stream ^ 0x5bd1e995, index) < opts.jumpPerHour) {
      value += (opts.jumpSize ?? 0) * noise(opts.seed, opts.stream ^ 0x1b873593, index);
    }
    if (opts.squeezePerHour && opts.squeeze && uniformAt(opts.seed, opts.stream ^ 0x27d4eb2f, index) < opts.squeezePerHour) {
      const [min, max] = opts.squeeze;
      const size = min + (max - min) * uniformAt(opts.seed, opts.stream ^ 0x165667b1, index);
      value += uniformAt(opts.seed, opts.stream ^ 0x61c88647, index) < 0.65 ? -size : size;
    }
    return value;
  };
}

/** Log-price path of one asset with its minute-level bridge inside each hour. */
export class PricePath {
  private readonly series: HourlySeries;
  private readonly seed: number;
  private readonly stream: number;
  private readonly minuteSd: number;
  private readonly originHour: number;
  /** Bridges of the few hours asked for recently (now, 24 h ago …), newest last. */
  private readonly bridges = new Map<number, Float64Array>();
  private offset = 0;
  private readonly shifts: Array<{ from: number; shift: number }> = [];

  constructor(opts: { seed: number; base: string; /** Market and sector shock of hour `index`, shared by the sector's assets. */
    shocks: (index: number) => number; originHour: number; hourlySd: number; anchorTime: number; anchorPrice: number }) {
    this.seed = opts.seed;
    this.stream = stringId(`price:${opts.base}`);
    this.originHour = opts.originHour;
    this.minuteSd = opts.hourlySd / Math.sqrt(60);
    const sd = opts.hourlySd;
    const shared = opts.shocks;
    this.series = new HourlySeries(opts.originHour, 0, (prev, i) => prev + sd * (shared(i) + 0.66 * noise(opts.seed, this.stream, i)));
    this.offset = Math.log(opts.anchorPrice) - this.series.at(opts.anchorTime);
  }

  price(time: number): number {
    return Math.exp(this.series.at(time) + this.offset + this.bridgeAt(time) + this.shiftAt(time));
  }

  /** From `time` on, prices are scaled so that price(time) = target. */
  setPrice(time: number, target: number): void {
    const shift = Math.log(target) - Math.log(this.price(time)) + this.shiftAt(time);
    this.shifts.push({ from: time, shift });
  }

  private shiftAt(time: number): number {
    for (let i = this.shifts.length - 1; i >= 0; i--) if (this.shifts[i].from <= time) return this.shifts[i].shift;
    return 0;
  }

  private bridgeAt(time: number): number {
    if (time % HOUR === 0) return 0;
    const hour = Math.floor(time / HOUR);
    const bridge = this.bridges.get(hour) ?? this.fillBridge(hour);
    const x = (time - hour * HOUR) / MINUTE;
    const m = Math.floor(x);
    const a = bridge[m];
    return a + ((bridge[Math.min(60, m + 1)] - a) * (x - m));
  }

  private fillBridge(hour: number): Float64Array {
    const bridge = new Float64Array(61);
    const first = (hour - this.originHour) * 60;
    let sum = 0;
    for (let m = 1; m <= 60; m++) {
      sum += noise(this.seed, this.stream ^ 0x2545f491, first + m);
      bridge[m] = sum;
    }
    for (let m = 0; m <= 60; m++) bridge[m] = this.minuteSd * (bridge[m] - (m / 60) * sum);
    if (this.bridges.size >= 4) this.bridges.delete(this.bridges.keys().next().value!);
    this.bridges.set(hour, bridge);
    return bridge;
  }
}

/** Shared shocks of a sector's assets: 0.6 × market + 0.45 × sector draw per hour, computed once. */
export class SharedShocks {
  private values = new Float64Array(1024);
  private length = 0;
  private readonly seed: number;
  private readonly market: number;
  private readonly sector: number;

  constructor(seed: number, sector: string) {
    this.seed = seed;
    this.market = stringId('price:market');
    this.sector = stringId(`price:sector:${sector}`);
  }

  at(index: number): number {
    if (index >= this.length) this.grow(index);
    return this.values[index];
  }

  private grow(index: number): void {
    if (index >= this.values.length) {
      const bigger = new Float64Array(Math.max(index + 1, this.values.length * 2));
      bigger.set(this.values.subarray(0, this.length));
      this.values = bigger;
    }
    for (let i = this.length; i <= index; i++) this.values[i] = 0.6 * noise(this.seed, this.market, i) + 0.45 * noise(this.seed, this.sector, i);
    this.length = index + 1;
  }
}
