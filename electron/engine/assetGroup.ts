import type { FundingQuote } from '../../shared/domain/quotes.ts';
import type { Leg } from '../../shared/domain/signals.ts';
import { compareLegs, legOf, staleDeadline } from './legs.ts';
import { RateHistory } from './rateHistory.ts';

interface Entry {
  quote: FundingQuote;
  /** Built once per quote; only its staleness is refreshed afterwards. Null when the quote has no rate. */
  leg: Leg | null;
  staleAfter: number;
}

/** One base asset's quotes across venues (one per venue and symbol), in leg order, and its rate history. */
export class AssetGroup {
  readonly history = new RateHistory();
  /** Earliest time one of the fresh legs turns stale, as of the last `legsAt`; +Infinity when none is fresh. */
  deadline = Number.POSITIVE_INFINITY;
  private readonly entries: Entry[] = [];

  get size(): number {
    return this.entries.length;
  }

  put(quote: FundingQuote, now: number): void {
    const entry: Entry = { quote, leg: legOf(quote, now), staleAfter: staleDeadline(quote) };
    const at = this.indexOf(quote);
    if (at >= 0) {
      this.entries[at] = entry;
      return;
    }
    let i = this.entries.length;
    while (i > 0 && compareLegs(this.entries[i - 1].quote, quote) > 0) i--;
    this.entries.splice(i, 0, entry);
  }

  remove(quote: FundingQuote): void {
    const at = this.indexOf(quote);
    if (at >= 0) this.entries.splice(at, 1);
  }

  /** The legs as seen at `now` (staleness refreshed); also updates `deadline`. */
  legsAt(now: number): Leg[] {
    const legs: Leg[] = [];
    let deadline = Number.POSITIVE_INFINITY;
    for (const entry of this.entries) {
      const leg = entry.leg;
      if (!leg) continue;
      const stale = now > entry.staleAfter;
      if (stale !== leg.stale) entry.leg = { ...leg, stale };
      legs.push(entry.leg!);
      if (!stale && entry.staleAfter < deadline) deadline = entry.staleAfter;
    }
    this.deadline = deadline;
    return legs;
  }

  private indexOf(quote: FundingQuote): number {
    for (let i = 0; i < this.entries.length; i++) {
      const q = this.entries[i].quote;
      if (q.venue === quote.venue && q.symbol === quote.symbol) return i;
    }
    return -1;
  }
}
