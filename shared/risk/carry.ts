/**
 * Expected funding of a position to a planned exit, settlement by settlement, along each leg's
 * OWN schedule (docs/domain.md §1: never assume 8 h). A 1-h leg and an 8-h leg held for 12 h see
 * 12 and 1–2 settlements respectively; summing per-8-h rates × hours would hide that the 8-h
 * leg pays nothing until its settlement comes.
 */
import { nextSettlementAfter } from '../funding/settlements.ts';
import { ratePer8h } from '../funding/normalise.ts';
import { meanDecayFactor, type SpreadDecay } from '../funding/decay.ts';

const HOUR_MS = 3_600_000;
/** How far ahead break-even is searched, by the monitor and the ticket alike; beyond a month a trade is not worth its risk. */
export const BREAK_EVEN_HORIZON_MS = 30 * 24 * HOUR_MS;

export interface FundingLeg {
  side: 'buy' | 'sell';
  /** Base units. */
  quantity: number;
  price: number;
  /** Decimal rate per the leg's own interval now (the path to the exit is `SpreadDecay`'s). */
  rate: number;
  intervalHours: number;
  /** The venue's announced next settlement; the UTC-aligned one after `now` when unknown. */
  nextFundingTime: number | null;
}

/** True when the leg's next settlement, at its current rate, takes money from the position. */
export function legPays(leg: Pick<FundingLeg, 'side' | 'rate'>): boolean {
  return leg.side === 'buy' ? leg.rate > 0 : leg.rate < 0;
}

export interface LegCarry {
  settlements: number;
  amount: number;
}

/** What the legs receive per 8 h together now: short rates minus long rates (the pair's spread). */
export function receivedPer8h(legs: readonly FundingLeg[]): number {
  return legs.reduce((sum, leg) => sum + (leg.side === 'sell' ? 1 : -1) * ratePer8h(leg.rate, leg.intervalHours), 0);
}

/**
 * One leg's expected settlements in time order when the pair's spread follows `decay` from
 * today's value. The change of the spread is shared equally by the perp legs (the short's rate
 * rises by half of it, the long's falls by half; a single perp leg carries all of it), and each
 * settlement pays its leg's rate averaged over its own interval before it, clipped at now
 * (docs/domain.md §1): an 8-h leg waits for its settlement, a 1-h leg is paid every hour along
 * the path. After the first settlement every interval is whole, so the decay factor advances by
 * one multiplication per settlement, and the payments to an exit sum as a geometric series.
 */
class LegPath {
  time: number;
  /** φ^(start of the current interval / 8 h), once the intervals are whole. */
  private factor = Number.NaN;
  private readonly step: number;
  private readonly hours: number;
  private readonly stepFactor: number;
  private readonly wholeMean: number;
  /** Payment at a decay factor f: base + slope × f. */
  private readonly base: number;
  private readonly slope: number;
  private readonly phi: number;
  private readonly now: number;

  constructor(leg: FundingLeg, perpLegs: number, decay: SpreadDecay, spreadNow: number, now: number) {
    this.phi = decay.phi;
    this.now = now;
    const side = leg.side === 'sell' ? 1 : -1;
    this.hours = leg.intervalHours;
    this.step = leg.intervalHours * HOUR_MS;
    this.time = leg.nextFundingTime !== null && leg.nextFundingTime > now ? leg.nextFundingTime : nextSettlementAfter(now, leg.intervalHours);
    this.stepFactor = decay.phi ** (this.hours / 8);
    this.wholeMean = meanDecayFactor(decay.phi, 0, this.hours);
    // rate(F) = rate + side × (level + (spread − level) F − spread) × h / (8 n); payment = side × q × p × rate(F).
    const share = this.hours / (8 * perpLegs);
    const excess = spreadNow - decay.levelPer8h;
    this.base = side * leg.quantity * leg.price * (leg.rate - side * excess * share);
    this.slope = leg.quantity * leg.price * excess * share;
  }

  /** What the current settlement pays (quote currency, > 0 received). */
  payment(): number {
    const toHours = (this.time - this.now) / HOUR_MS;
    const fromHours = toHours - this.hours;
    if (fromHours < 0) return this.base + this.slope * meanDecayFactor(this.phi, 0, toHours);
    if (Number.isNaN(this.factor)) this.factor = this.phi >= 1 ? 1 : this.phi ** (fromHours / 8);
    return this.base + this.slope * this.factor * this.wholeMean;
  }

  /**
   * The settlements from here (a fresh path: at its first) to `exit` and what they pay together,
   * without walking them: the first on its own when it is clipped at now, the whole intervals
   * after it as one geometric series in the decay factor.
   */
  sumTo(exit: number): LegCarry {
    if (this.time > exit) return { settlements: 0, amount: 0 };
    const settlements = Math.floor((exit - this.time) / this.step) + 1;
    let fromHours = (this.time - this.now) / HOUR_MS - this.hours;
    let whole = settlements;
    let amount = 0;
    if (fromHours < 0) {
      amount = this.payment();
      whole--;
      fromHours += this.hours;
    }
    if (whole === 0) return { settlements, amount };
    const factor = this.phi >= 1 ? 1 : this.phi ** (fromHours / 8);
    const ratio = this.stepFactor;
    const series = ratio === 1 ? whole : (1 - ratio ** whole) / (1 - ratio);
    return { settlements, amount: amount + whole * this.base + this.slope * this.wholeMean * factor * series };
  }

  /** The most any one settlement of this path pays (≥ 0): the first, or whole ones, which move monotonically from the first towards `base`. */
  largestPayment(): number {
    const fromHours = (this.time - this.now) / HOUR_MS - this.hours;
    const firstWhole = fromHours < 0 ? fromHours + this.hours : fromHours;
    const wholeStart = this.base + this.slope * this.wholeMean * (this.phi >= 1 ? 1 : this.phi ** (firstWhole / 8));
    const first = fromHours < 0 ? this.base + this.slope * meanDecayFactor(this.phi, 0, fromHours + this.hours) : wholeStart;
    return Math.max(0, first, wholeStart, this.base);
  }

  /** Settlements per millisecond: with `largestPayment`, how fast the path's receipts can grow at most. */
  get perMs(): number {
    return 1 / this.step;
  }

  /** Moves a fresh path past its settlements up to `until` and returns what they paid together (see `sumTo`). */
  forwardTo(until: number): number {
    const { settlements, amount } = this.sumTo(until);
    this.time += settlements * this.step;
    return amount;
  }

  advance(): void {
    if (!Number.isNaN(this.factor)) this.factor *= this.stepFactor;
    this.time += this.step;
  }

  /** Every payment from here on is the same: the intervals are whole and the excess left is below a millionth of the payment (or held, φ = 1). */
  stationary(): boolean {
    if (Number.isNaN(this.factor)) return false;
    return this.phi >= 1 || Math.abs(this.slope * this.factor) <= 1e-6 * (Math.abs(this.base) + Math.abs(this.slope));
  }

  /** Settlements per `periodMs` (a multiple of the interval). */
  perPeriod(periodMs: number): number {
    return periodMs / this.step;
  }

  skip(periods: number, periodMs: number): void {
    const steps = periods * this.perPeriod(periodMs);
    this.factor *= this.stepFactor ** steps;
    this.time += steps * this.step;
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Once every path is stationary the payments repeat every `period` (the intervals' least common
 * multiple): whole periods are added at once instead of walked, short of where the sum could
 * reach the cost inside one (`swing`: the most a period's receipts add before its payments).
 * Returns the horizon to walk to exactly: one more period when the periods gain nothing.
 */
function skipStationary(paths: readonly LegPath[], collected: number, cost: number, horizon: number): { collected: number; horizon: number } {
  const hours = paths.map((p) => p.perPeriod(HOUR_MS));
  if (!hours.every((h) => Number.isInteger(1 / h))) return { collected, horizon };
  const period = paths.reduce((l, p) => { const h = Math.round(1 / p.perPeriod(HOUR_MS)); return (l * h) / gcd(l, h); }, 1) * HOUR_MS;
  let gain = 0;
  let swing = 0;
  for (const p of paths) {
    const each = p.payment();
    gain += each * p.perPeriod(period);
    if (each > 0) swing += each * p.perPeriod(period);
  }
  const last = Math.max(...paths.map((p) => p.time));
  if (!(gain > 0)) return { collected, horizon: Math.min(horizon, last + period) };
  const periods = Math.min(Math.floor((cost - collected - swing) / gain) - 1, Math.floor((horizon - last) / period));
  if (periods <= 0) return { collected, horizon };
  for (const p of paths) p.skip(periods, period);
  return { collected: collected + periods * gain, horizon };
}

/** The legs' paths and the index of the one whose settlement comes next (the first leg on a tie). */
function pathsOf(legs: readonly FundingLeg[], decay: SpreadDecay, now: number): LegPath[] {
  const spreadNow = receivedPer8h(legs);
  return legs.map((leg) => new LegPath(leg, legs.length, decay, spreadNow, now));
}

/**
 * A time before which the receipts alone cannot reach `cost`, so no settlement up to it breaks
 * even: a leg has at most (t − now) / step + 1 settlements by t, none paying more than its
 * largest payment. Null when no settlement pays anything: break-even never comes.
 */
function unreachableUntil(paths: readonly LegPath[], cost: number, now: number): number | null {
  let atOnce = 0;
  let perMs = 0;
  for (const path of paths) {
    const largest = path.largestPayment();
    atOnce += largest;
    perMs += largest * path.perMs;
  }
  if (atOnce === 0) return null;
  if (atOnce >= cost) return now;
  // A margin below the bound, so rounding cannot carry it past a settlement that breaks even.
  return now + Math.floor((0.999 * (cost - atOnce)) / perMs) - 1;
}

function nextPath(paths: readonly LegPath[]): number {
  let next = 0;
  for (let i = 1; i < paths.length; i++) if (paths[i].time < paths[next].time) next = i;
  return next;
}

/** Expected funding of each leg to the exit along its own schedule, under `decay` (see `LegPath`). */
export function expectedCarry(legs: readonly FundingLeg[], decay: SpreadDecay, now: number, exit: number): LegCarry[] {
  return pathsOf(legs, decay, now).map((path) => path.sumTo(exit));
}

/**
 * Break-even, the one definition the monitor and the ticket share: the first settlement (ms) at
 * which the funding the legs are expected to collect under `decay` has paid `cost` (in the
 * legs' units: USD for a sized ticket, a fraction of notional for unit legs), looking no
 * further than `horizon`; null when it never does by then.
 */
export function breakEvenTime(legs: readonly FundingLeg[], now: number, cost: number, horizon: number, decay: SpreadDecay): number | null {
  if (cost <= 0) return now;
  const paths = pathsOf(legs, decay, now);
  if (paths.length === 0) return null;
  const safe = unreachableUntil(paths, cost, now);
  if (safe === null) return null;
  let collected = 0;
  // Before `safe` nothing can break even: those settlements are summed in closed form, not walked.
  if (safe > now) for (const path of paths) collected += path.forwardTo(Math.min(safe, horizon));
  let walked = false;
  for (let next = nextPath(paths); paths[next].time <= horizon; next = nextPath(paths)) {
    if (!walked && paths.every((p) => p.stationary())) {
      walked = true;
      ({ collected, horizon } = skipStationary(paths, collected, cost, horizon));
      next = nextPath(paths);
      if (paths[next].time > horizon) break;
    }
    collected += paths[next].payment();
    if (collected >= cost) return paths[next].time;
    paths[next].advance();
  }
  return null;
}
