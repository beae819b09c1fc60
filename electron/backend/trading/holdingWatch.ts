/**
 * The venue's answer is the truth, checked at run time (docs/units.md, "Checked at run time").
 * Every read of the venues' positions (the position book's, so every refresh, every exit check
 * and the read after each ticket, close, unwind and kill-switch pass) is compared with what the
 * journal approved (`holdingCheck.ts`). A holding off by more than one lot becomes a MISMATCH:
 * journalled (it survives a restart), trading tightened to REDUCING, an alert; it is cleared,
 * journalled again, when a later read finds the venue back within one lot. The check costs no
 * venue call of its own: it judges the positions the book has just read.
 */
import type { Alert } from '../../../shared/domain/signals.ts';
import type { HoldingMismatch } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { LotRules } from '../../../shared/risk/lots.ts';
import type { Broker, VenuePosition } from './brokers/broker.ts';
import { approvedHoldings, holdingsOf, judgeHolding, type Holding } from './holdingCheck.ts';
import type { Journal } from './journal.ts';
import { positionKey, type MismatchEntryData } from './ledgerFold.ts';
import { judgePairValues, type PairValueVerdicts } from './pairValueCheck.ts';
import { venuePositions } from './positions.ts';
import type { TradingStateMachine } from './tradingState.ts';

export interface HoldingWatchOptions {
  journal: Journal;
  brokers: (venue: VenueId) => Broker;
  state: TradingStateMachine;
  now: () => number;
  alert: (severity: Alert['severity'], message: string) => void;
}

export interface VenueRead {
  held: Map<string, VenuePosition>;
  unreachable: Map<VenueId, string>;
}

export interface HoldingWatch {
  /** Reads `venues`' positions (one positions call per venue) and judges them against the journal. */
  read(venues: Iterable<VenueId>): Promise<VenueRead>;
}

/**
 * Venue/symbols whose journal is moving: an order sent and not answered, or open. The venue
 * may already hold what the journal does not yet know, so they are not judged in that read.
 */
function busyKeys(journal: Journal): Set<string> {
  const expected = journal.ledger.expectation();
  const keys = new Set<string>();
  for (const sent of expected.unanswered.values()) keys.add(positionKey(sent.venue, sent.symbol));
  for (const order of expected.openOrders.values()) keys.add(positionKey(order.venue, order.symbol));
  return keys;
}

/** Approved size per key, to see whether the journal moved while the venues were read. */
function approvedSizes(journal: Journal): Map<string, number> {
  return new Map([...approvedHoldings(journal.ledger)].map(([key, holding]) => [key, holding.size]));
}

/** A refreshed mismatch is journalled again only when the venue's figure moved by a lot or more. */
function moved(before: Readonly<HoldingMismatch>, now: MismatchEntryData): boolean {
  const step = now.lotCoins ?? 0;
  return Math.abs(before.venueCoins - now.venueCoins) > step || Math.abs(before.approvedCoins - now.approvedCoins) > step
    || (before.venueUsd === null) !== (now.venueUsd === null)
    || (now.venueUsd !== null && before.venueUsd !== null && Math.abs(before.venueUsd - now.venueUsd) > Math.max(1, 0.01 * now.venueUsd));
}

/** The symbol's lot and asset; a market the venue no longer lists is judged without a lot. */
function termsOf(broker: Broker, symbol: string): { lot: LotRules | null; asset: string } {
  try {
    return { lot: broker.lot(symbol), asset: broker.units(symbol).asset };
  } catch {
    return { lot: null, asset: symbol };
  }
}

export function createHoldingWatch(options: HoldingWatchOptions): HoldingWatch {
  const { journal } = options;

  async function found(mismatch: MismatchEntryData, known: boolean): Promise<void> {
    await journal.append({ time: options.now(), kind: 'mismatch', pairId: null, venue: mismatch.venue, symbol: mismatch.symbol, clientOrderId: null, data: mismatch });
    if (known) return;
    options.alert('critical', `MISMATCH: ${mismatch.reason}; ${mismatch.restoreNote}`);
    // Tightening only: REDUCING from ACTIVE, never loosening HALTED.
    if (options.state.current.state !== 'ACTIVE') return;
    await options.state.transition('REDUCING', `MISMATCH: ${mismatch.reason}`, options.now()).catch((error: unknown) => {
      // The kill switch got there first (HALTED cannot become REDUCING): tighter already.
      if (options.state.current.state === 'ACTIVE') throw error;
    });
  }

  async function resolved(venue: VenueId, symbol: string, venueCoins: number): Promise<void> {
    await journal.append({ time: options.now(), kind: 'mismatch-resolved', pairId: null, venue, symbol, clientOrderId: null, data: { venueCoins } });
    options.alert('info', `${venue} ${symbol}: the venue holds the approved size again (within one lot); MISMATCH cleared — re-arm by hand to trade again`);
  }

  /** The symbol's lot on `venue`, null where the venue's broker is not open or no longer lists it. */
  function lotOf(venue: VenueId, symbol: string): LotRules | null {
    try {
      return termsOf(options.brokers(venue), symbol).lot;
    } catch {
      return null;
    }
  }

  interface Judged { venue: VenueId; holding: Holding; own: MismatchEntryData | null }

  /** Each holding of `venue` judged on its own against the journal (nothing journalled yet). */
  function ownVerdicts(venue: VenueId, read: VenueRead, skip: ReadonlySet<string>): Judged[] {
    let broker: Broker;
    try {
      broker = options.brokers(venue);
    } catch {
      return []; // not open: the read set it aside as unreachable
    }
    const held = [...read.held.values()].filter((position) => position.venue === venue);
    // A mismatch on a venue/symbol no pair approves any more is judged against nothing approved.
    const approved = approvedHoldings(journal.ledger);
    for (const [key, m] of journal.ledger.mismatches()) if (m.venue === venue && !approved.has(key)) approved.set(key, { venue, symbol: m.symbol, size: 0 });
    return holdingsOf(venue, approved, held, false).filter((holding) => !skip.has(holding.key)).map((holding) => {
      const { lot, asset } = termsOf(broker, holding.symbol);
      return { venue, holding, own: judgeHolding(holding, lot, asset) };
    });
  }

  async function judge({ venue, holding, own }: Judged, across: PairValueVerdicts): Promise<void> {
    const before = journal.ledger.mismatches().get(holding.key);
    // Its own check first; then its pair's other leg, where both were read (docs/units.md, "Across the two legs").
    const verdict = own ?? across.found.get(holding.key) ?? null;
    if (verdict === null && before?.across !== undefined && !across.judged.has(holding.key)) return;
    if (verdict === null && before !== undefined) await resolved(venue, holding.symbol, holding.held?.size ?? 0);
    if (verdict !== null && (before === undefined || moved(before, verdict))) await found(verdict, before !== undefined);
  }

  // Reads judged one at a time: two overlapping refreshes must not journal one mismatch twice.
  let judging: Promise<void> = Promise.resolve();
  return {
    async read(venues) {
      const list = [...new Set(venues)];
      const [busyBefore, sizesBefore] = [busyKeys(journal), approvedSizes(journal)];
      const read = await venuePositions(options.brokers, list);
      const judged = judging.then(async () => {
        const skip = new Set([...busyBefore, ...busyKeys(journal)]);
        for (const [key, size] of approvedSizes(journal)) if (sizesBefore.get(key) !== size) skip.add(key);
        const judged = list.filter((v) => !read.unreachable.has(v)).flatMap((venue) => ownVerdicts(venue, read, skip));
        // A pair with a leg off on its own is explained by that leg: it is not judged across as well.
        const ownOff = new Set(judged.filter((j) => j.own !== null).map((j) => j.holding.key));
        const across = judgePairValues({ ledger: journal.ledger, approved: approvedHoldings(journal.ledger), held: read.held, skip: (key) => skip.has(key) || ownOff.has(key), lot: lotOf });
        for (const one of judged) await judge(one, across);
      });
      judging = judged.catch(() => undefined);
      await judged;
      return read;
    },
  };
}
