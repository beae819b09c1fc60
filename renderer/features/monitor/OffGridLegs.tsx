import type { VenueId } from '../../../shared/domain/venues.ts';
import { extremeLeg, pairSideLabel } from '../../../shared/funding/spread.ts';
import { legVenueCode } from '../../ui/venueCode.ts';
import type { Leg } from '../../../shared/domain/signals.ts';
import type { Column } from './columns.ts';

type Side = 'long' | 'short';

interface OffGridLegsProps {
  legs: readonly Leg[];
  longVenue: VenueId | null;
  shortVenue: VenueId | null;
  columns: readonly Column[];
  /** Shown when every leg has a column (a pair row repeats its asset's name). */
  fallback?: string;
}

/**
 * A pair's legs that no shown column names: their venue's column is hidden (a monitoring-only
 * venue starts hidden; narrow windows drop venues, docs/screens.md) and Long or Short gave way
 * too. The asset cell names them instead, so every pair on screen says where each leg goes. The
 * names are drawn by CSS from `data-venue` (as the triggered dot is), so the cell's text stays
 * the asset; the title says it in words.
 */
export function OffGridLegs({ legs, longVenue, shortVenue, columns, fallback }: OffGridLegsProps) {
  const venueOf = (side: Side) => (side === 'long' ? longVenue : shortVenue);
  const offGrid = (['long', 'short'] as const).filter((side) => {
    const venue = venueOf(side);
    return venue !== null && !columns.some((c) => c.venue === venue || c.id === side);
  });
  if (offGrid.length === 0) return fallback ?? null;
  const sideOf = (side: Side) => (side === 'long' ? 'buy' : 'sell');
  const label = (side: Side) => pairSideLabel(legs, venueOf(side)!, sideOf(side));
  const code = (side: Side) => legVenueCode(venueOf(side)!, extremeLeg(legs.filter((leg) => !leg.stale), venueOf(side)!, sideOf(side))?.symbol);
  return (
    <span className="off-grid" title={`${offGrid.map((side) => `${side} on ${label(side)}`).join(', ')}: no shown column names it (Columns… shows a venue)`}>
      {offGrid.map((side) => <span key={side} className={`off-${side}`} data-venue={code(side)} />)}
    </span>
  );
}
