import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { CONTINUOUS_FUNDING_VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { ratePer8h } from '../../../shared/funding/normalise.ts';
import { nextSettlementAfter } from '../../../shared/funding/settlements.ts';

const HOUR_MS = 3_600_000;

export interface SettlementRate {
  symbol: string;
  base: string;
  /** Rate per the symbol's interval, as it will be paid (predicted or last settled). */
  rate: number;
  ratePer8h: number;
  rateKind: FundingQuote['rateKind'];
}

/** One venue's settlement at one instant: how many symbols settle then and the largest rates. */
export interface Settlement {
  venue: VenueId;
  time: number;
  intervals: number[];
  symbols: number;
  /** Only the next settlement of each symbol has a known rate; later ones are projected from the interval. */
  projected: boolean;
  top: SettlementRate[];
}

function firstSettlement(q: FundingQuote, now: number): number {
  return q.nextFundingTime !== null && q.nextFundingTime > now ? q.nextFundingTime : nextSettlementAfter(now, q.intervalHours);
}

function paidRate(q: FundingQuote): SettlementRate | null {
  const rate = q.rate ?? q.lastSettledRate;
  if (rate === null) return null;
  return { symbol: q.symbol, base: q.base, rate, ratePer8h: ratePer8h(rate, q.intervalHours), rateKind: q.rate === null ? 'settled' : q.rateKind };
}

/**
 * The settlement calendar from `now` to `now + horizonMs`, per venue and instant, in time order.
 * The first settlement of a symbol is the venue's published time; the later ones follow its interval.
 * A venue that funds continuously has no settlements to list and is left out.
 */
export function buildSettlements(quotes: Iterable<FundingQuote>, now: number, horizonMs: number, topN = 3): Settlement[] {
  const byKey = new Map<string, Settlement & { intervalSet: Set<number> }>();
  const until = now + horizonMs;
  for (const q of quotes) {
    if (CONTINUOUS_FUNDING_VENUES.has(q.venue)) continue;
    const step = q.intervalHours * HOUR_MS;
    let first = true;
    for (let t = firstSettlement(q, now); t <= until; t += step, first = false) {
      const key = `${q.venue}|${t}`;
      let s = byKey.get(key);
      if (!s) byKey.set(key, (s = { venue: q.venue, time: t, intervals: [], symbols: 0, projected: true, top: [], intervalSet: new Set() }));
      s.symbols += 1;
      s.intervalSet.add(q.intervalHours);
      if (!first) continue;
      s.projected = false;
      const paid = paidRate(q);
      if (paid) s.top.push(paid);
    }
  }
  const out: Settlement[] = [];
  for (const { intervalSet, ...s } of byKey.values()) {
    s.top = s.top.sort((a, b) => Math.abs(b.ratePer8h) - Math.abs(a.ratePer8h)).slice(0, topN);
    s.intervals = [...intervalSet].sort((a, b) => a - b);
    out.push(s);
  }
  return out.sort((a, b) => a.time - b.time || a.venue.localeCompare(b.venue));
}
