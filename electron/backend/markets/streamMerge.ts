/**
 * Merges websocket updates into a venue's quotes without letting anything older win.
 * A stream message carries the venue's event time; it is applied only when it is newer than
 * both the last REST snapshot (observed at poll start) and the last message of the same
 * channel for that symbol (a message dated on receipt only needs to be as new: those arrive in
 * order). A REST snapshot that lands after a newer stream message keeps the
 * streamed fields (the snapshot was taken before the message). Pure: no clocks, no I/O.
 */
import type { FundingQuote } from '../../../shared/domain/quotes.ts';

/** The fields a stream may refresh; intervals and listings stay with REST. */
export type StreamFields = Partial<Pick<FundingQuote, 'rate' | 'lastSettledRate' | 'nextFundingTime' | 'markPrice' | 'indexPrice'>>;

export interface StreamUpdate {
  symbol: string;
  /** Which subscription it came from (`markPrice`, `funding`): each channel is ordered on its own. */
  channel: string;
  /** The venue's event time (ms); where the venue sends none, the time it was received. */
  eventTime: number;
  /** The venue sends no time (`eventTime` is the receipt time): an equal time is a later message, not a repeat. */
  datedOnReceipt?: boolean;
  fields: StreamFields;
}

/** Only the fields a message actually carries: a missing one never blanks a REST value. */
export function presentFields(fields: { [K in keyof StreamFields]: number | null }): StreamFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as StreamFields;
}

interface Applied extends StreamUpdate {
  receivedAt: number;
}

export interface StreamOverlay {
  /** The quotes these updates make newer (merged); older, repeated or unknown-symbol updates yield nothing. */
  accept(quotes: ReadonlyMap<string, FundingQuote>, updates: readonly StreamUpdate[], receivedAt: number): FundingQuote[];
  /** A REST snapshot with every stream field observed after it laid over; forgets what the snapshot supersedes. */
  onto(snapshot: readonly FundingQuote[]): FundingQuote[];
}

function laidOver(quote: FundingQuote, update: Applied): FundingQuote {
  return { ...quote, ...update.fields, observedAt: Math.max(quote.observedAt, update.receivedAt) };
}

export function createStreamOverlay(): StreamOverlay {
  let restObservedAt = -Infinity;
  const latest = new Map<string, Applied>();

  return {
    accept(quotes, updates, receivedAt) {
      const merged = new Map<string, FundingQuote>();
      for (const update of updates) {
        const current = merged.get(update.symbol) ?? quotes.get(update.symbol);
        if (!current || update.eventTime <= restObservedAt) continue;
        const key = `${update.symbol}\u0000${update.channel}`;
        const previous = latest.get(key);
        if (previous && (update.eventTime < previous.eventTime || (update.eventTime === previous.eventTime && !update.datedOnReceipt))) continue;
        const applied = { ...update, receivedAt };
        latest.set(key, applied);
        merged.set(update.symbol, laidOver(current, applied));
      }
      return [...merged.values()];
    },
    onto(snapshot) {
      if (snapshot.length === 0) return [];
      restObservedAt = Math.max(restObservedAt, ...snapshot.map((quote) => quote.observedAt));
      const newer = new Map<string, Applied[]>();
      for (const [key, applied] of latest) {
        if (applied.eventTime <= restObservedAt) latest.delete(key);
        else newer.set(applied.symbol, [...(newer.get(applied.symbol) ?? []), applied]);
      }
      return snapshot.map((quote) => (newer.get(quote.symbol) ?? []).reduce(laidOver, quote));
    },
  };
}
