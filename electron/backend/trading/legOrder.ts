/**
 * Which leg goes first when legs are sent one after the other: the less liquid one. If it cannot fill, nothing has been done on the deep venue and there is nothing to
 * unwind; the deep leg then fills at the price the preview expected. A spot leg goes last
 * whatever its book: a spot buy holds what filled less its fee (taken in the coin), and a perp
 * sized to that would lose a whole lot to a fraction of one (docs/orders.md, "Spot legs").
 */
import type { LegIntent } from '../../../shared/domain/orders.ts';
import type { TicketPreview } from '../../../shared/domain/ticket.ts';
import { isSpotSymbol } from '../markets/spotExchange.ts';

/** Slippage as a fraction of the leg's notional: the higher, the thinner the book at this size. */
function thinness(leg: LegIntent, preview: TicketPreview): number {
  const found = preview.legs.find((l) => l.venue === leg.venue && l.symbol === leg.symbol);
  return found ? found.slippageUsd / Math.max(found.quantity * found.markPrice, 1e-9) : 0;
}

export function legsInSendingOrder(legs: LegIntent[], preview: TicketPreview): LegIntent[] {
  const spotLast = (leg: LegIntent) => (isSpotSymbol(leg.symbol) ? 1 : 0);
  return [...legs].sort((a, b) => spotLast(a) - spotLast(b) || thinness(b, preview) - thinness(a, preview));
}
