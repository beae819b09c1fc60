import type { Leg, Opportunity } from '../../../shared/domain/signals.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { MonitorFilter, SortKey, SortSpec } from '../../store/monitorViewStore.ts';
import { capacityValue, type CapacityView } from './rowCapacity.ts';

const NO_CAPACITY: CapacityView = { snapshot: null, byBase: new Map(), error: null };

/**
 * The leg shown in a venue's column. A venue may list an asset twice (USDT and USDC perps);
 * the column shows the one with the largest |rate per 8 h|, the one that matters for a spread.
 */
export function legFor(row: Opportunity, venue: VenueId): Leg | null {
  let best: Leg | null = null;
  for (const leg of row.legs) {
    if (leg.venue !== venue) continue;
    if (!best || Math.abs(leg.ratePer8h) > Math.abs(best.ratePer8h)) best = leg;
  }
  return best;
}

/** A pair's legs by venue and their next settlements: a row's best pair or one of its others. */
export interface PairTimes {
  longVenue: VenueId | null;
  shortVenue: VenueId | null;
  longNextFundingTime?: number | null;
  shortNextFundingTime?: number | null;
}

/** The earlier of the two legs' next settlements; null when neither is published. */
export function pairNext(pair: PairTimes): number | null {
  const long = pair.longNextFundingTime ?? null;
  const short = pair.shortNextFundingTime ?? null;
  return long === null ? short : short === null ? long : Math.min(long, short);
}

function sortValue(row: Opportunity, key: SortKey, capacity: CapacityView): number | string | null {
  switch (key) {
    case 'base': return row.base;
    case 'spread': return row.spreadPer8h;
    case 'apr': return row.spreadApr;
    case 'edge': return row.expectedNetPerDay ?? null;
    case 'carry': return row.netCarryPerDay;
    case 'history': return row.carry?.decay.n ?? null;
    case 'breakEven': return row.breakEvenHours;
    case 'next': return pairNext(row) ?? row.nextFundingTime;
    case 'velocity': return row.velocity.h1;
    case 'regime': return row.meanPer8h;
    case 'rank': return row.rank;
    case 'oi': return row.openInterestUsd ?? null;
    case 'volume': return row.volume24hUsd ?? null;
    case 'capacity': return capacityValue(row, capacity);
    case 'basis': return row.basis ?? null;
    case 'basisZ': return row.basisZ ?? null;
    default: return legFor(row, key.slice('venue:'.length) as VenueId)?.ratePer8h ?? null;
  }
}

/** Missing values sort last in both directions: a trader sorting by spread wants numbers first. */
export function compareRows(a: Opportunity, b: Opportunity, sort: SortSpec, capacity: CapacityView = NO_CAPACITY): number {
  const va = sortValue(a, sort.key, capacity);
  const vb = sortValue(b, sort.key, capacity);
  if (va === null || vb === null) {
    if (va === vb) return a.base.localeCompare(b.base);
    return va === null ? 1 : -1;
  }
  const order = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
  if (order === 0) return a.base.localeCompare(b.base);
  return sort.dir === 'asc' ? order : -order;
}

/**
 * `tradable`: the venues the trader can trade (keys in the vault), read when `tradableOnly` is on;
 * a row passes when both legs of its best pair are on them (the engine ranks over every venue on,
 * so a row whose best pair needs a venue without keys is left out, not re-ranked).
 */
export function matchesFilter(row: Opportunity, filter: MonitorFilter, tradable: ReadonlySet<VenueId> | null = null, capacity: CapacityView = NO_CAPACITY): boolean {
  if (filter.tradableOnly && !(row.longVenue && row.shortVenue && tradable?.has(row.longVenue) && tradable.has(row.shortVenue))) return false;
  if (filter.triggeredOnly && !row.triggered) return false;
  if (filter.confirmedOnly && row.alignment?.tag !== 'confirmed') return false;
  if (filter.minSpreadPer8h > 0 && (row.spreadPer8h === null || row.spreadPer8h < filter.minSpreadPer8h)) return false;
  if (filter.minOpenInterestUsd > 0 && !((row.openInterestUsd ?? -1) >= filter.minOpenInterestUsd)) return false;
  if (filter.minVolume24hUsd > 0 && !((row.volume24hUsd ?? -1) >= filter.minVolume24hUsd)) return false;
  if (filter.minCapacityUsd > 0 && !((capacityValue(row, capacity) ?? -1) >= filter.minCapacityUsd)) return false;
  if (filter.venue && !row.legs.some((l) => l.venue === filter.venue)) return false;
  const search = filter.search.trim().toUpperCase();
  return search === '' || row.base.includes(search);
}

/** The monitor's visible order: filtered, then sorted. */
export function orderRows(rows: Iterable<Opportunity>, filter: MonitorFilter, sort: SortSpec, tradable: ReadonlySet<VenueId> | null = null, capacity: CapacityView = NO_CAPACITY): Opportunity[] {
  const out: Opportunity[] = [];
  for (const row of rows) if (matchesFilter(row, filter, tradable, capacity)) out.push(row);
  return out.sort((a, b) => compareRows(a, b, sort, capacity));
}

/** What Enter in the search box opens: the asset named exactly ("ETH", not ETHFI above it), else the top row. */
export function firstMatch(ordered: readonly Opportunity[], search: string): string | null {
  const wanted = search.trim().toUpperCase();
  return (ordered.find((r) => r.base === wanted) ?? ordered[0])?.base ?? null;
}
