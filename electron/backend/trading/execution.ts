/**
 * Sending one order and one pair of legs, safely. Every order is journalled (`order-sent`)
 * before it leaves, and its answer after. An order creation is never retried after an error or
 * a timeout: the venue is asked for the order by our client id instead, because a create that
 * timed out may well have filled. A pair whose legs ended unequal is brought back to equal by a
 * reduce-only market order on the larger leg (the unwind); if that fails too, the pair is
 * journalled UNHEDGED and stays so until someone resolves it.
 */
import type { LegIntent, Order, PairExecutionResult, PairIntent } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { toVenueError, VenueError } from '../markets/venueErrors.ts';
import type { Broker, OrderRequest } from './brokers/broker.ts';
import { clientIdProblem, ticketOrderId, type OrderRole } from './clientOrderIds.ts';
import { fillEntry, newFill } from './fills.ts';
import { JournalWriteError, type Journal } from './journal.ts';
import { roundDownToStep } from '../../../shared/risk/lots.ts';

export interface ExecutionContext {
  journal: Journal;
  brokers: (venue: VenueId) => Broker;
  now: () => number;
  alert: (message: string) => void;
  /** Pauses between look-ups of an order whose create got no answer (the venue may still be processing it). */
  lookupDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

export interface PlaceOutcome {
  order: Order | null;
  error: string | null;
}

const DEFAULT_LOOKUP_DELAYS_MS = [0, 400, 800, 1600] as const;

function timeout<T>(work: Promise<T>, ms: number | undefined, what: string): Promise<T> {
  if (ms === undefined) return work;
  work.catch(() => undefined); // its late rejection is handled by the look-up, not here
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    work.then((value) => { clearTimeout(timer); resolve(value); }, (error: unknown) => { clearTimeout(timer); reject(error); });
  });
}

/** After a create without a clear answer: ask for the order by client id, a few times. */
async function lookUp(ctx: ExecutionContext, broker: Broker, request: OrderRequest): Promise<Order | null> {
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastError: unknown = null;
  for (const delay of ctx.lookupDelaysMs ?? DEFAULT_LOOKUP_DELAYS_MS) {
    if (delay > 0) await sleep(delay);
    try {
      const found = await broker.fetchOrderByClientId(request.symbol, request.clientOrderId);
      if (found !== null) return found;
      lastError = null;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError !== null) throw lastError;
  return null;
}

/** Journals, sends, and journals the answer of one order; never sends the same client id twice. */
export async function placeOrder(
  ctx: ExecutionContext, pairId: string | null, venue: VenueId, request: OrderRequest, timeoutMs?: number,
): Promise<PlaceOutcome> {
  const where = { pairId, venue, symbol: request.symbol, clientOrderId: request.clientOrderId };
  const idProblem = clientIdProblem(venue, request.clientOrderId);
  if (idProblem !== null) {
    // The venue would refuse it anyway; saying so before sending keeps the journal's "sent" honest.
    const message = `${venue} ${request.symbol}: not sent: ${idProblem}`;
    await ctx.journal.append({ ...where, kind: 'order-error', data: { error: message, ambiguous: false } });
    return { order: null, error: message };
  }
  try {
    // An opening order leaves only once journalled; a reduce-only one (close, unwind, kill switch) goes on regardless.
    await ctx.journal.append({ ...where, kind: 'order-sent', data: request }, { mustWrite: !request.reduceOnly });
  } catch (error) {
    if (!(error instanceof JournalWriteError)) throw error;
    return { order: null, error: `${venue} ${request.symbol}: ${error.message} — order ${request.clientOrderId} was not sent` };
  }
  const broker = ctx.brokers(venue);
  let order: Order | null;
  try {
    order = await timeout(broker.createOrder(request), timeoutMs, `${venue} ${request.symbol} order ${request.clientOrderId}`);
  } catch (error) {
    const mapped = toVenueError(venue, error);
    if (mapped.kind === 'rejected' || mapped.kind === 'auth') {
      await ctx.journal.append({ ...where, kind: 'order-error', data: { error: mapped.message, ambiguous: false } });
      return { order: null, error: mapped.message };
    }
    try {
      order = await lookUp(ctx, broker, request);
    } catch (lookupError) {
      const message = `${venue} ${request.symbol}: order ${request.clientOrderId} got no answer (${mapped.message}) and could not be looked up (${toVenueError(venue, lookupError).message}); its state is unknown`;
      await ctx.journal.append({ ...where, kind: 'order-error', data: { error: message, ambiguous: true } });
      return { order: null, error: message };
    }
    if (order === null) {
      await ctx.journal.append({ ...where, kind: 'order-error', data: { error: mapped.message, ambiguous: false, lookedUp: true } });
      return { order: null, error: `${mapped.message} (the venue has no order ${request.clientOrderId}; not resent)` };
    }
  }
  await ctx.journal.append({ ...where, kind: 'order', data: order });
  // An order's first answer: whatever filled in it took liquidity from the book.
  const fill = newFill(order, null, 'taker', ctx.now());
  if (fill !== null) await ctx.journal.append(fillEntry(pairId, fill));
  return { order, error: null };
}

function legRequest(leg: LegIntent, id: string): OrderRequest {
  return {
    symbol: leg.symbol, side: leg.side, type: 'market', quantity: leg.quantity, reduceOnly: leg.reduceOnly, clientOrderId: id,
    ...(leg.marginMode ? { marginMode: leg.marginMode } : {}), ...(leg.maxSlippagePct === undefined ? {} : { maxSlippagePct: leg.maxSlippagePct }),
  };
}

async function setLeverages(ctx: ExecutionContext, intent: PairIntent): Promise<string | null> {
  for (const leg of intent.legs) {
    if (leg.leverage === undefined) continue;
    try {
      await ctx.brokers(leg.venue).setLeverage(leg.symbol, leg.leverage, leg.marginMode);
    } catch (error) {
      return `${leg.venue} ${leg.symbol}: the account could not be prepared for ${leg.leverage}× (${toVenueError(leg.venue, error).message}); nothing was sent`;
    }
  }
  return null;
}

async function sendLegs(ctx: ExecutionContext, pairId: string, intent: PairIntent, role: OrderRole): Promise<PlaceOutcome[]> {
  const send = (leg: LegIntent, index: number, ms?: number) =>
    placeOrder(ctx, pairId, leg.venue, legRequest(leg, ticketOrderId(leg.venue, intent.ticketId, index, role)), ms);
  if (intent.legOrder === 'together') return Promise.all(intent.legs.map((leg, index) => send(leg, index, intent.legTimeoutMs)));
  const outcomes: PlaceOutcome[] = [];
  let held: number | null = null;
  for (const [index, leg] of intent.legs.entries()) {
    // A later leg hedges what the first actually filled (in coins), on its own venue's lots.
    const quantity = held === null || held >= leg.quantity ? leg.quantity : roundDownToStep(held, await lotStep(ctx, leg));
    if (!(quantity > 0)) break;
    const outcome = await send({ ...leg, quantity }, index, intent.legTimeoutMs);
    outcomes.push(outcome);
    // The next leg goes only once this one holds: a failed first leg costs nothing.
    if (outcome.order === null || outcome.order.filled <= 0) break;
    held ??= outcome.order.filled;
  }
  return outcomes;
}

/** A leg's lot step in coins; 0 where the venue cannot say (its precision then decides). */
async function lotStep(ctx: ExecutionContext, leg: LegIntent): Promise<number> {
  try {
    return (await ctx.brokers(leg.venue).marketInfo(leg.symbol)).lot?.step ?? 0;
  } catch (error) {
    // Without the lot the broker refuses an off-lot opening order in words, and the unwind takes the first leg back.
    if (error instanceof VenueError) return 0;
    throw error;
  }
}

/** Legs hedged when they hold the same coins, or differ by less than the larger leg's venue can unwind (one of its lots). */
async function legsEqual(ctx: ExecutionContext, intent: PairIntent, filled: readonly number[]): Promise<boolean> {
  const gap = Math.abs(filled[0] - filled[1]);
  if (gap <= 1e-9 * Math.max(...filled)) return true;
  return gap < (await lotStep(ctx, intent.legs[filled[0] > filled[1] ? 0 : 1])) * (1 - 1e-9);
}

/**
 * A close is done when each leg sold or bought back what it was asked, less what no order of
 * its venue could send (under one of its lots): the legs' own rests differ (a spot leg keeps its
 * fee's fraction of a lot as dust, docs/orders.md "Spot legs"), so their fills may differ by a
 * whole lot though neither holds anything left to close.
 */
async function legsClosed(ctx: ExecutionContext, intent: PairIntent, filled: readonly number[]): Promise<boolean> {
  const steps = await Promise.all(intent.legs.map((leg) => lotStep(ctx, leg)));
  return intent.legs.every((leg, i) => leg.quantity - filled[i] < Math.max(steps[i] * (1 - 1e-9), 1e-9 * leg.quantity));
}

/** Executes a pair intent already journalled and admitted by the gateway. */
export async function executePair(ctx: ExecutionContext, pairId: string, intent: PairIntent): Promise<PairExecutionResult> {
  const leverageError = await setLeverages(ctx, intent);
  if (leverageError !== null) return { pairId, status: 'failed', orders: [], alerts: [], message: leverageError };
  const role: OrderRole = intent.legs.every((leg) => leg.reduceOnly) ? 'close' : 'open';
  const outcomes = await sendLegs(ctx, pairId, intent, role);
  const orders = outcomes.flatMap((o) => (o.order ? [o.order] : []));
  const errors = outcomes.flatMap((o) => (o.error ? [o.error] : []));
  const filled = intent.legs.map((_, i) => outcomes[i]?.order?.filled ?? 0);
  if (filled.every((f) => f <= 0)) {
    return { pairId, status: 'failed', orders, alerts: [], message: errors.join('; ') || 'no leg filled' };
  }
  if (intent.legs.length < 2 || await legsEqual(ctx, intent, filled) || (role === 'close' && await legsClosed(ctx, intent, filled))) {
    return { pairId, status: 'hedged', orders, alerts: [], message: errors.length ? errors.join('; ') : 'every leg filled' };
  }
  if (role === 'close') return markUnhedged(ctx, pairId, intent, filled, orders, `closing leg failed: ${errors.join('; ') || 'partial fill'}`);
  return unwindExcess(ctx, pairId, intent, filled, orders, errors);
}

async function unwindExcess(
  ctx: ExecutionContext, pairId: string, intent: PairIntent, filled: number[], orders: Order[], errors: string[],
): Promise<PairExecutionResult> {
  const big = filled[0] > filled[1] ? 0 : 1;
  const leg = intent.legs[big];
  const excess = filled[big] - filled[1 - big];
  const why = errors.join('; ') || `${intent.legs[1 - big].venue} leg filled ${filled[1 - big]} of ${intent.legs[1 - big].quantity}`;
  const alertText = `${leg.venue} ${leg.symbol}: pair ${pairId} is one-legged (${why}); unwinding ${excess} reduce-only at market`;
  ctx.alert(alertText);
  await ctx.journal.append({ pairId, venue: leg.venue, symbol: leg.symbol, clientOrderId: null, kind: 'unwind', data: { leg: big, quantity: excess, reason: why } });
  const request: OrderRequest = {
    symbol: leg.symbol, side: leg.side === 'buy' ? 'sell' : 'buy', type: 'market', quantity: excess, reduceOnly: true,
    clientOrderId: ticketOrderId(leg.venue, intent.ticketId, big, 'unwind'), ...(leg.marginMode ? { marginMode: leg.marginMode } : {}),
  };
  const outcome = await placeOrder(ctx, pairId, leg.venue, request, intent.legTimeoutMs);
  if (outcome.order) orders.push(outcome.order);
  const left = excess - (outcome.order?.filled ?? 0);
  // What the venue's lots leave of the excess (less than one of them) is hedged, as in legsEqual.
  if (outcome.order !== null && (left <= excess * 1e-9 || left < (await lotStep(ctx, leg)) * (1 - 1e-9))) {
    const status = filled[1 - big] > 0 ? 'hedged' : 'unwound';
    return { pairId, status, orders, alerts: [alertText], message: `${why}; ${leg.venue} leg unwound (${outcome.order.filled})` };
  }
  return markUnhedged(ctx, pairId, intent, filled, orders, `unwind of ${leg.venue} ${leg.symbol} failed with ${left} still open (${outcome.error ?? 'partial fill'}) after: ${why}`, [alertText]);
}

async function markUnhedged(
  ctx: ExecutionContext, pairId: string, intent: PairIntent, filled: number[], orders: Order[], reason: string, alerts: string[] = [],
): Promise<PairExecutionResult> {
  const text = `UNHEDGED: pair ${pairId}: ${reason}`;
  ctx.alert(text);
  await ctx.journal.append({ pairId, venue: null, symbol: null, clientOrderId: null, kind: 'unhedged', data: { reason, filled, legs: intent.legs } });
  return { pairId, status: 'unhedged', orders, alerts: [...alerts, text], message: text };
}
