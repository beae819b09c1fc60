/**
 * The terminal trades one-way (net) positions (positionMode.ts): one venue symbol is one signed
 * position on the account. A ticket leg on the other side of a live pair's leg on the same venue
 * symbol would net that leg away at the venue: the venue would hold less than either pair
 * approved and neither pair could close by itself. Such a ticket is refused before anything is
 * sent (docs/orders.md, "One position per venue symbol"); a leg on the same side adds to the
 * position and each pair still closes its own part reduce-only. A spot short that borrows on an
 * account apart from the spot wallet (Binance's cross margin) is another position than the
 * wallet's coins, so a long and a reverse carry of one coin there do not net.
 */
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import type { Ledger } from './ledger.ts';
import { isSpotSymbol } from '../markets/spotExchange.ts';
import { spotBorrowOf } from './brokers/spotBorrow.ts';
import { legSizes } from './ledgerFold.ts';

const DONE = new Set(['closed', 'failed']);
/** A leg holding less than this share of its approved quantity holds fee dust, not a position. */
const DUST = 0.01;

/** Whether the two sides of this venue symbol rest in one position (not a spot wallet beside a separate margin account). */
const oneNetPosition = (venue: VenueId, symbol: string) => !(isSpotSymbol(symbol) && spotBorrowOf(venue)?.separate === true);

/**
 * The live legs of the journal's pairs with the side each holds: a leg by the sign of its
 * journalled fills (a leg the kill switch or a close left flat holds nothing; nor does the fee
 * dust a spot buy-back grossed up for its fee leaves, under DUST of the approved size), a pair still
 * opening by its intent, since its orders may be filling as this runs.
 */
function heldLegs(ledger: Pick<Ledger, 'pairs'>): Array<{ pairId: string; venue: VenueId; symbol: string; side: 'buy' | 'sell' }> {
  return ledger.pairs().filter((pair) => !DONE.has(pair.status)).flatMap((pair) => {
    const sizes = legSizes(pair);
    return pair.legs.flatMap((leg, i) => {
      if (pair.status === 'opening') return [{ pairId: pair.pairId, venue: leg.venue, symbol: leg.symbol, side: leg.side }];
      return Math.abs(sizes[i]) > DUST * leg.quantity ? [{ pairId: pair.pairId, venue: leg.venue, symbol: leg.symbol, side: sizes[i] > 0 ? 'buy' as const : 'sell' as const }] : [];
    });
  });
}

/** Why the ticket would net a live pair's leg away, in the trader's words; null when none would. */
export function nettingRefusal(ticket: Ticket, ledger: Pick<Ledger, 'pairs'>): string | null {
  for (const held of heldLegs(ledger)) {
    const leg = ticket.legs.find((l) => l.venue === held.venue && l.symbol === held.symbol && l.side !== held.side && oneNetPosition(l.venue, l.symbol));
    if (leg === undefined) continue;
    const heldAs = held.side === 'buy' ? 'long' : 'short';
    const wanted = leg.side === 'buy' ? 'long' : 'short';
    return `${VENUES[leg.venue].label} ${leg.symbol} is held ${heldAs} by pair ${held.pairId}; a ${wanted} leg there would net it away on the venue's one position per symbol, and neither pair could close alone. Close ${held.pairId} first, or choose another venue or market for this leg; nothing was sent`;
  }
  return null;
}
