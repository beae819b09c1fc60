/**
 * Start-up reconciliation: what the journal says is open (positions folded from journalled
 * fills, orders still open, orders sent without an answer) against what each venue shows.
 * Every difference comes back as a sentence naming venue, symbol and both sides, e.g.
 * "okx BTC/USDT:USDT: journal expects short 0.5, venue shows flat". A crash between the two
 * legs of a pair shows up here as the first leg's position, with the pair named.
 */
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { Broker, VenuePosition } from './brokers/broker.ts';
import type { JournalEntry, LegIntent, Order } from '../../../shared/domain/orders.ts';
import { expectationOf, positionKey, type Journal } from './journal.ts';

export interface ReconcileOptions {
  journal: Journal;
  brokers: readonly Broker[];
}

const TOLERANCE = 1e-9;

function describeSize(size: number): string {
  if (Math.abs(size) <= TOLERANCE) return 'flat';
  return `${size > 0 ? 'long' : 'short'} ${Number(Math.abs(size).toPrecision(12))}`;
}

export async function reconcile(options: ReconcileOptions): Promise<string[]> {
  const entries = await options.journal.list();
  const expected = expectationOf(entries);
  const pairOf = new Map<string, string>();
  for (const entry of entries) {
    if (entry.pairId !== null && entry.venue !== null && entry.symbol !== null) pairOf.set(positionKey(entry.venue, entry.symbol), entry.pairId);
  }
  const differences: string[] = oneLeggedPairs(entries);
  for (const broker of options.brokers) {
    differences.push(...(await reconcileVenue(broker, expected, pairOf)));
  }
  for (const [clientOrderId, sent] of expected.unanswered) {
    differences.push(`${sent.venue} ${sent.symbol}: order ${clientOrderId} was sent but its answer was never journalled; check it on the venue`);
  }
  return differences;
}

async function reconcileVenue(
  broker: Broker, expected: ReturnType<typeof expectationOf>, pairOf: Map<string, string>,
): Promise<string[]> {
  const venue: VenueId = broker.venue;
  let held: VenuePosition[];
  let open: Awaited<ReturnType<Broker['openOrders']>>;
  try {
    [held, open] = await Promise.all([broker.positions(), broker.openOrders()]);
  } catch (error) {
    return [`${venue}: could not be reconciled (${error instanceof Error ? error.message : String(error)}); positions there are unverified`];
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const position of held) {
    const key = positionKey(venue, position.symbol);
    seen.add(key);
    const journalSize = expected.positions.get(key)?.size ?? 0;
    if (Math.abs(journalSize - position.size) > TOLERANCE) out.push(sizeDifference(venue, position.symbol, journalSize, position.size, pairOf.get(key)));
  }
  for (const [key, position] of expected.positions) {
    if (position.venue !== venue || seen.has(key) || Math.abs(position.size) <= TOLERANCE) continue;
    out.push(sizeDifference(venue, position.symbol, position.size, 0, pairOf.get(key)));
  }
  const venueIds = new Set(open.map((order) => order.clientOrderId));
  for (const [clientOrderId, order] of expected.openOrders) {
    if (order.venue === venue && !venueIds.has(clientOrderId)) out.push(`${venue} ${order.symbol}: journal expects open order ${clientOrderId}, venue shows none`);
  }
  for (const order of open) {
    if (!expected.openOrders.has(order.clientOrderId)) out.push(`${venue} ${order.symbol}: venue shows open order ${order.clientOrderId} the journal does not know`);
  }
  return out;
}

function sizeDifference(venue: VenueId, symbol: string, journalSize: number, venueSize: number, pairId: string | undefined): string {
  return `${venue} ${symbol}: journal expects ${describeSize(journalSize)}, venue shows ${describeSize(venueSize)}${pairId ? ` (pair ${pairId})` : ''}`;
}

/**
 * Pairs whose legs hold unequal quantities by the journal's own account: a crash between the
 * legs (the venue agrees with the journal there, so only the pair view can see it), unless the
 * pair was already journalled UNHEDGED and is being handled.
 */
function oneLeggedPairs(entries: readonly JournalEntry[]): string[] {
  const legs = new Map<string, LegIntent[]>();
  const held = new Map<string, Map<string, number>>();
  const flagged = new Set<string>();
  for (const entry of entries) {
    if (entry.pairId === null) continue;
    if (entry.kind === 'intent') legs.set(entry.pairId, (entry.data as { intent: { legs: LegIntent[] } }).intent.legs);
    if (entry.kind === 'unhedged') flagged.add(entry.pairId);
    if (entry.kind === 'unhedged-resolved') flagged.delete(entry.pairId);
    if (entry.kind !== 'order') continue;
    const order = entry.data as Order;
    const sizes = held.get(entry.pairId) ?? new Map<string, number>();
    const key = `${order.venue} ${order.symbol} ${order.clientOrderId}`;
    sizes.set(key, order.side === 'buy' ? order.filled : -order.filled);
    held.set(entry.pairId, sizes);
  }
  const out: string[] = [];
  for (const [pairId, pairLegs] of legs) {
    if (pairLegs.length < 2 || flagged.has(pairId)) continue;
    const net = pairLegs.map((leg) => [...(held.get(pairId) ?? new Map<string, number>())]
      .filter(([key]) => key.startsWith(`${leg.venue} ${leg.symbol} `)).reduce((sum, [, size]) => sum + size, 0));
    if (Math.abs(Math.abs(net[0]) - Math.abs(net[1])) <= TOLERANCE) continue;
    const text = pairLegs.map((leg, i) => `${leg.venue} ${leg.symbol} ${describeSize(net[i])}`).join(', ');
    out.push(`pair ${pairId} is one-legged by the journal (${text}): interrupted between its legs; close or complete it`);
  }
  return out;
}
