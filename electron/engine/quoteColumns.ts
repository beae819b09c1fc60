import type { FundingQuote } from '../../shared/domain/quotes.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';
import { StringTableError, StringTableReader, StringTableWriter } from './stringTable.ts';

/** The numeric fields of a quote, one Float64Array each; null travels as NaN. */
const NUMERIC_COLUMNS = ['multiplier', 'rate', 'lastSettledRate', 'intervalHours', 'nextFundingTime', 'markPrice', 'indexPrice', 'bid', 'ask', 'volume24hUsd', 'openInterestUsd', 'observedAt'] as const;
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


/** The buffers to list in `postMessage`'s transfer list. */
export function transferablesOf(columns: QuoteColumns): ArrayBuffer[] {
  const views = [columns.venue, columns.predicted, columns.symbol, columns.base, ...NUMERIC_COLUMNS.map((name) => columns.numbers[name])];
  return views.map((view) => view.buffer as ArrayBuffer);
}

/** The sending side. One encoder per receiver: a new worker needs a new encoder. */
export class QuoteEncoder {
  private readonly table = new StringTableWriter();

  encode(quotes: readonly FundingQuote[]): QuoteColumns {
    const n = quotes.length;
    const { stringsFrom, strings } = this.table.begin();
    const columns: QuoteColumns = { count: n, stringsFrom, strings, venue: new Uint8Array(n), predicted: new Uint8Array(n), symbol: new Uint32Array(n), base: new Uint32Array(n), numbers: {} as QuoteColumns['numbers'] };
    for (const name of NUMERIC_COLUMNS) columns.numbers[name] = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const q = quotes[i];
      columns.venue[i] = VENUE_IDS.indexOf(q.venue);
      columns.predicted[i] = q.rateKind === 'predicted' ? 1 : 0;
      columns.symbol[i] = this.table.intern(q.symbol);
      columns.base[i] = this.table.intern(q.base);
      for (const name of NUMERIC_COLUMNS) columns.numbers[name][i] = q[name] ?? Number.NaN;
    }
    return columns;
  }
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** The receiving side: keeps the string table in step with its encoder. */
export class QuoteDecoder {
  private readonly table = new StringTableReader();

  decode(columns: QuoteColumns): FundingQuote[] {
    this.table.take(columns, 'quote columns');
    const { numbers: c } = columns;
    const quotes: FundingQuote[] = new Array(columns.count);
    for (let i = 0; i < columns.count; i++) {
      const venue = VENUE_IDS[columns.venue[i]];
      if (venue === undefined) throw new StringTableError(`quote ${i}: unknown venue index ${columns.venue[i]}`);
      quotes[i] = {
        venue,
        symbol: this.table.get(columns.symbol[i], i, 'quote'),
        base: this.table.get(columns.base[i], i, 'quote'),
        multiplier: c.multiplier[i],
        rate: orNull(c.rate[i]),
        rateKind: columns.predicted[i] === 1 ? 'predicted' : 'settled',
        lastSettledRate: orNull(c.lastSettledRate[i]),
        intervalHours: c.intervalHours[i],
        nextFundingTime: orNull(c.nextFundingTime[i]),
        markPrice: orNull(c.markPrice[i]),
        indexPrice: orNull(c.indexPrice[i]),
        bid: orNull(c.bid[i]),
        ask: orNull(c.ask[i]),
        volume24hUsd: orNull(c.volume24hUsd[i]),
        openInterestUsd: orNull(c.openInterestUsd[i]),
        observedAt: c.observedAt[i],
      };
    }
    return quotes;
  }
}
