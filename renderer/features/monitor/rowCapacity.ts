/**
 * What the monitor's Capacity column says for a row (docs/screens.md, "Capacity, basis…"): the
 * last book pass's figure for the row's best pair as it stands now, or why there is none. A
 * pass's figure for another pair (the best pair moved since its books were read) is not shown.
 */
import type { CapacitySnapshot, LegCapacity, PairCapacity } from '../../../shared/domain/capacity.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { extremeLeg } from '../../../shared/funding/spread.ts';
import { formatAge, formatUsdCompact } from '../../ui/format.ts';

export interface CapacityView {
  snapshot: CapacitySnapshot | null;
  byBase: ReadonlyMap<string, PairCapacity>;
  error: string | null;
}

export type RowCapacity = { pair: PairCapacity; notionalUsd: number; why: null } | { pair: null; notionalUsd: null; why: string };

const none = (why: string): RowCapacity => ({ pair: null, notionalUsd: null, why });
const legName = (leg: LegCapacity) => `${VENUES[leg.venue].label} ${leg.symbol}`;

/** The pass's pair when it is the row's best pair now: the same venues and, on each, the same symbol. */
function samePair(row: Opportunity, pair: PairCapacity): boolean {
  if (pair.long.venue !== row.longVenue || pair.short.venue !== row.shortVenue) return false;
  const fresh = row.legs.filter((leg) => !leg.stale);
  return extremeLeg(fresh, pair.long.venue, 'buy')?.symbol === pair.long.symbol && extremeLeg(fresh, pair.short.venue, 'sell')?.symbol === pair.short.symbol;
}

export function rowCapacity(row: Opportunity, view: CapacityView): RowCapacity {
  const { snapshot, error } = view;
  if (!snapshot) return none(error ?? 'No order book read yet: the first pass over the top rows\' books runs shortly after start.');
  const pair = view.byBase.get(row.base);
  if (!pair) return none(`Not among the top ${snapshot.pairs.length} ranked pairs when their books were last read: only those pairs' books are read.`);
  if (!samePair(row, pair)) return none(`The best pair changed since its books were read (then long ${legName(pair.long)}, short ${legName(pair.short)}).`);
  if (pair.notionalUsd === null) {
    const failed = [pair.long, pair.short].filter((leg) => leg.error !== null).map((leg) => `${legName(leg)}: ${leg.error}`);
    return none(`No figure: a leg's book was not read. ${failed.join('; ')}`);
  }
  return { pair, notionalUsd: pair.notionalUsd, why: null };
}

/** The row's capacity figure, for sorting and the minimum filter; null without one. */
export function capacityValue(row: Opportunity, view: CapacityView): number | null {
  return rowCapacity(row, view).notionalUsd;
}

/** A figure as the cell prints it: "≥" where the levels read ran out before the impact was reached. */
export function capacityText(notionalUsd: number, atLeast: boolean): string {
  return `${atLeast ? '≥' : ''}${formatUsdCompact(notionalUsd)}`;
}

/** The pass is out of date once two of its cadence have gone by without a newer one. */
export function capacityOutOfDate(snapshot: CapacitySnapshot, now: number): boolean {
  return now - snapshot.computedAt > 2 * snapshot.everyMs;
}

/** The cell's tooltip: each leg's figure and side of the book, the impact, the books' age. */
export function capacityTitle(pair: PairCapacity, snapshot: CapacitySnapshot, now: number): string {
  const leg = (role: string, l: LegCapacity, side: string) => `${role} ${legName(l)}: ${capacityText(l.notionalUsd!, l.atLeast)} USD on the ${side}${l.atLeast ? ' (the levels read ran out first)' : ''}`;
  const age = formatAge(now - snapshot.computedAt);
  const stale = capacityOutOfDate(snapshot, now) ? 'Out of date: ' : '';
  return `${stale}max notional before the average fill is ${snapshot.impactBps} bps from the mid. ${leg('Long', pair.long, 'asks')}; ${leg('short', pair.short, 'bids')}; the smaller leg limits the pair. Books read ${age} ago.`;
}
