/**
 * The journal folded, one entry at a time: `applyEntry` is the single pure step every reader's
 * state comes from (pairs with their legs and latest orders, what the venues should hold,
 * orders open or unanswered, funding per pair, the win-rate tally, the trading state). Folding
 * the whole journal at start and applying entries one by one as they are written reach the same
 * state; see docs/ledger.md.
 */
import type { ExitRule, ExitRules, HoldingMismatch, JournalEntry, LegIntent, Order, Pair, PairStatus } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { TradingStateName } from './tradingState.ts';

export interface PairRecord {
  pairId: string;
  ticketId: string;
  status: PairStatus;
  openedAt: number;
  closedAt: number | null;
  /** The legs of the opening intent. */
  legs: LegIntent[];
  exits: ExitRules;
  alignment: Pair['alignment'];
  /** The latest answer per client order id, in the order the ids first appeared. */
  orders: Order[];
  /** Every order sent for the pair (answered or not), in sending order. */
  sent: Array<{ clientOrderId: string; venue: VenueId; symbol: string }>;
  unhedgedReason: string | null;
  /** Intents journalled for the pair: the opening one, then one per close attempt. */
  intents: number;
  /** When each of its exits fired (`exit` entries): an exit fires once per pair (docs/exits.md). */
  firedExits: Partial<Record<ExitRule, number>>;
}

/** What the journal says should exist at the venues: net base per venue/symbol, and orders still open. */
export interface JournalExpectation {
  positions: Map<string, { venue: VenueId; symbol: string; size: number }>;
  openOrders: Map<string, Order>;
  /** Orders sent whose answer never came back (a crash or a timeout between send and answer). */
  unanswered: Map<string, { venue: VenueId; symbol: string; pairId: string | null }>;
}

/** A journalled trading-state transition (journalled before it takes effect). */
export interface TradingStateEntryData {
  state: TradingStateName;
  reason: string | null;
}

export interface JournalledTradingState extends TradingStateEntryData {
  since: number;
}

export interface LedgerState {
  lastSeq: number;
  pairs: Map<string, PairRecord>;
  /** Per pair, the index in `orders` of each client order id. */
  orderIndex: Map<string, Map<string, number>>;
  expectation: JournalExpectation;
  /** Filled base already counted per client order id (an order is journalled again as it fills). */
  counted: Map<string, number>;
  /** The last pair journalled on each venue/symbol. */
  pairOfPosition: Map<string, string>;
  /** Funding received (> 0) or paid per pair and venue/symbol. */
  funding: Map<string, number>;
  /** Venue payment ids already journalled. */
  fundingIds: Set<string>;
  /** Every journalled funding amount with its settlement time, in journal order (the portfolio's windows). */
  fundingTimes: Array<{ time: number; amount: number }>;
  /** Closed pairs by alignment at entry: [wins, closed]. */
  tally: { confirmed: [number, number]; contradicted: [number, number] };
  tradingState: JournalledTradingState | null;
  /** Venue/symbol positions found holding other than approved, until resolved (docs/units.md). */
  mismatches: Map<string, HoldingMismatch>;
}

/** A `mismatch` entry's data: the mismatch as found; its `since` is the first entry's time. */
export type MismatchEntryData = Omit<HoldingMismatch, 'since'>;

export const positionKey = (venue: string, symbol: string): string => `${venue} ${symbol}`;
export const fundingKey = (pairId: string, venue: string, symbol: string): string => `${pairId}\u0000${positionKey(venue, symbol)}`;

export function emptyLedgerState(): LedgerState {
  return {
    lastSeq: 0, pairs: new Map(), orderIndex: new Map(),
    expectation: { positions: new Map(), openOrders: new Map(), unanswered: new Map() },
    counted: new Map(), pairOfPosition: new Map(), funding: new Map(), fundingIds: new Set(), fundingTimes: [],
    tally: { confirmed: [0, 0], contradicted: [0, 0] }, tradingState: null, mismatches: new Map(),
  };
}

/** Folds `entries` (in journal order) into a fresh state. */
export function foldJournal(entries: readonly JournalEntry[]): LedgerState {
  const state = emptyLedgerState();
  for (const entry of entries) applyEntry(state, entry);
  return state;
}

/**
 * The alignment tag a ticket's checklist snapshot carries: `checklist.alignment.tag` as the
 * ticket service journals it (ChecklistSnapshot), or a bare `checklist.alignment` tag.
 */
export function alignmentOf(checklist: unknown): 'confirmed' | 'contradicted' | 'neutral' | null {
  const raw = (checklist as { alignment?: unknown } | null)?.alignment;
  const value = typeof raw === 'object' && raw !== null ? (raw as { tag?: unknown }).tag : raw;
  return value === 'confirmed' || value === 'contradicted' || value === 'neutral' ? value : null;
}

/**
 * Net base per leg of a pair from its journalled orders (the last answer per client id counts).
 * Rounded to 12 significant digits: fills converted from contracts carry float residue (10,100
 * contracts of 0.1 are 1010.0000000000001 coins), which showed a hedged pair a "delta drift" of
 * 1.13687e-13 coins; no venue's lot is that fine.
 */
export function legSizes(record: PairRecord): number[] {
  return record.legs.map((leg) => Number(record.orders
    .filter((order) => order.venue === leg.venue && order.symbol === leg.symbol)
    .reduce((sum, order) => sum + (order.side === 'buy' ? order.filled : -order.filled), 0)
    .toPrecision(12)));
}

function statusOf(record: PairRecord): PairStatus {
  if (record.closedAt !== null) return 'closed';
  if (record.unhedgedReason !== null) return 'unhedged';
  const sizes = legSizes(record);
  return sizes.some((size) => Math.abs(size) > 1e-12) ? 'open' : record.orders.length ? 'closed' : 'failed';
}

/** Applies one entry, the next in journal order (the caller keeps the order; see `ledger.ts`). */
export function applyEntry(state: LedgerState, entry: JournalEntry): void {
  state.lastSeq = entry.seq;
  applyExpectation(state, entry);
  if (entry.kind === 'funding') applyFunding(state, entry);
  if (entry.kind === 'trading-state') {
    const data = entry.data as TradingStateEntryData;
    state.tradingState = { state: data.state, reason: data.reason ?? null, since: entry.time };
  }
  if (entry.kind === 'mismatch' || entry.kind === 'mismatch-resolved') applyMismatch(state, entry);
  if (entry.pairId === null) return;
  if (entry.venue !== null && entry.symbol !== null) state.pairOfPosition.set(positionKey(entry.venue, entry.symbol), entry.pairId);
  applyToPair(state, entry.pairId, entry);
}

function applyToPair(state: LedgerState, pairId: string, entry: JournalEntry): void {
  let record = state.pairs.get(pairId);
  if (entry.kind === 'intent') {
    if (record === undefined) {
      record = newPair(pairId, entry);
      state.pairs.set(pairId, record);
    }
    record.intents += 1;
  }
  if (record === undefined) return;
  if (entry.kind === 'order') setOrder(state, record, String(entry.clientOrderId), entry.data as Order);
  if (entry.kind === 'order-sent' && entry.clientOrderId !== null && entry.venue !== null && entry.symbol !== null) {
    record.sent.push({ clientOrderId: entry.clientOrderId, venue: entry.venue, symbol: entry.symbol });
  }
  if (entry.kind === 'unhedged') record.unhedgedReason = String((entry.data as { reason: string }).reason);
  if (entry.kind === 'unhedged-resolved') record.unhedgedReason = null;
  if (entry.kind === 'exit') record.firedExits[(entry.data as { rule: ExitRule }).rule] = entry.time;
  if (entry.kind === 'pair-closed') {
    record.closedAt = entry.time;
    const tag = record.alignment;
    if (tag === 'confirmed' || tag === 'contradicted') {
      state.tally[tag][0] += Number((entry.data as { net: number }).net) > 0 ? 1 : 0;
      state.tally[tag][1] += 1;
    }
  }
  record.status = statusOf(record);
}

function newPair(pairId: string, entry: JournalEntry): PairRecord {
  const data = entry.data as { ticketId?: string; intent?: { legs?: LegIntent[]; exits?: ExitRules }; checklist?: unknown };
  return {
    pairId, ticketId: data.ticketId ?? pairId, status: 'opening', openedAt: entry.time, closedAt: null, legs: data.intent?.legs ?? [],
    exits: data.intent?.exits ?? {}, alignment: alignmentOf(data.checklist), orders: [], sent: [], unhedgedReason: null, intents: 0, firedExits: {},
  };
}

function setOrder(state: LedgerState, record: PairRecord, clientOrderId: string, order: Order): void {
  let index = state.orderIndex.get(record.pairId);
  if (index === undefined) {
    index = new Map();
    state.orderIndex.set(record.pairId, index);
  }
  const at = index.get(clientOrderId);
  if (at === undefined) {
    index.set(clientOrderId, record.orders.length);
    record.orders.push(order);
  } else {
    record.orders[at] = order;
  }
}

function applyExpectation(state: LedgerState, entry: JournalEntry): void {
  const expectation = state.expectation;
  if (entry.clientOrderId === null || entry.venue === null || entry.symbol === null) return;
  if (entry.kind === 'order-sent') expectation.unanswered.set(entry.clientOrderId, { venue: entry.venue, symbol: entry.symbol, pairId: entry.pairId });
  if (entry.kind === 'order-error') expectation.unanswered.delete(entry.clientOrderId);
  if (entry.kind !== 'order' && entry.kind !== 'cancel') return;
  const order = entry.data as Order;
  expectation.unanswered.delete(order.clientOrderId);
  // An order may be journalled several times as it fills: count only the new part.
  const delta = order.filled - (state.counted.get(order.clientOrderId) ?? 0);
  state.counted.set(order.clientOrderId, order.filled);
  const key = positionKey(order.venue, order.symbol);
  const held = expectation.positions.get(key) ?? { venue: order.venue, symbol: order.symbol, size: 0 };
  held.size += order.side === 'buy' ? delta : -delta;
  expectation.positions.set(key, held);
  if (order.status === 'open' || order.status === 'partially-filled') expectation.openOrders.set(order.clientOrderId, order);
  else expectation.openOrders.delete(order.clientOrderId);
}

function applyFunding(state: LedgerState, entry: JournalEntry): void {
  const data = entry.data as { id?: string; amount: number };
  if (data.id !== undefined) state.fundingIds.add(data.id);
  state.fundingTimes.push({ time: entry.time, amount: data.amount });
  if (entry.pairId === null || entry.venue === null || entry.symbol === null) return;
  const key = fundingKey(entry.pairId, entry.venue, entry.symbol);
  state.funding.set(key, (state.funding.get(key) ?? 0) + data.amount);
}

function applyMismatch(state: LedgerState, entry: JournalEntry): void {
  if (entry.venue === null || entry.symbol === null) return;
  const key = positionKey(entry.venue, entry.symbol);
  if (entry.kind === 'mismatch-resolved') {
    state.mismatches.delete(key);
    return;
  }
  const since = state.mismatches.get(key)?.since ?? entry.time;
  state.mismatches.set(key, { ...(entry.data as MismatchEntryData), venue: entry.venue, symbol: entry.symbol, since });
}
