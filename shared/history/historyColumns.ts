import type { FundingPoint, PricePoint } from '../domain/quotes.ts';

/**
 * Funding and price history as columns: what the store reads in bulk and what crosses to the
 * study worker (typed arrays are copied as blocks, not as half a million objects). Venue and
 * symbol are dictionary codes into `venues` / `symbols`.
 */
export interface KeyColumns {
  venues: string[];
  symbols: string[];
  venue: Int32Array;
  symbol: Int32Array;
  /** Epoch ms. */
  time: Float64Array;
}
export interface FundingColumns extends KeyColumns { rate: Float64Array; intervalHours: Float64Array }
export interface PriceColumns extends KeyColumns { close: Float64Array }

export function fundingPointsOf(columns: FundingColumns): FundingPoint[] {
  return Array.from(columns.time, (time, i) => ({
    venue: columns.venues[columns.venue[i]], symbol: columns.symbols[columns.symbol[i]], time,
    rate: columns.rate[i], intervalHours: columns.intervalHours[i], markPrice: null,
  }));
}

export function pricePointsOf(columns: PriceColumns): PricePoint[] {
  return Array.from(columns.time, (time, i) => ({
    venue: columns.venues[columns.venue[i]], symbol: columns.symbols[columns.symbol[i]], time, close: columns.close[i],
  }));
}

/** Dictionary-encodes a string column (first-seen order). */
export function encodeStrings(values: ArrayLike<unknown>): { dictionary: string[]; codes: Int32Array } {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = String(values[i]);
    let code = index.get(value);
    if (code === undefined) {
      code = dictionary.length;
      index.set(value, code);
      dictionary.push(value);
    }
    codes[i] = code;
  }
  return { dictionary, codes };
}

/** Settlements as columns (the analytics job reads per base through the repository's point API; the study's point entry). */
export function fundingColumnsOf(points: readonly FundingPoint[]): FundingColumns {
  return { ...keyColumnsOf(points), rate: Float64Array.from(points, (p) => p.rate), intervalHours: Float64Array.from(points, (p) => p.intervalHours) };
}

/** Closes as columns (the study's point entry: tests and the CLI read CSV files as points). */
export function priceColumnsOf(points: readonly PricePoint[]): PriceColumns {
  return { ...keyColumnsOf(points), close: Float64Array.from(points, (p) => p.close) };
}

function keyColumnsOf(points: readonly { venue: string; symbol: string; time: number }[]): KeyColumns {
  const venue = encodeStrings(points.map((p) => p.venue));
  const symbol = encodeStrings(points.map((p) => p.symbol));
  return { venues: venue.dictionary, symbols: symbol.dictionary, venue: venue.codes, symbol: symbol.codes, time: Float64Array.from(points, (p) => p.time) };
}
