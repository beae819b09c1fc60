import type { FundingPoint } from '../domain/quotes.ts';
import { parseUnifiedSymbol } from '../domain/symbols.ts';
import { rateApr, ratePer8h } from '../funding/normalise.ts';
import { bestSpread, type BestSpread } from '../funding/spread.ts';

/** One venue/symbol's latest settlement as of the scan time (the `scan --json` quote). */
export interface ScanQuote {
  venue: string;
  symbol: string;
  rate: number;
  intervalHours: number;
  ratePer8h: number;
  apr: number;
  /** ISO-8601 UTC time of the settlement this rate was paid at. */
  fundingTime: string;
}

export interface ScanAsset {
  base: string;
  quotes: ScanQuote[];
  best: BestSpread<string> | null;
}

/** The `scan --json` object. */
export interface ScanResult {
  at: string;
  assets: ScanAsset[];
}

/**
 * The monitor's state rebuilt from history: for each venue/symbol its latest settlement at or
 * before `at` (epoch ms), grouped by base asset (multiplier prefixes stripped, so
 * `1000PEPE/USDT:USDT` joins `PEPE`), with the best cross-venue spread per 8 h. Assets are
 * ordered by spread, widest first; assets quoted on a single venue (no spread) come last.
 * Points whose symbol is not a unified perpetual `BASE/QUOTE:SETTLE` are not comparable and
 * are left out.
 */
export function scanAt(points: Iterable<FundingPoint>, at: number): ScanResult {
  const scan = new ScanAt(at);
  for (const point of points) scan.add(point);
  return scan.result();
}

/** `scanAt` fed one point at a time (a file read as a stream): holds one point per venue/symbol. */
export class ScanAt {
  private readonly at: number;
  private readonly latest = new Map<string, FundingPoint>();

  constructor(at: number) {
    this.at = at;
  }

  add(point: FundingPoint): void {
    if (point.time > this.at) return;
    const key = `${point.venue}|${point.symbol}`;
    const held = this.latest.get(key);
    if (!held || point.time > held.time) this.latest.set(key, point);
  }

  result(): ScanResult {
    const byBase = new Map<string, ScanQuote[]>();
    for (const point of this.latest.values()) {
      const parsed = parseUnifiedSymbol(point.symbol);
      if (!parsed) continue;
      const quotes = byBase.get(parsed.base) ?? [];
      quotes.push(toQuote(point));
      byBase.set(parsed.base, quotes);
    }
    const assets: ScanAsset[] = [...byBase].map(([base, quotes]) => {
      quotes.sort((a, b) => a.venue.localeCompare(b.venue) || a.symbol.localeCompare(b.symbol));
      return { base, quotes, best: bestSpread(quotes) };
    });
    assets.sort(bySpreadThenBase);
    return { at: new Date(this.at).toISOString(), assets };
  }
}

function toQuote(point: FundingPoint): ScanQuote {
  return {
    venue: point.venue,
    symbol: point.symbol,
    rate: point.rate,
    intervalHours: point.intervalHours,
    ratePer8h: ratePer8h(point.rate, point.intervalHours),
    apr: rateApr(point.rate, point.intervalHours),
    fundingTime: new Date(point.time).toISOString(),
  };
}

function bySpreadThenBase(a: ScanAsset, b: ScanAsset): number {
  if (a.best && b.best) return b.best.spreadPer8h - a.best.spreadPer8h || a.base.localeCompare(b.base);
  if (a.best) return -1;
  if (b.best) return 1;
  return a.base.localeCompare(b.base);
}
