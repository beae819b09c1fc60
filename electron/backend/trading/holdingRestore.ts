/**
 * The reduce-only order that restores a MISMATCHed leg's approved size (docs/units.md,
 * "Checked at run time"). Nothing from the renderer is trusted: the venue is read again, the
 * order is the one that fresh judgement offers (never one that adds exposure), it goes through
 * the gateway under no pair (it takes away what no pair approved), and the venue is read once
 * more to say whether it is back within one lot.
 */
import type { RestoreRequest, RestoreResult } from '../../../shared/domain/orders.ts';
import { restoreOrderId } from './clientOrderIds.ts';
import type { Gateway } from './gateway.ts';
import type { HoldingWatch } from './holdingWatch.ts';
import type { Journal } from './journal.ts';
import { positionKey } from './ledgerFold.ts';

export interface HoldingRestoreOptions {
  journal: Journal;
  gateway: Gateway;
  watch: HoldingWatch;
  now: () => number;
}

export async function restoreApproved(options: HoldingRestoreOptions, request: RestoreRequest): Promise<RestoreResult> {
  const { venue, symbol, pairId } = request;
  const record = options.journal.ledger.pair(pairId);
  if (!record?.legs.some((leg) => leg.venue === venue && leg.symbol === symbol)) {
    throw new Error(`pair ${pairId} has no leg on ${venue} ${symbol}: nothing sent`);
  }
  const key = positionKey(venue, symbol);
  await options.watch.read([venue]);
  const mismatch = options.journal.ledger.mismatches().get(key);
  if (mismatch === undefined) return { sent: false, resolved: true, message: `${venue} ${symbol}: the venue holds the approved size (within one lot); nothing sent` };
  if (mismatch.restore === null) return { sent: false, resolved: false, message: `${venue} ${symbol}: nothing sent — ${mismatch.restoreNote}` };
  const { side, quantity } = mismatch.restore;
  await options.gateway.submitOrder({
    venue, symbol, side, quantity, reduceOnly: true, purpose: 'restore', pairId: null, clientOrderId: restoreOrderId(venue, symbol, mismatch.since, options.now()),
  });
  await options.watch.read([venue]);
  const left = options.journal.ledger.mismatches().get(key);
  return left === undefined
    ? { sent: true, resolved: true, message: `${venue} ${symbol}: reduce-only ${side} ${quantity} sent; the venue holds the approved size again (within one lot)` }
    : { sent: true, resolved: false, message: `${venue} ${symbol}: reduce-only ${side} ${quantity} sent, and the venue still differs: ${left.reason}` };
}
