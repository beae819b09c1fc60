import type { FundingPoint, FundingQuote } from '../../../shared/domain/quotes.ts';

const HOUR_MS = 3_600_000;
/** Venues stamp a settlement up to a few seconds off the period boundary. */
const STAMP_TOLERANCE_MS = 60_000;

/** Newest stored settlement per `venue symbol`, epoch ms. */
export function newestStored(stored: readonly FundingPoint[]): Map<string, number> {
  const newest = new Map<string, number>();
  for (const p of stored) {
    const key = `${p.venue} ${p.symbol}`;
    if (p.time > (newest.get(key) ?? -Infinity)) newest.set(key, p.time);
  }
  return newest;
}

/**
 * The base's live legs whose stored history is missing or ends before their latest settlement
 * (the next one minus one interval), as `venue symbol@settlement` keys. Empty: nothing to fetch.
 * The keys name the settlement, so a caller can try each missing period once.
 */
export function backfillDue(newest: ReadonlyMap<string, number>, quotes: readonly FundingQuote[]): string[] {
  const due: string[] = [];
  for (const q of quotes) {
    const key = `${q.venue} ${q.symbol}`;
    const have = newest.get(key);
    const settled = q.nextFundingTime === null ? null : q.nextFundingTime - q.intervalHours * HOUR_MS;
    if (have === undefined) due.push(`${key}@${settled ?? 'none'}`);
    else if (settled !== null && have < settled - STAMP_TOLERANCE_MS) due.push(`${key}@${settled}`);
  }
  return due.sort();
}
