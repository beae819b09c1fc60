/**
 * Expected funding of a position to a planned exit, settlement by settlement, along each leg's
 * OWN schedule (docs/domain.md §1: never assume 8 h). A 1-h leg and an 8-h leg held for 12 h see
 * 12 and 1–2 settlements respectively; summing per-8-h rates × hours would hide that the 8-h
 * leg pays nothing until its settlement comes.
 */
import { settlementsBetween } from '../funding/settlements.ts';
import { ratePer8h } from '../funding/normalise.ts';
import { decayedSpreadPer8h, type SpreadDecay } from '../funding/decay.ts';

const HOUR_MS = 3_600_000;

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

/** What the legs receive per 8 h together now: short rates minus long rates (the pair's spread). */
export function receivedPer8h(legs: readonly FundingLeg[]): number {
  return legs.reduce((sum, leg) => sum + (leg.side === 'sell' ? 1 : -1) * ratePer8h(leg.rate, leg.intervalHours), 0);
}

/**
 * Every settlement of every leg in (now, until], with what it is expected to pay (quote
 * currency, > 0 received) when the pair's spread follows `decay` from today's value. The change
 * of the spread is shared equally by the perp legs (the short's rate rises by half of it, the
 * long's falls by half; a single perp leg carries all of it), and each settlement pays its leg's
 * rate averaged over its own interval before it, clipped at now (docs/domain.md §1): an 8-h leg
 * waits for its settlement, a 1-h leg is paid every hour along the path.
 */
export function settlementPayments(legs: readonly FundingLeg[], decay: SpreadDecay, now: number, until: number): Array<{ time: number; leg: number; amount: number }> {
  const spreadNow = receivedPer8h(legs);
  const out: Array<{ time: number; leg: number; amount: number }> = [];
  legs.forEach((leg, index) => {
    const sign = leg.side === 'sell' ? 1 : -1;
    for (const time of legSettlements(leg, now, until)) {
      const toHours = (time - now) / HOUR_MS;
      const fromHours = Math.max(0, toHours - leg.intervalHours);
      const change = decayedSpreadPer8h(decay, spreadNow, fromHours, toHours) - spreadNow;
      const rate = leg.rate + (sign * change * leg.intervalHours) / (8 * legs.length);
      out.push({ time, leg: index, amount: paymentPerSettlement({ ...leg, rate }) });
    }
  });
  return out.sort((a, b) => a.time - b.time || a.leg - b.leg);
}

/** Expected funding of each leg to the exit along its own schedule, under `decay` (see `settlementPayments`). */
export function expectedCarry(legs: readonly FundingLeg[], decay: SpreadDecay, now: number, exit: number): LegCarry[] {
  const carry = legs.map(() => ({ settlements: 0, amount: 0 }));
  for (const payment of settlementPayments(legs, decay, now, exit)) {
    carry[payment.leg].settlements++;
    carry[payment.leg].amount += payment.amount;
  }
  return carry;
}

/**
 * Break-even, the one definition the monitor and the ticket share: the first settlement (ms) at
 * which the funding the legs are expected to collect under `decay` has paid `cost` (in the
 * legs' units: USD for a sized ticket, a fraction of notional for unit legs), looking no
 * further than `horizon`; null when it never does by then.
 */
export function breakEvenTime(legs: readonly FundingLeg[], now: number, cost: number, horizon: number, decay: SpreadDecay): number | null {
  if (cost <= 0) return now;
  let collected = 0;
  for (const payment of settlementPayments(legs, decay, now, horizon)) {
    collected += payment.amount;
    if (collected >= cost) return payment.time;
  }
  return null;
}
