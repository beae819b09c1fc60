import type { FundingQuote } from '../../shared/domain/quotes.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';

/** The numeric fields of a quote, one Float64Array each; null travels as NaN. */
const NUMERIC_COLUMNS = ['multiplier', 'rate', 'lastSettledRate', 'intervalHours', 'nextFundingTime', 'markPrice', 'indexPrice', 'volume24hUsd', 'openInterestUsd', 'observedAt'] as const;
type NumericColumn = (typeof NUMERIC_COLUMNS)[number];

/**
 * Quotes as columns for the trip to the worker: typed arrays that are transferred, not copied,
 * and strings as indexes into a table both sides keep. Only strings the receiver has not seen
 * travel, as `strings` appended at position `stringsFrom`.
 */
export interface QuoteColumns {
  count: number;
  stringsFrom: number;
  strings: string[];
  venue: Uint8Array;
  /** 1 = predicted, 0 = settled. */
  predicted: Uint8Array;
  symbol: Uint32Array;
  base: Uint32Array;
  numbers: Record<NumericColumn, Float64Array>;
}

export class QuoteColumnsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuoteColumnsError';
  }
}

/** The buffers to list in `postMessage`'s transfer list. */
export function transferablesOf(columns: QuoteColumns): ArrayBuffer[] {
  const views = [columns.venue, columns.predicted, columns.symbol, columns.base, ...NUMERIC_COLUMNS.map((name) => columns.numbers[name])];
  return views.map((view) => view.buffer as ArrayBuffer);
}

/** The sending side. One encoder per receiver: a new worker needs a new encoder. */
export class QuoteEncoder {
  private readonly ids = new Map<string, number>();

  encode(quotes: readonly FundingQuote[]): QuoteColumns {
    const n = quotes.length;
    const stringsFrom = this.ids.size;
    const strings: string[] = [];
    const intern = (text: string): number => {
      let id = this.ids.get(text);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(text, id);
        strings.push(text);
      }
      return id;
    };
    const columns: QuoteColumns = { count: n, stringsFrom, strings, venue: new Uint8Array(n), predicted: new Uint8Array(n), symbol: new Uint32Array(n), base: new Uint32Array(n), numbers: {} as QuoteColumns['numbers'] };
    for (const name of NUMERIC_COLUMNS) columns.numbers[name] = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const q = quotes[i];
      columns.venue[i] = VENUE_IDS.indexOf(q.venue);
      columns.predicted[i] = q.rateKind === 'predicted' ? 1 : 0;
      columns.symbol[i] = intern(q.symbol);
      columns.base[i] = intern(q.base);
      for (const name of NUMERIC_COLUMNS) columns.numbers[name][i] = q[name] ?? Number.NaN;
    }
    return columns;
  }
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** The receiving side: keeps the string table in step with its encoder. */
export class QuoteDecoder {
  private readonly table: string[] = [];

  decode(columns: QuoteColumns): FundingQuote[] {
    if (columns.stringsFrom !== this.table.length) {
      throw new QuoteColumnsError(`quote columns out of step: strings start at ${columns.stringsFrom} but the table holds ${this.table.length}; the sender must use a new encoder for a new receiver`);
    }
    this.table.push(...columns.strings);
    const { numbers: c } = columns;
    const quotes: FundingQuote[] = new Array(columns.count);
    for (let i = 0; i < columns.count; i++) {
      const venue = VENUE_IDS[columns.venue[i]];
      if (venue === undefined) throw new QuoteColumnsError(`quote ${i}: unknown venue index ${columns.venue[i]}`);
      quotes[i] = {
        venue,
        symbol: this.string(columns.symbol[i], i),
        base: this.string(columns.base[i], i),
        multiplier: c.multiplier[i],
        rate: orNull(c.rate[i]),
        rateKind: columns.predicted[i] === 1 ? 'predicted' : 'settled',
        lastSettledRate: orNull(c.lastSettledRate[i]),
        intervalHours: c.intervalHours[i],
        nextFundingTime: orNull(c.nextFundingTime[i]),
        markPrice: orNull(c.markPrice[i]),
        indexPrice: orNull(c.indexPrice[i]),
        volume24hUsd: orNull(c.volume24hUsd[i]),
        openInterestUsd: orNull(c.openInterestUsd[i]),
        observedAt: c.observedAt[i],
      };
    }
    return quotes;
  }

  private string(id: number, row: number): string {
    const text = this.table[id];
    if (text === undefined) throw new QuoteColumnsError(`quote ${row}: string index ${id} is not in the table (${this.table.length} entries)`);
    return text;
  }
}
