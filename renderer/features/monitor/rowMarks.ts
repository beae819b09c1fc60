import type { Pair } from '../../../shared/domain/orders.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';

/**
 * How strongly a venue cell is tinted by its rate's size, per 8 h (docs/screens.md, "Monitor
 * marks"): 0 below 0.02 % (about the 0.01 % baseline most venues sit at), 1 to 0.05 %, 2 to
 * 0.1 %, 3 from 0.1 % (over 100 % APR), so the rates worth a look stand out from the baseline.
 */
export const HEAT_STEPS_PER_8H = [0.0002, 0.0005, 0.001] as const;

export function heatLevel(ratePer8h: number): 0 | 1 | 2 | 3 {
  const size = Math.abs(ratePer8h);
  const level = HEAT_STEPS_PER_8H.filter((step) => size >= step).length;
  return level as 0 | 1 | 2 | 3;
}

const legKey = (venue: string, symbol: string) => `${venue} ${symbol}`;

/** The venue symbols the trader's live pairs hold a position in (a closed or failed pair holds none). */
export function heldLegs(pairs: readonly Pair[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const pair of pairs) {
    if (pair.status === 'closed' || pair.status === 'failed') continue;
    for (const leg of pair.legs) if (leg.size !== 0) out.add(legKey(leg.venue, leg.symbol));
  }
  return out;
}

/** True when one of the row's venue listings is a leg the trader holds. */
export function isHeld(row: Pick<Opportunity, 'legs'>, held: ReadonlySet<string>): boolean {
  return held.size > 0 && row.legs.some((leg) => held.has(legKey(leg.venue, leg.symbol)));
}
