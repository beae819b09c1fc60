/**
 * Positions per leg and per pair, read from the ledger (what each pair bought and sold)
 * and priced with the venue's view (mark, liquidation) and the latest quotes (next settlement
 * and its rate). Funding PnL comes from the journal's `funding` entries (the venue's own
 * funding income for live, the paper ledger otherwise, journalled per pair by
 * `fundingJournal.ts`, which splits a symbol's payment between the pairs holding it).
 */
import type { Order, Pair, PositionLeg } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { quoteMarkPerCoin } from '../../../shared/domain/units.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { Broker, VenuePosition } from './brokers/broker.ts';
import { isSpotDust } from './brokers/spotHoldings.ts';
import type { HoldingWatch } from './holdingWatch.ts';
import type { Journal } from './journal.ts';
import type { Ledger } from './ledger.ts';
import { legSizes, positionKey, type PairRecord } from './ledgerFold.ts';

/** Volume-weighted price of the opening (not reduce-only) fills on one side. */
export function averageEntry(orders: readonly Order[], side: 'buy' | 'sell'): number {
  const opening = orders.filter((o) => o.side === side && !o.reduceOnly && o.averagePrice !== null && o.filled > 0);
  const quantity = opening.reduce((sum, o) => sum + o.filled, 0);
  return quantity > 0 ? opening.reduce((sum, o) => sum + o.filled * o.averagePrice!, 0) / quantity : 0;
}

export interface LegInputs {
  venue: VenueId;
  symbol: string;
  size: number;
  orders: Order[];
  position: VenuePosition | undefined;
  quote: FundingQuote | undefined;
  fundingPnl: number;
  leverage?: number;
}

/** One leg's figures; a leg's realised price PnL is kept in `pricePnl` once closed. */
export function legView(input: LegInputs): PositionLeg {
  const { size, orders, position, quote } = input;
  const openSide = orders.find((o) => !o.reduceOnly)?.side ?? (size >= 0 ? 'buy' : 'sell');
  // A spot balance states no entry price (0): the journalled fills do.
  const entry = position && position.entryPrice > 0 ? position.entryPrice : averageEntry(orders, openSide);
  const mark = position?.markPrice ?? (quote ? quoteMarkPerCoin(quote) : null) ?? entry;
  const realised = orders.filter((o) => o.reduceOnly && o.averagePrice !== null)
    .reduce((sum, o) => sum + o.filled * (o.averagePrice! - entry) * (o.side === 'sell' ? 1 : -1), 0);
  const pricePnl = size * (mark - entry) + realised;
  const fees = orders.reduce((sum, o) => sum + o.fee, 0);
  const liquidation = position?.liquidationPrice ?? null;
  const rate = quote?.rate ?? quote?.lastSettledRate ?? null;
  return {
    venue: input.venue, symbol: input.symbol, size, entryPrice: entry, markPrice: mark, pricePnl, fundingPnl: input.fundingPnl, fees,
    net: pricePnl + input.fundingPnl - fees, liquidationPrice: liquidation,
    liquidationDistancePct: liquidation !== null && mark > 0 ? Math.abs(mark - liquidation) / mark : null,
    nextFundingTime: quote?.nextFundingTime ?? null,
    // Longs pay a positive rate: what this leg receives is −size × mark × rate.
    nextPayment: rate === null || size === 0 ? null : -size * mark * rate,
    notionalUsd: Math.abs(size) * mark, leverage: input.leverage ?? null,
  };
}

export interface PositionBookOptions {
  journal: Journal;
  brokers: (venue: VenueId) => Broker;
  quotes: () => readonly FundingQuote[];
  /** Judges every read of the venues against the journal (docs/units.md, "Checked at run time"). */
  watch?: HoldingWatch;
}

export interface PositionBook {
  pairs(): Promise<Pair[]>;
}

export function createPositionBook(options: PositionBookOptions): PositionBook {
  return {
    async pairs() {
      const ledger = options.journal.ledger;
      const records = ledger.pairs();
      const quotes = new Map(options.quotes().map((q) => [positionKey(q.venue, q.symbol), q]));
      const venues = new Set(records.flatMap((r) => r.legs.map((leg) => leg.venue)));
      const { held, unreachable } = await (options.watch?.read(venues) ?? venuePositions(options.brokers, venues));
      return records.map((record) => pairView(ledger, record, held, quotes, unreachable, options.brokers));
    },
  };
}

/**
 * Each venue's positions, read one venue at a time: a venue that cannot be read (not open,
 * not answering) is set aside with why, and never hides the others' positions.
 */
export async function venuePositions(brokers: (venue: VenueId) => Broker, venues: Iterable<VenueId>): Promise<{ held: Map<string, VenuePosition>; unreachable: Map<VenueId, string> }> {
  const held = new Map<string, VenuePosition>();
  const unreachable = new Map<VenueId, string>();
  await Promise.all([...venues].map(async (venue) => {
    try {
      for (const p of await brokers(venue).positions()) held.set(positionKey(venue, p.symbol), p);
    } catch (error) {
      unreachable.set(venue, error instanceof Error ? error.message : String(error));
    }
  }));
  return { held, unreachable };
}

function pairView(
  ledger: Ledger, record: Readonly<PairRecord>, held: Map<string, VenuePosition>, quotes: Map<string, FundingQuote>, unreachable: Map<VenueId, string>,
  brokers: (venue: VenueId) => Broker,
): Pair {
  // A spot leg's unsellable rest after a close is dust, not a position (spotHoldings.ts); a venue
  // not reached has no broker to read its lots from, so nothing there counts as dust.
  const sizes = legSizes(record).map((size, i) => {
    const leg = record.legs[i];
    if (unreachable.has(leg.venue)) return size;
    return isSpotDust(brokers(leg.venue), leg.symbol, size, held.get(positionKey(leg.venue, leg.symbol))?.markPrice ?? 0) ? 0 : size;
  });
  const legs: PositionLeg[] = [];
  for (const [i, leg] of record.legs.entries()) {
    const key = positionKey(leg.venue, leg.symbol);
    const funding = ledger.funding(record.pairId, leg.venue, leg.symbol);
    const orders = record.orders.filter((o) => o.venue === leg.venue && o.symbol === leg.symbol);
    const position = sizes[i] !== 0 ? held.get(key) : undefined;
    const view = legView({ venue: leg.venue, symbol: leg.symbol, size: sizes[i], orders, position, quote: quotes.get(key), fundingPnl: funding, leverage: leg.leverage });
    const why = unreachable.get(leg.venue);
    legs.push(why === undefined || sizes[i] === 0 ? view : { ...view, unreachable: why });
  }
  return {
    pairId: record.pairId, ticketId: record.ticketId, status: record.status, openedAt: record.openedAt, closedAt: record.closedAt,
    alignment: record.alignment, exits: record.exits, legs, deltaDrift: sizes.reduce((sum, s) => sum + s, 0),
    net: legs.reduce((sum, l) => sum + l.net, 0), unhedgedReason: record.unhedgedReason,
    exitWatch: [], // the exit monitor's to fill: it knows which exits already fired
    mismatches: record.legs.flatMap((leg) => {
      const found = ledger.mismatches().get(positionKey(leg.venue, leg.symbol));
      return found === undefined ? [] : [{ ...found }];
    }),
  };
}

/**
 * Clears UNHEDGED for each pair whose legs the venues now show flat or equal again (closed by
 * hand, by the kill switch, or re-hedged), journalling the resolution; returns the pair ids.
 */
export async function resolveUnhedged(options: PositionBookOptions): Promise<string[]> {
  const resolved: string[] = [];
  for (const record of options.journal.ledger.pairs()) {
    if (record.status !== 'unhedged') continue;
    const { held, unreachable } = await venuePositions(options.brokers, new Set(record.legs.map((leg) => leg.venue)));
    // A leg whose venue cannot be read stays UNHEDGED: nothing is known about it.
    if (unreachable.size > 0) continue;
    const sizes = record.legs.map((leg) => held.get(positionKey(leg.venue, leg.symbol))?.size ?? 0);
    const flat = sizes.every((size) => Math.abs(size) <= 1e-12);
    const hedged = sizes.length === 2 && Math.abs(sizes[0] + sizes[1]) <= 1e-9 * Math.max(...sizes.map(Math.abs));
    if (!flat && !hedged) continue;
    await options.journal.append({
      kind: 'unhedged-resolved', pairId: record.pairId, venue: null, symbol: null, clientOrderId: null,
      data: { sizes, how: flat ? 'flat' : 're-hedged' },
    });
    resolved.push(record.pairId);
  }
  return resolved;
}
