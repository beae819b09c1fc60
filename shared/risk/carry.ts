/**
 * Expected funding of a position to a planned exit, settlement by settlement, along each leg's
 * OWN schedule (docs/domain.md §1: never assume 8 h). A 1-h leg and an 8-h leg held for 12 h see
 * 12 and 1–2 settlements respectively; summing per-8-h rates × hours would hide that the 8-h
 * leg pays nothing until its settlement comes.
 */
import { settlementsBetween } from '../funding/settlements.ts';

const HOUR_MS = 3_600_000;

export interface FundingLeg {
  side: 'buy' | 'sell';
  /** Base units. */
  quantity: number;
  price: number;
  /** Decimal rate per the leg's own interval, assumed to hold until exit. */
  rate: number;
  intervalHours: number;
  /** The venue's announced next settlement; the UTC-aligned one after `now` when unknown. */
  nextFundingTime: number | null;
}

/** Settlement times of a leg in (now, until]: the announced next one, then every interval. */
export function legSettlements(leg: FundingLeg, now: number, until: number): number[] {
  const step = leg.intervalHours * HOUR_MS;
  const first = leg.nextFundingTime !== null && leg.nextFundingTime > now ? leg.nextFundingTime : null;
  if (first === null) return settlementsBetween(now, until, leg.intervalHours);
  const out: number[] = [];
  for (let t = first; t <= until; t += step) out.push(t);
  return out;
}

/**
 * What one settlement pays the leg, in quote currency (> 0 received): rate > 0 means longs pay
 * shorts, so a short receives `quantity × price × rate` and a long pays it.
 */
export function paymentPerSettlement(leg: FundingLeg): number {
  const received = leg.quantity * leg.price * leg.rate;
  return leg.side === 'sell' ? received : -received;
}

/** True when the leg's next settlement, at its current rate, takes money from the position. */
export function legPays(leg: Pick<FundingLeg, 'side' | 'rate'>): boolean {
  return leg.side === 'buy' ? leg.rate > 0 : leg.rate < 0;
}

export interface LegCarry {
  settlements: number;
  amount: number;
}

export function expectedFunding(leg: FundingLeg, now: number, exit: number): LegCarry {
  const settlements = legSettlements(leg, now, exit).length;
  return { settlements, amount: settlements * paymentPerSettlement(leg) };
}

/**
 * The first settlement (ms) at which the funding collected by all legs together has paid
 * `costUsd`, looking no further than `horizon`; null when it never does by then (the net
 * carry is not positive, or too small for the horizon).
 */
export function breakEvenTime(legs: readonly FundingLeg[], now: number, costUsd: number, horizon: number): number | null {
  if (costUsd <= 0) return now;
  const events: Array<[number, number]> = [];
  for (const leg of legs) {
    const payment = paymentPerSettlement(leg);
    for (const t of legSettlements(leg, now, horizon)) events.push([t, payment]);
  }
  events.sort((a, b) => a[0] - b[0]);
  let collected = 0;
  for (const [time, payment] of events) {
    collected += payment;
    if (collected >= costUsd) return time;
  }
  return null;
}
