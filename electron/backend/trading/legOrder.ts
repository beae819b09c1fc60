/**
 * Which leg goes first when legs are sent one after the other: the less liquid one. If it cannot fill, nothing has been done on the deep venue and there is nothing to
 * unwind; the deep leg then fills at the price the preview expected.
 */
import type { LegIntent } from '../../../shared/domain/orders.ts';
import type { TicketPreview } from '../../../shared/domain/ticket.ts';

/** Slippage as a fraction of the leg's notional: the higher, the thinner the book at this size. */
function thinness(leg: LegIntent, preview: TicketPreview): number {
  const found = preview.legs.find((l) => l.venue === leg.venue && l.symbol === leg.symbol);
  return found ? found.slippageUsd / Math.max(found.quantity * found.markPrice, 1e-9) : 0;
}

export function legsInSendingOrder(legs: LegIntent[], preview: TicketPreview): LegIntent[] {
  return [...legs].sort((a, b) => thinness(b, preview) - thinness(a, preview));
}
