/**
 * What a new snapshot changed relative to the previous one, and the alerts it implies.
 * Pure: the market data service feeds it snapshots and forwards the result.
 */
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

/** Every field a consumer shows; `observedAt` alone moving is not a change. */
const VALUE_FIELDS = ['rate', 'rateKind', 'lastSettledRate', 'intervalHours', 'nextFundingTime', 'markPrice', 'indexPrice', 'bid', 'ask', 'volume24hUsd', 'openInterestUsd'] as const;

export function sameValues(a: FundingQuote, b: FundingQuote): boolean {
  return VALUE_FIELDS.every((field) => a[field] === b[field]);
}

export interface SnapshotDiff {
  changed: FundingQuote[];
  intervalChanges: Array<{ quote: FundingQuote; previousHours: number }>;
}

export function diffSnapshot(previous: ReadonlyMap<string, FundingQuote>, next: readonly FundingQuote[]): SnapshotDiff {
  const changed: FundingQuote[] = [];
  const intervalChanges: SnapshotDiff['intervalChanges'] = [];
  for (const quote of next) {
    const before = previous.get(quote.symbol);
    if (before && sameValues(before, quote)) continue;
    changed.push(quote);
    if (before && before.intervalHours !== quote.intervalHours) intervalChanges.push({ quote, previousHours: before.intervalHours });
  }
  return { changed, intervalChanges };
}

export function intervalChangeAlert(quote: FundingQuote, previousHours: number, at: number): Alert {
  const label = VENUES[quote.venue].label;
  return {
    id: `interval-change:${quote.venue}:${quote.symbol}:${at}`,
    kind: 'interval-change',
    severity: 'warn',
    at,
    base: quote.base,
    venue: quote.venue,
    condition: `interval:${quote.symbol}`,
    message: `${label} ${quote.symbol} now settles every ${quote.intervalHours} h (was ${previousHours} h); per-8 h figures and settlement times follow the new interval.`,
  };
}

export function venueDownAlert(venue: VenueId, reason: string | null, at: number): Alert {
  const label = VENUES[venue].label;
  return {
    id: `venue-down:${venue}:${at}`,
    kind: 'venue',
    severity: 'critical',
    at,
    base: null,
    venue,
    condition: 'down',
    message: `${label} is down: ${reason ?? 'no answer'} Its quotes are stale and no signal is built on them; other venues keep updating.`,
  };
}

export function venueRecoveredAlert(venue: VenueId, downSince: number, at: number): Alert {
  const label = VENUES[venue].label;
  const seconds = Math.round((at - downSince) / 1000);
  return {
    id: `venue-recovered:${venue}:${at}`,
    kind: 'venue',
    severity: 'info',
    at,
    base: null,
    venue,
    condition: 'recovered',
    message: `${label} recovered after ${seconds} s; its quotes are live again.`,
  };
}
