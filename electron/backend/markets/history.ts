/**
 * Paged history through ccxt: settled funding (`fetchFundingRateHistory`) and closes
 * (`fetchOHLCV`). Venues cap a page (100–1000 rows) and some ignore `since` partially, so
 * the loop advances on the newest time seen and stops when a page brings nothing new.
 */
import type { Exchange, FundingRateHistory, OHLCV } from 'ccxt';
import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { numberOrNull } from './fundingQuote.ts';

const HOUR_MS = 3_600_000;
/** Intervals venues actually use; a gap between settlements larger than these is missing data. */
const PLAUSIBLE_INTERVAL_HOURS = new Set([1, 2, 4, 8]);
/** Upper bound of pages per request, so a venue that ignores `since` cannot loop us forever. */
const MAX_PAGES = 500;

/**
 * Interval of each settlement from the spacing of settlement times: a settlement covers
 * the hours since the previous one. The first point, and a point after a gap in the data,
 * take the spacing to the next one; a lone point takes `fallbackHours`.
 */
export function inferIntervalHours(times: number[], fallbackHours: number): number[] {
  const spacing = (i: number): number | null => {
    if (i <= 0 || i >= times.length) return null;
    const hours = Math.round((times[i] - times[i - 1]) / HOUR_MS);
    return PLAUSIBLE_INTERVAL_HOURS.has(hours) ? hours : null;
  };
  return times.map((_, i) => spacing(i) ?? spacing(i + 1) ?? fallbackHours);
}

async function paginate<T>(fetchPage: (since: number) => Promise<T[]>, timeOf: (row: T) => number, since: number, until: number): Promise<T[]> {
  const byTime = new Map<number, T>();
  let cursor = since;
  for (let page = 0; page < MAX_PAGES && cursor <= until; page++) {
    const rows = await fetchPage(cursor);
    let newest = -Infinity;
    for (const row of rows) {
      const time = timeOf(row);
      if (!Number.isFinite(time) || time < since || time > until) continue;
      byTime.set(time, row);
      newest = Math.max(newest, time);
    }
    if (newest < cursor) break;
    cursor = newest + 1;
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}

/** How far past a period's boundary an observation still stands for the rate at the boundary. */
const OBSERVATION_WINDOW_MS = 60_000;

export interface HistoryRequest {
  exchange: Exchange;
  venue: VenueId;
  symbol: string;
  since: number;
  until: number;
  pageLimit: number;
  /**
   * Venues whose history pages by page number, newest first (bitget), ignore `since`: ccxt
   * walks those pages itself when asked (`paginate`), so one call returns the whole range.
   */
  pagedByCcxt?: boolean;
  /** The venue's own settlement reader, where ccxt has no funding-history call for it (VenueSpec.readSettlements). */
  readSettlements?: (since: number, until: number) => Promise<FundingRateHistory[]>;
  /** The candle asked of a venue that serves none as long as the one wanted (Paradex: 1 h at most). */
  readTimeframe?: '1h';
}

export async function fetchFundingHistory(request: HistoryRequest, fallbackIntervalHours: number): Promise<FundingPoint[]> {
  const { exchange, venue, symbol, since, until, pageLimit } = request;
  const timeOf = (row: FundingRateHistory) => row.timestamp ?? NaN;
  const inRange = (rows: FundingRateHistory[]) => rows.filter((row) => timeOf(row) >= since && timeOf(row) <= until).sort((a, b) => timeOf(a) - timeOf(b));
  const rows = request.readSettlements
    ? inRange(await request.readSettlements(since, until))
    : request.pagedByCcxt
    ? inRange(await exchange.fetchFundingRateHistory(symbol, since, undefined, { paginate: true }))
    : await paginate<FundingRateHistory>((cursor) => exchange.fetchFundingRateHistory(symbol, cursor, pageLimit, { until }), timeOf, since, until);
  const usable = rows.filter((row) => numberOrNull(row.fundingRate) !== null);
  const intervals = inferIntervalHours(usable.map((row) => row.timestamp as number), fallbackIntervalHours);
  return usable.map((row, i) => ({
    venue,
    symbol,
    time: row.timestamp as number,
    rate: row.fundingRate as number,
    intervalHours: intervals[i],
    // binance puts the settlement mark price in the raw row; others do not publish it.
    markPrice: numberOrNull((row.info as Record<string, unknown> | undefined)?.markPrice),
  }));
}

/**
 * Funding history of a venue that funds continuously (Paradex): its rows are observations of
 * the running rate, about one a second, not settlements, so paging through them would read
 * thousands of "settlements" an hour. Instead the rate is read once per period of
 * `periodHours`, the first observation at or after each boundary on the UTC grid standing for
 * the period it closes (docs/venues.md, "Paradex"). A boundary without an observation within
 * a minute is left out, as a missing settlement would be.
 */
export async function fetchObservedFundingHistory(request: HistoryRequest, periodHours: number): Promise<FundingPoint[]> {
  const { exchange, venue, symbol, since, until } = request;
  const period = periodHours * HOUR_MS;
  const points: FundingPoint[] = [];
  for (let boundary = Math.ceil(since / period) * period; boundary <= until; boundary += period) {
    const rows = await exchange.fetchFundingRateHistory(symbol, boundary, 1, { until: Math.min(boundary + OBSERVATION_WINDOW_MS, until) });
    const observed = rows.find((row) => (row.timestamp ?? NaN) >= boundary && numberOrNull(row.fundingRate) !== null);
    if (observed) points.push({ venue, symbol, time: boundary, rate: observed.fundingRate as number, intervalHours: periodHours, markPrice: null });
  }
  return points;
}

const CANDLE_MS = { '1h': HOUR_MS, '4h': 4 * HOUR_MS } as const;

/**
 * Closes stamped at the time they became known: a candle's close at the candle's end (ccxt
 * stamps it at its opening, four hours before that price existed), the running candle's at
 * `until`. Anything later reading "the latest close at or before t" therefore never sees a
 * price from after t (docs/domain.md §2.6).
 */
export async function fetchPriceHistory(request: HistoryRequest, timeframe: '1h' | '4h'): Promise<PricePoint[]> {
  const { exchange, venue, symbol, since, until, pageLimit } = request;
  const read = request.readTimeframe ?? timeframe;
  const candles = await paginate<OHLCV>(
    (cursor) => exchange.fetchOHLCV(symbol, read, cursor, pageLimit, { until }),
    (candle) => candle[0] ?? NaN,
    since,
    until,
  );
  // Shorter candles than asked for stand in for the longer ones where their close falls on its grid.
  const onGrid = (time: number) => read === timeframe || time === until || time % CANDLE_MS[timeframe] === 0;
  return candles
    .filter((candle) => numberOrNull(candle[4]) !== null)
    .map((candle) => ({ venue, symbol, time: Math.min((candle[0] as number) + CANDLE_MS[read], until), close: candle[4] as number }))
    .filter((point) => onGrid(point.time));
}
