/**
 * How well the expected carry foretold what history paid (docs/domain.md §1 "Calibration"): at
 * every 8-h boundary where a venue pair's settled spread crossed the trigger, the carry to a
 * planned exit expected with the spread held constant and with the decay fitted on the history
 * known then (no look-ahead), against the funding the two legs really settled over that span.
 * Pure: the recorded settlements are the argument. A measurement of the engine's model, not part
 * of the product, so it lives beside its test.
 */
import type { FundingPoint } from '../../../shared/domain/quotes.ts';
import { DEFAULT_DECAY_PARAMS, fitSpreadDecay, type DecayParams, type SpreadDecay } from '../../../shared/funding/decay.ts';
import { CONSTANT_SPREAD } from '../../fixtures/spreadDecay.ts';
import { expectedCarry, type FundingLeg } from '../../../shared/risk/carry.ts';
import { canonicalBase } from '../../../shared/sectors/sectorOf.ts';
import { GRID_MS, venueGrid } from '../../../electron/engine/analytics.ts';
import { DECAY_WINDOW_DAYS } from '../../../electron/engine/pairDecay.ts';

const HOUR_MS = 3_600_000;

export interface CalibrationParams {
  triggerPer8h: number;
  holdHours: number;
  /** Open and close of both legs, as a fraction of one leg's notional (4 taker fills). */
  roundTripFee: number;
  decay: DecayParams;
  windowDays: number;
}

export const DEFAULT_CALIBRATION: CalibrationParams = { triggerPer8h: 0.0006, holdHours: 72, roundTripFee: 0.002, decay: DEFAULT_DECAY_PARAMS, windowDays: DECAY_WINDOW_DAYS };

/** One trigger crossing; carry figures are fractions of one leg's notional over the hold. */
export interface CalibrationEvent {
  base: string;
  shortVenue: string;
  longVenue: string;
  time: number;
  spreadPer8h: number;
  constant: number;
  decayed: number;
  realised: number;
  /** The realised carry collected so far never reached the round-trip fees within the hold. */
  neverCoveredFees: boolean;
  decay: SpreadDecay;
}

interface Settled { times: number[]; rates: number[]; hours: number[] }

function settledByVenue(base: string, funding: readonly FundingPoint[]): Map<string, Settled> {
  const out = new Map<string, Settled>();
  const mine = funding.filter((p) => canonicalBase(p.symbol) === canonicalBase(base)).sort((a, b) => a.time - b.time);
  for (const p of mine) {
    let s = out.get(p.venue);
    if (!s) out.set(p.venue, (s = { times: [], rates: [], hours: [] }));
    s.times.push(p.time);
    s.rates.push(p.rate);
    s.hours.push(p.intervalHours);
  }
  return out;
}

/** Index of the last settlement at or before `t`, −1 when none. */
function lastAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** The leg a trader would have opened at `t`: its last settled rate and interval, on the UTC grid. */
function legAt(s: Settled, side: 'buy' | 'sell', t: number): FundingLeg {
  const i = lastAtOrBefore(s.times, t);
  return { side, quantity: 1, price: 1, rate: s.rates[i], intervalHours: s.hours[i], nextFundingTime: null };
}

/** What the short received minus what the long paid over (t, t + hold], and whether it reached `fees` on the way. */
function realisedCarry(short: Settled, long: Settled, t: number, holdMs: number, fees: number): { amount: number; covered: boolean } {
  const events: Array<[number, number]> = [];
  for (const [s, sign] of [[short, 1], [long, -1]] as const) {
    for (let i = lastAtOrBefore(s.times, t) + 1; i < s.times.length && s.times[i] <= t + holdMs; i++) events.push([s.times[i], sign * s.rates[i]]);
  }
  events.sort((a, b) => a[0] - b[0]);
  let amount = 0;
  let covered = false;
  for (const [, paid] of events) {
    amount += paid;
    if (amount >= fees) covered = true;
  }
  return { amount, covered };
}

/** Every trigger crossing of every venue pair of `base` whose hold the record covers on both venues. */
export function calibrationEvents(base: string, funding: readonly FundingPoint[], params: CalibrationParams = DEFAULT_CALIBRATION): CalibrationEvent[] {
  const { venues, grid, columns } = venueGrid(base, funding);
  const settled = settledByVenue(base, funding);
  const holdMs = params.holdHours * HOUR_MS;
  const windowPoints = Math.round((params.windowDays * 24 * HOUR_MS) / GRID_MS);
  const out: CalibrationEvent[] = [];
  for (let a = 0; a < venues.length; a++) {
    for (let b = a + 1; b < venues.length; b++) {
      const spread = columns[a].map((rate, g) => rate - columns[b][g]);
      const A = settled.get(venues[a])!;
      const B = settled.get(venues[b])!;
      for (let g = 1; g < grid.length; g++) {
        const t = grid[g];
        const level = Math.abs(spread[g]);
        if (!(level >= params.triggerPer8h) || Math.abs(spread[g - 1]) >= params.triggerPer8h) continue;
        if (t + holdMs > Math.min(A.times[A.times.length - 1], B.times[B.times.length - 1])) continue;
        const aShort = spread[g] > 0;
        const [short, long] = aShort ? [A, B] : [B, A];
        const past = spread.subarray(Math.max(0, g + 1 - windowPoints), g + 1);
        const decay = fitSpreadDecay(aShort ? past : past.map((v) => -v), params.decay);
        const legs = [legAt(short, 'sell', t), legAt(long, 'buy', t)];
        const sum = (d: SpreadDecay) => expectedCarry(legs, d, t, t + holdMs).reduce((s, leg) => s + leg.amount, 0);
        const realised = realisedCarry(short, long, t, holdMs, params.roundTripFee);
        out.push({
          base: canonicalBase(base), shortVenue: aShort ? venues[a] : venues[b], longVenue: aShort ? venues[b] : venues[a], time: t, spreadPer8h: level,
          constant: sum(CONSTANT_SPREAD), decayed: sum(decay), realised: realised.amount, neverCoveredFees: !realised.covered, decay,
        });
      }
    }
  }
  return out.sort((x, y) => x.time - y.time || x.shortVenue.localeCompare(y.shortVenue));
}

export interface ExpectationScore {
  /** Mean of expected − realised, fraction of notional over the hold: > 0 promised more than was paid. */
  bias: number;
  meanAbsError: number;
  /** Median of realised / expected (events with a positive expectation). */
  medianRealisedShare: number | null;
  /** Share of events expected to beat the round-trip fees that did not. */
  falselyProfitable: number | null;
  /** Events expected to beat the fees. */
  expectedProfitable: number;
}

export interface CalibrationSummary {
  events: number;
  /** Events whose expectation came from a fit (the rest: the default, too little history). */
  fitted: number;
  neverCoveredFees: number;
  constant: ExpectationScore;
  decayed: ExpectationScore;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function score(events: readonly CalibrationEvent[], expected: (e: CalibrationEvent) => number, fee: number): ExpectationScore {
  const n = events.length || 1;
  const profitable = events.filter((e) => expected(e) > fee);
  return {
    bias: events.reduce((s, e) => s + expected(e) - e.realised, 0) / n,
    meanAbsError: events.reduce((s, e) => s + Math.abs(expected(e) - e.realised), 0) / n,
    medianRealisedShare: median(events.filter((e) => expected(e) > 0).map((e) => e.realised / expected(e))),
    falselyProfitable: profitable.length ? profitable.filter((e) => e.realised <= fee).length / profitable.length : null,
    expectedProfitable: profitable.length,
  };
}

export function summariseCalibration(events: readonly CalibrationEvent[], params: CalibrationParams = DEFAULT_CALIBRATION): CalibrationSummary {
  return {
    events: events.length,
    fitted: events.filter((e) => e.decay.source === 'fit').length,
    neverCoveredFees: events.filter((e) => e.neverCoveredFees).length,
    constant: score(events, (e) => e.constant, params.roundTripFee),
    decayed: score(events, (e) => e.decayed, params.roundTripFee),
  };
}
