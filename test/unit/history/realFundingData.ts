/**
 * Converts the real recorded funding data in `../shared/data` (see its README) into the
 * project's funding-history CSV at test time; nothing of it is copied into the repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATA_DIR = fileURLToPath(new URL('../../../../shared/data', import.meta.url));
const SEVEN_VENUES = join(DATA_DIR, 'btc-eth-7venues');
const BINANCE_Q1 = join(DATA_DIR, 'binance-usdm-2026q1/funding');

const HOUR = 3_600_000;
const MINUTE = 60_000;
const STANDARD_INTERVALS = new Set([1, 2, 4, 8]);
const HEADER = 'venue,symbol,time,rate,interval_hours';

/** The recorder's venue names → ccxt ids, and the zone its `Date` column is written in. */
const SEVEN_VENUE_IDS: Record<string, { id: string; utcOffsetHours: number }> = {
  binance: { id: 'binanceusdm', utcOffsetHours: 3 },
  bybit: { id: 'bybit', utcOffsetHours: 3 },
  htx: { id: 'htx', utcOffsetHours: 3 },
  kucoin: { id: 'kucoinfutures', utcOffsetHours: 3 },
  mexc: { id: 'mexc', utcOffsetHours: 3 },
  gate: { id: 'gate', utcOffsetHours: 0 },
  dydx: { id: 'dydx', utcOffsetHours: 0 },
};

interface Row { time: number; rate: string }

/** Settlement times carry a few ms of jitter in the recordings: the minute is the settlement. */
const toMinute = (ms: number) => Math.round(ms / MINUTE) * MINUTE;

/**
 * Neither dataset has an interval column. A settlement's interval is the gap since the
 * previous one when that gap is a standard interval (1, 2, 4, 8 h); otherwise (a hole in the
 * record, or the odd 3-h step when a venue moves a symbol back from 1 h to 4 h) it is the gap
 * to the next settlement, and failing that the interval of the row before.
 */
export function inferIntervals(times: readonly number[]): number[] {
  const gap = (i: number) => (i > 0 && i < times.length ? Math.round((times[i] - times[i - 1]) / HOUR) : NaN);
  const intervals: number[] = [];
  for (let i = 0; i < times.length; i++) {
    const back = gap(i);
    const ahead = gap(i + 1);
    if (STANDARD_INTERVALS.has(back)) intervals.push(back);
    else if (STANDARD_INTERVALS.has(ahead)) intervals.push(ahead);
    else intervals.push(intervals[i - 1] ?? 8);
  }
  return intervals;
}

function toCsvLines(venue: string, symbol: string, rows: Row[]): string[] {
  const intervals = inferIntervals(rows.map((r) => r.time));
  return rows.map((r, i) => `${venue},${symbol},${new Date(r.time).toISOString()},${r.rate},${intervals[i]}`);
}

function dataLines(file: string): string[][] {
  return readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => l.trim().split(','));
}

/** `BTC-USDT` or `ETH-USDT` on the seven venues, as project CSV text (times in UTC, `Z`). */
export function sevenVenuesCsv(pair: 'BTC-USDT' | 'ETH-USDT'): string {
  const [base, quote] = pair.split('-');
  const lines = [HEADER];
  for (const file of readdirSync(join(SEVEN_VENUES, pair)).sort()) {
    const venue = SEVEN_VENUE_IDS[file.split('_')[1]];
    const rows = dataLines(join(SEVEN_VENUES, pair, file)).map(([, date, rate]) => ({
      // `Date` has no zone marker: read it as UTC, then take the venue's offset off.
      time: toMinute(Date.parse(`${date.replace(' ', 'T')}Z`) - venue.utcOffsetHours * HOUR),
      rate,
    }));
    lines.push(...toCsvLines(venue.id, `${base}/${quote}:${quote}`, rows));
  }
  return `${lines.join('\n')}\n`;
}

/** The Binance USDⓈ-M quarter (`timestamp,symbol,funding_rate`), all or some symbols, as project CSV text. */
export function binanceQ1Csv(symbols?: readonly string[]): string {
  const files = symbols ? symbols.map((s) => `${s}.csv`) : readdirSync(BINANCE_Q1).filter((f) => f.endsWith('.csv')).sort();
  const lines = [HEADER];
  for (const file of files) {
    const raw = dataLines(join(BINANCE_Q1, file));
    const market = raw[0][1];
    const quote = market.endsWith('USDC') ? 'USDC' : 'USDT';
    const symbol = `${market.slice(0, -quote.length)}/${quote}:${quote}`;
    lines.push(...toCsvLines('binanceusdm', symbol, raw.map(([ts, , rate]) => ({ time: toMinute(Number(ts)), rate }))));
  }
  return `${lines.join('\n')}\n`;
}
