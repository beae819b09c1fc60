/**
 * Funding payments into the journal. After each settlement pass (and before positions are
 * read) every broker's funding income for the symbols the pairs hold is fetched — the venue's
 * funding history for live, the paper ledger otherwise — and each payment not journalled yet
 * (by its venue id) becomes a `funding` entry per pair that held the symbol at that time, its
 * amount split by the size each pair held. Positions derive funding PnL from these entries, and
 * a paper account rebuilds its ledger from them at restart.
 */
import type { FundingPayment, Order } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { Broker } from './brokers/broker.ts';
import type { FundingEntryData } from './brokers/paper.ts';
import type { Journal, NewJournalEntry } from './journal.ts';
import type { PairRecord } from './ledgerFold.ts';
import type { PairPayment } from './positionAlerts.ts';

/** Closed pairs stay polled this long, so a settlement just before the close is still journalled. */
const CLOSED_POLL_MS = 24 * 3_600_000;

export interface FundingJournaller {
  /** Journals the payments not journalled yet; returns how many payments were new. Calls never overlap. */
  sync(brokers: readonly Broker[]): Promise<number>;
}

export function paymentId(payment: FundingPayment): string {
  return payment.id ?? `${payment.venue} ${payment.symbol} ${payment.time}`;
}

/** `onPayments` hears each pair's share of the payments a sync journalled (the pair-paid alerts, docs/exits.md). */
export function createFundingJournaller(
  journal: Journal, now: () => number, onError: (venue: VenueId, error: unknown) => void, onPayments: (payments: PairPayment[]) => void = () => {},
): FundingJournaller {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    sync(brokers) {
      const run = chain.then(() => syncOnce(journal, brokers, now(), onError, onPayments));
      chain = run.catch(() => undefined);
      return run;
    },
  };
}

async function syncOnce(
  journal: Journal, brokers: readonly Broker[], now: number, onError: (venue: VenueId, error: unknown) => void, onPayments: (payments: PairPayment[]) => void,
): Promise<number> {
  const records = journal.ledger.pairs().filter((r) => r.closedAt === null || now - r.closedAt < CLOSED_POLL_MS);
  let added = 0;
  const paired: PairPayment[] = [];
  for (const broker of brokers) {
    for (const [symbol, since] of heldSymbols(records, broker.venue)) {
      let payments: FundingPayment[];
      try {
        payments = await broker.fundingPayments(symbol, since);
      } catch (error) {
        onError(broker.venue, error);
        continue;
      }
      for (const payment of payments) {
        const id = paymentId(payment);
        if (journal.ledger.hasFunding(id) || payment.symbol !== symbol) continue;
        added += 1;
        for (const entry of fundingEntries({ ...payment, id }, records)) {
          await journal.append(entry);
          const { amount } = entry.data as FundingEntryData;
          if (entry.pairId !== null) paired.push({ pairId: entry.pairId, venue: payment.venue, symbol: payment.symbol, time: payment.time, amount });
        }
      }
    }
  }
  if (paired.length > 0) onPayments(paired);
  return added;
}

/** Symbols of this venue that some polled pair trades, with the earliest opening among them. */
function heldSymbols(records: readonly Readonly<PairRecord>[], venue: VenueId): Map<string, number> {
  const out = new Map<string, number>();
  for (const record of records) {
    for (const leg of record.legs) {
      if (leg.venue === venue) out.set(leg.symbol, Math.min(out.get(leg.symbol) ?? Infinity, record.openedAt));
    }
  }
  return out;
}

/** Signed base a pair held on venue/symbol at `time`, by its orders' own times. */
function sizeAt(record: Readonly<PairRecord>, venue: VenueId, symbol: string, time: number): number {
  return record.orders.filter((o: Order) => o.venue === venue && o.symbol === symbol && o.time <= time)
    .reduce((sum, o) => sum + (o.side === 'buy' ? o.filled : -o.filled), 0);
}

/** One entry per pair that held the symbol at settlement (split by size), or one without a pair. */
export function fundingEntries(payment: FundingPayment & { id: string }, records: readonly Readonly<PairRecord>[]): NewJournalEntry[] {
  const holders = records.map((record) => ({ record, size: Math.abs(sizeAt(record, payment.venue, payment.symbol, payment.time)) }))
    .filter((h) => h.size > 1e-12 && h.record.openedAt <= payment.time && (h.record.closedAt === null || payment.time <= h.record.closedAt));
  const total = holders.reduce((sum, h) => sum + h.size, 0);
  const entry = (pairId: string | null, share: number): NewJournalEntry => ({
    kind: 'funding', pairId, venue: payment.venue, symbol: payment.symbol, clientOrderId: null, time: payment.time,
    data: { ...payment, amount: payment.amount * share, paymentAmount: payment.amount } satisfies FundingEntryData,
  });
  if (holders.length === 0) return [entry(null, 1)];
  return holders.map((h) => entry(h.record.pairId, h.size / total));
}
