/**
 * A monitor row's expected edge (docs/domain.md §1 "Expected carry under decay", §4 "Costs both
 * ways"): the funding its best pair is expected to collect to the planned exit under the pair's
 * fitted decay, less what the pair costs both ways at the quotes' touch: the fees of opening and
 * closing both legs, half the bid–ask spread crossed in and out on each, and the entry basis.
 * Uses the ticket's functions (shared/risk/carry.ts, shared/risk/roundTrip.ts), so the monitor and
 * the ticket agree on what carry, costs and break-even mean; the ticket adds the slippage its size
 * walks in the books beyond the touch.
 */
import type { CarryEstimate, Leg } from '../../shared/domain/signals.ts';
import { defaultDecay, type SpreadDecay } from '../../shared/funding/decay.ts';
import { BREAK_EVEN_HORIZON_MS, breakEvenTime, expectedCarry, type FundingLeg } from '../../shared/risk/carry.ts';
import { touchPairCosts } from '../../shared/risk/roundTrip.ts';
import { decayFor, type DecayTable } from './pairDecay.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface RowCarry {
  carry: CarryEstimate;
  expectedNetPerDay: number;
  breakEvenHours: number | null;
}

const unitLeg = (leg: Leg, side: 'buy' | 'sell'): FundingLeg => ({ side, quantity: 1, price: 1, rate: leg.rate, intervalHours: leg.intervalHours, nextFundingTime: leg.nextFundingTime });
/** Mark per coin of the base (multiplier divided out); null without a positive mark. */
export const perCoin = (leg: Leg): number | null => (leg.markPrice !== null && leg.markPrice > 0 ? leg.markPrice / (leg.multiplier ?? 1) : null);

/** The taker fee per fill of each leg of the pair. */
export interface PairFees {
  long: number;
  short: number;
}

/**
 * `now` is taken at the minute, as velocity and persistence are, so a row nobody touched within
 * a minute equals what a full recompute would give.
 */
export function rowCarry(base: string, long: Leg, short: Leg, fees: PairFees, holdingDays: number, decays: DecayTable | null, now: number): RowCarry {
  const at = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const decay: SpreadDecay = decays ? decayFor(decays, base, short.venue, long.venue) : defaultDecay('no stored funding history loaded yet');
  const legs = [unitLeg(short, 'sell'), unitLeg(long, 'buy')];
  const holdingHours = holdingDays * 24;
  const expectedFunding = expectedCarry(legs, decay, at, at + holdingHours * HOUR_MS).reduce((sum, leg) => sum + leg.amount, 0);
  const costs = touchPairCosts(long, short, fees);
  const net = expectedFunding - costs.totalUsd;
  const breakEvenAt = breakEvenTime(legs, at, costs.totalUsd, at + BREAK_EVEN_HORIZON_MS, decay);
  return {
    carry: {
      holdingHours, expectedFunding, fees: costs.feesUsd, crossing: costs.crossingUsd, entryBasis: costs.basisUsd, net, decay,
      defaultSpreadLegs: costs.defaultSpreadLegs,
    },
    expectedNetPerDay: net / holdingDays,
    breakEvenHours: breakEvenAt === null ? null : (breakEvenAt - at) / HOUR_MS,
  };
}

/** What `rowCarry` reads of a leg: a leg equal in these gives the same carry. */
const sameCarryLeg = (a: Leg, b: Leg): boolean =>
  a.venue === b.venue && a.rate === b.rate && a.intervalHours === b.intervalHours && a.nextFundingTime === b.nextFundingTime && a.markPrice === b.markPrice && a.multiplier === b.multiplier &&
  a.bid === b.bid && a.ask === b.ask;

/**
 * One asset's last `rowCarry` and its inputs. A venue poll re-observes every asset, but for most
 * of them the polled venue is not in the best pair: the pair's legs (touch included), the fees, the decays and the
 * minute are unchanged, and the carry (a month of settlements walked) is reused as it was.
 * Anything `rowCarry` comes to read must be part of the key here.
 */
export class CarryMemo {
  private long: Leg | null = null;
  private short: Leg | null = null;
  private longFee = Number.NaN;
  private shortFee = Number.NaN;
  private holdingDays = Number.NaN;
  private decays: DecayTable | null = null;
  private at = Number.NaN;
  private last: RowCarry | null = null;
  /** Carries computed (not reused); the engine's work counter adds them. */
  computed = 0;

  carry(base: string, long: Leg, short: Leg, fees: PairFees, holdingDays: number, decays: DecayTable | null, now: number): RowCarry {
    const at = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    if (this.last && at === this.at && fees.long === this.longFee && fees.short === this.shortFee && holdingDays === this.holdingDays && decays === this.decays && (long === this.long || sameCarryLeg(long, this.long!)) && (short === this.short || sameCarryLeg(short, this.short!))) return this.last;
    this.computed++;
    this.long = long;
    this.short = short;
    this.longFee = fees.long;
    this.shortFee = fees.short;
    this.holdingDays = holdingDays;
    this.decays = decays;
    this.at = at;
    return (this.last = rowCarry(base, long, short, fees, holdingDays, decays, now));
  }
}
