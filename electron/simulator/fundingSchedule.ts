/**
 * One instrument's funding settlements: computes each settlement's rate from the venue
 * formula, records it, and moves the interval the way Binance and Bybit do (to 1 h after a
 * settlement at the cap, back to the usual interval after a day off the cap). Advanced lazily
 * to the current time; the result depends only on the rate function and the control actions.
 */
import type { SimSettlement } from './types.ts';
import { HOUR } from './paths.ts';

export interface ScheduleRules {
  baseIntervalHours: number;
  cap: number;
  floor: number;
  /** Whether a settlement at the cap moves the symbol to 1 h (binance, bybit). */
  switchesOnCap: boolean;
}

/** Rate for the period (start, end], as the venue would settle it at `end`, evaluated at `asOf`. */
export type PeriodRate = (start: number, end: number, asOf: number, intervalHours: number) => number;

const DAY = 24 * HOUR;

export function nextBoundary(after: number, intervalHours: number): number {
  const step = intervalHours * HOUR;
  return (Math.floor(after / step) + 1) * step;
}

/** Rounds a rate to the 8 decimals venues publish, so that published and credited rates agree. */
export function roundRate(rate: number): number {
  return Math.round(rate * 1e8) / 1e8;
}

export class FundingSchedule {
  intervalHours: number;
  nextFundingTime: number;
  private baseIntervalHours: number;
  private capHitAt = Number.NEGATIVE_INFINITY;
  private readonly times: number[] = [];
  private readonly rates: number[] = [];
  private readonly marks: number[] = [];
  private readonly intervals: number[] = [];
  private readonly rules: ScheduleRules;
  private readonly rate: PeriodRate;
  private readonly markAt: (time: number) => number;
  private overrideRate: number | null = null;
  private listeners: Array<(settlement: SimSettlement) => void> = [];

  constructor(opts: { rules: ScheduleRules; historyStart: number; rate: PeriodRate; markAt: (time: number) => number }) {
    this.rules = opts.rules;
    this.rate = opts.rate;
    this.markAt = opts.markAt;
    this.baseIntervalHours = opts.rules.baseIntervalHours;
    this.intervalHours = this.baseIntervalHours;
    this.nextFundingTime = nextBoundary(opts.historyStart, this.intervalHours);
  }

  /** Settles every period that ended at or before `now`. */
  advance(now: number): void {
    while (this.nextFundingTime <= now) this.settle(this.nextFundingTime);
  }

  /** The rate the running period would settle at if it ended at `now`. */
  currentRate(now: number): number {
    if (this.overrideRate !== null) return this.overrideRate;
    return this.clamp(this.rate(this.nextFundingTime - this.intervalHours * HOUR, this.nextFundingTime, now, this.intervalHours));
  }

  lastSettledRate(): number {
    return this.rates.length ? this.rates[this.rates.length - 1] : 0;
  }

  /** Holds the rate at `rate` (decimal per interval) until cleared with null. */
  setRate(rate: number | null): void {
    this.overrideRate = rate === null ? null : roundRate(rate);
  }

  /** From `now`, settles every `hours` hours on UTC boundaries. */
  setInterval(now: number, hours: number): void {
    this.baseIntervalHours = hours;
    this.intervalHours = hours;
    this.capHitAt = Number.NEGATIVE_INFINITY;
    this.nextFundingTime = nextBoundary(now, hours);
  }

  /** Called after each settlement recorded from now on. */
  onSettle(listener: (settlement: SimSettlement) => void): void {
    this.listeners.push(listener);
  }

  history(opts: { since?: number; until?: number; limit?: number } = {}): SimSettlement[] {
    const since = opts.since ?? Number.NEGATIVE_INFINITY;
    const until = opts.until ?? Number.POSITIVE_INFINITY;
    let lo = lowerBound(this.times, since);
    let hi = lowerBound(this.times, until + 1);
    if (opts.limit !== undefined && hi - lo > opts.limit) {
      if (opts.since === undefined) lo = hi - opts.limit;
      else hi = lo + opts.limit;
    }
    const out: SimSettlement[] = [];
    for (let i = lo; i < hi; i++) out.push({ time: this.times[i], rate: this.rates[i], intervalHours: this.intervals[i], markPrice: this.marks[i] });
    return out;
  }

  private clamp(rate: number): number {
    return roundRate(Math.min(this.rules.cap, Math.max(this.rules.floor, rate)));
  }

  private settle(time: number): void {
    const rate = this.overrideRate ?? this.clamp(this.rate(time - this.intervalHours * HOUR, time, time, this.intervalHours));
    const settlement = { time, rate, intervalHours: this.intervalHours, markPrice: this.markAt(time) };
    this.times.push(time);
    this.rates.push(rate);
    this.marks.push(settlement.markPrice);
    this.intervals.push(this.intervalHours);
    this.moveInterval(time, rate);
    for (const listener of this.listeners) listener(settlement);
  }

  private moveInterval(time: number, rate: number): void {
    const atCap = rate >= this.rules.cap || rate <= this.rules.floor;
    if (this.rules.switchesOnCap && atCap) {
      this.capHitAt = time;
      this.intervalHours = 1;
    } else if (this.intervalHours !== this.baseIntervalHours && time - this.capHitAt >= DAY) {
      this.intervalHours = this.baseIntervalHours;
      this.nextFundingTime = nextBoundary(time, this.intervalHours);
      return;
    }
    this.nextFundingTime = time + this.intervalHours * HOUR;
  }
}

function lowerBound(values: number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
