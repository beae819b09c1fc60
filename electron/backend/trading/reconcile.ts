/**
 * Start-up reconciliation: what the journal says is open (the pairs' positions folded from
 * journalled fills, orders still open, orders sent without an answer) against what each venue
 * shows, joined by the one comparison in `holdingCheck.ts`: exactly for perps; a spot leg's
 * difference that no order could trade (fee dust, a venue's rounding of coin balances) is no
 * difference (`spotHoldings.ts`), and a pair's legs are equal within one lot of the larger leg,
 * as the execution judges a hedge.
 * Every difference comes back as a sentence naming venue, symbol and both sides, e.g.
 * "okx BTC/USDT:USDT: journal expects short 0.5, venue shows flat". A crash between the two
 * legs of a pair shows up here as the first leg's position, with the pair named.
 */
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { Broker, VenuePosition } from './brokers/broker.ts';
import { holdsText } from '../../../shared/domain/killSwitchWords.ts';
import { journalHolds, type Journal } from './journal.ts';
import type { Ledger } from './ledger.ts';
import { legSizes, type JournalExpectation } from './ledgerFold.ts';
import { approvedHoldings, holdingsOf } from './holdingCheck.ts';
import { isSpotDust } from './brokers/spotHoldings.ts';

export interface ReconcileOptions {
  journal: Journal;
  brokers: readonly Broker[];
  /** Venues the journal or the vault knows that could not be opened, with why: named with what the journal holds there. */
  unreachable?: ReadonlyMap<VenueId, string>;
}

const TOLERANCE = 1e-9;

function describeSize(size: number): string {
  if (Math.abs(size) <= TOLERANCE) return 'flat';
  return `${size > 0 ? 'long' : 'short'} ${Number(Math.abs(size).toPrecision(12))}`;
}

export async function reconcile(options: ReconcileOptions): Promise<string[]> {
  const ledger = options.journal.ledger;
  const expected = ledger.expectation();
  const differences: string[] = oneLeggedPairs(ledger, new Map(options.brokers.map((broker) => [broker.venue, broker])));
  const venues = await Promise.all(options.brokers.map((broker) => reconcileVenue(broker, expected, ledger)));
  differences.push(...venues.flat());
  for (const [venue, why] of options.unreachable ?? []) differences.push(unreachableVenue(venue, why, expected));
  for (const [clientOrderId, sent] of expected.unanswered) {
    differences.push(`${sent.venue} ${sent.symbol}: order ${clientOrderId} was sent but its answer was never journalled; check it on the venue`);
  }
  return differences;
}

async function reconcileVenue(
  broker: Broker, expected: Readonly<JournalExpectation>, ledger: Ledger,
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
  for (const holding of holdingsOf(venue, approvedHoldings(ledger), held, true)) {
    const venueSize = holding.held?.size ?? 0;
    const gap = holding.size - venueSize;
    if (Math.abs(gap) > TOLERANCE && !isSpotDust(broker, holding.symbol, gap, holding.held?.markPrice ?? 0)) out.push(sizeDifference(venue, holding.symbol, holding.size, venueSize, ledger.pairOf(venue, holding.symbol)));
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

function unreachableVenue(venue: VenueId, why: string, expected: Readonly<JournalExpectation>): string {
  const holds = journalHolds(expected).get(venue) ?? [];
  const held = holds.length ? `the journal holds there ${holdsText(holds)}` : 'the journal holds nothing there';
  return `${venue}: could not be reached (${why}); ${held}, unverified until it answers`;
}

function sizeDifference(venue: VenueId, symbol: string, journalSize: number, venueSize: number, pairId: string | undefined): string {
  return `${venue} ${symbol}: journal expects ${describeSize(journalSize)}, venue shows ${describeSize(venueSize)}${pairId ? ` (pair ${pairId})` : ''}`;
}

/**
 * Pairs whose legs hold unequal quantities by the journal's own account: a crash between the
 * legs (the venue agrees with the journal there, so only the pair view can see it), unless the
 * pair was already journalled UNHEDGED and is being handled. A closed spot leg's dust counts as
 * flat, and legs apart by less than one lot of the larger leg's venue are equal.
 */
function oneLeggedPairs(ledger: Ledger, brokers: ReadonlyMap<VenueId, Broker>): string[] {
  const out: string[] = [];
  for (const record of ledger.pairs()) {
    if (record.legs.length < 2 || record.unhedgedReason !== null) continue;
    const net = legSizes(record);
    const held = net.map((size, i) => {
      const broker = brokers.get(record.legs[i].venue);
      return broker && isSpotDust(broker, record.legs[i].symbol, size, 0) ? 0 : Math.abs(size);
    });
    const larger = held[0] >= held[1] ? 0 : 1;
    if (Math.abs(held[0] - held[1]) <= Math.max(TOLERANCE, lotStepOf(brokers.get(record.legs[larger].venue), record.legs[larger].symbol) * (1 - 1e-9))) continue;
    const text = record.legs.map((leg, i) => `${leg.venue} ${leg.symbol} ${describeSize(net[i])}`).join(', ');
    out.push(`pair ${record.pairId} is one-legged by the journal (${text}): interrupted between its legs; close or complete it`);
  }
  return out;
}

/** The venue's lot step for the symbol; 0 (judge exactly) when the venue is not open or its lot unknown. */
function lotStepOf(broker: Broker | undefined, symbol: string): number {
  try {
    return broker?.lot(symbol).step ?? 0;
  } catch {
    return 0;
  }
}
