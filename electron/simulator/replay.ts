/**
 * Replay: drives an instrument's funding (and, where recorded, its prices) from history instead
 * of the model. Reads the project's funding CSV (`venue,symbol,time,rate,interval_hours[,mark_price]`,
 * header required) and the Binance recorded folder format (`funding/<SYMBOL>.csv` with
 * `timestamp,symbol,funding_rate`, optional `klines_4h/<SYMBOL>.csv` with
 * `timestamp,open,high,low,close,…`). Recorded rates settle at their recorded times.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SimSettlement, VenueId } from './types.ts';
import type { FundingSource, Market } from './market.ts';
import { parseFundingCsv } from '../../shared/history/fundingCsv.ts';
import { isVenueId } from '../../shared/domain/venues.ts';
import { nextBoundary } from './fundingSchedule.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface RecordedSettlement {
  time: number;
  rate: number;
  intervalHours: number;
  markPrice: number | null;
}

export interface RecordedBar {
  time: number;
  open: number;
  close: number;
  durationMs: number;
}

/** One instrument's recording: `symbol` is the venue's native id (binance) or a unified symbol (CSV). */
export interface ReplaySeries {
  venue: VenueId;
  symbol: string;
  settlements: RecordedSettlement[];
  bars: RecordedBar[];
  source: string;
}

export class ReplayFormatError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ReplayFormatError';
  }
}

/** Reads a funding CSV file, a Binance funding file, or a Binance recorded folder. */
export function readReplay(path: string): ReplaySeries[] {
  if (!existsSync(path)) throw new ReplayFormatError(path, 0, 'no such file or folder');
  if (statSync(path).isDirectory()) return readBinanceFolder(path);
  const text = readFileSync(path, 'utf8');
  const header = text.slice(0, text.indexOf('\n')).trim().toLowerCase();
  if (header.startsWith('timestamp,symbol,funding_rate')) return [readBinanceFunding(path, text, undefined)];
  return readFundingCsv(path, text);
}

function readFundingCsv(path: string, text: string): ReplaySeries[] {
  const { points, errors } = parseFundingCsv(text, basename(path));
  if (errors.length) throw new ReplayFormatError(path, errors[0].line, errors[0].message);
  const bySymbol = new Map<string, ReplaySeries>();
  for (const point of points) {
    if (!isVenueId(point.venue)) throw new ReplayFormatError(path, 0, `venue "${point.venue}" is not simulated`);
    const key = `${point.venue}|${point.symbol}`;
    let series = bySymbol.get(key);
    if (!series) {
      series = { venue: point.venue, symbol: point.symbol, settlements: [], bars: [], source: path };
      bySymbol.set(key, series);
    }
    series.settlements.push({ time: point.time, rate: point.rate, intervalHours: point.intervalHours, markPrice: point.markPrice });
  }
  for (const series of bySymbol.values()) series.settlements.sort((a, b) => a.time - b.time);
  return [...bySymbol.values()];
}

/** Binance's file has no interval column: it is inferred from the gap to the previous settlement. */
function readBinanceFunding(path: string, text: string, klines: string | undefined): ReplaySeries {
  const rows: Array<{ time: number; rate: number }> = [];
  let symbol = '';
  text.split('\n').forEach((line, index) => {
    if (index === 0 || !line.trim()) return;
    const [timestamp, sym, rate] = line.split(',');
    const time = Math.round(Number(timestamp) / MINUTE) * MINUTE;
    if (!Number.isFinite(time) || !Number.isFinite(Number(rate)) || !sym) throw new ReplayFormatError(path, index + 1, `cannot read "${line.trim()}"`);
    symbol = sym.trim();
    rows.push({ time, rate: Number(rate) });
  });
  if (rows.length < 2) throw new ReplayFormatError(path, 1, 'a recorded series needs at least two settlements to infer its interval');
  const settlements = rows.map((row, i) => {
    const gap = i > 0 ? row.time - rows[i - 1].time : rows[1].time - rows[0].time;
    return { time: row.time, rate: row.rate, intervalHours: Math.max(1, Math.round(gap / HOUR)), markPrice: null };
  });
  return { venue: 'binanceusdm', symbol, settlements, bars: klines ? readKlines(klines) : [], source: path };
}

function readKlines(path: string): RecordedBar[] {
  const lines = readFileSync(path, 'utf8').split('\n').slice(1).filter((line) => line.trim());
  const bars = lines.map((line, index) => {
    const [time, open, , , close] = line.split(',').map(Number);
    if (![time, open, close].every(Number.isFinite)) throw new ReplayFormatError(path, index + 2, `cannot read "${line.trim()}"`);
    return { time, open, close, durationMs: 0 };
  });
  const step = bars.length > 1 ? bars[1].time - bars[0].time : 4 * HOUR;
  for (const bar of bars) bar.durationMs = step;
  return bars;
}

function readBinanceFolder(folder: string): ReplaySeries[] {
  const fundingDir = existsSync(join(folder, 'funding')) ? join(folder, 'funding') : folder;
  const klinesDir = join(folder, 'klines_4h');
  return readdirSync(fundingDir).filter((name) => name.endsWith('.csv')).sort().map((name) => {
    const klines = join(klinesDir, name);
    return readBinanceFunding(join(fundingDir, name), readFileSync(join(fundingDir, name), 'utf8'), existsSync(klines) ? klines : undefined);
  });
}

/** Settlements from a recording; after its end, the last rate repeats on the last interval. */
export class ReplaySchedule implements FundingSource {
  intervalHours: number;
  nextFundingTime: number;
  private readonly recorded: RecordedSettlement[];
  private readonly markAt: (time: number) => number;
  private readonly settled: SimSettlement[] = [];
  private readonly listeners: Array<(settlement: SimSettlement) => void> = [];
  private cursor = 0;
  private overrideRate: number | null = null;

  constructor(recorded: RecordedSettlement[], markAt: (time: number) => number) {
    this.recorded = recorded;
    this.markAt = markAt;
    this.nextFundingTime = recorded[0].time;
    this.intervalHours = recorded[0].intervalHours;
  }

  advance(now: number): void {
    while (this.nextFundingTime <= now) {
      const upcoming = this.upcoming();
      const settlement: SimSettlement = {
        time: upcoming.time, rate: this.overrideRate ?? upcoming.rate, intervalHours: upcoming.intervalHours,
        markPrice: upcoming.markPrice ?? this.markAt(upcoming.time),
      };
      this.settled.push(settlement);
      this.cursor++;
      for (const listener of this.listeners) listener(settlement);
      const next = this.upcoming();
      this.nextFundingTime = next.time;
      this.intervalHours = next.intervalHours;
    }
  }

  currentRate(): number {
    return this.overrideRate ?? this.upcoming().rate;
  }

  lastSettledRate(): number {
    return this.settled.at(-1)?.rate ?? 0;
  }

  setRate(rate: number | null): void {
    this.overrideRate = rate;
  }

  setInterval(): void {
    throw new Error(`simulator replay: the interval of a replayed series follows its recording (${this.recorded.length} settlements)`);
  }

  onSettle(listener: (settlement: SimSettlement) => void): void {
    this.listeners.push(listener);
  }

  history(opts: { since?: number; until?: number; limit?: number } = {}): SimSettlement[] {
    const inRange = this.settled.filter((s) => s.time >= (opts.since ?? -Infinity) && s.time <= (opts.until ?? Infinity));
    if (opts.limit === undefined || inRange.length <= opts.limit) return inRange.map((s) => ({ ...s }));
    return (opts.since === undefined ? inRange.slice(-opts.limit) : inRange.slice(0, opts.limit)).map((s) => ({ ...s }));
  }

  private upcoming(): RecordedSettlement {
    if (this.cursor < this.recorded.length) return this.recorded[this.cursor];
    const last = this.recorded[this.recorded.length - 1];
    const extra = this.cursor - this.recorded.length + 1;
    return { ...last, time: nextBoundary(last.time + (extra - 1) * last.intervalHours * HOUR, last.intervalHours), markPrice: null };
  }
}

/** Mark price from recorded bars: linear from each bar's open to its close; undefined outside them. */
export function barPrice(bars: RecordedBar[], time: number): number | undefined {
  let lo = 0;
  let hi = bars.length - 1;
  if (hi < 0 || time < bars[0].time || time >= bars[hi].time + bars[hi].durationMs) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bars[mid].time <= time) lo = mid;
    else hi = mid - 1;
  }
  const bar = bars[lo];
  return bar.open + ((bar.close - bar.open) * (time - bar.time)) / bar.durationMs;
}

/**
 * Puts recorded series in place of the model for the instruments the market lists; returns the
 * series it could not place (symbol not simulated) so the caller can say so.
 */
export function applyReplay(market: Market, series: ReplaySeries[]): ReplaySeries[] {
  const skipped: ReplaySeries[] = [];
  for (const one of series) {
    const instrument = market.instruments(one.venue).find((i) => i.id === one.symbol || `${i.base}/${i.quote}:${i.settle}` === one.symbol);
    if (!instrument) {
      skipped.push(one);
      continue;
    }
    const recordedMark = one.bars.length ? (time: number) => barPrice(one.bars, time) : undefined;
    const schedule = new ReplaySchedule(one.settlements, (time) => market.markPrice(one.venue, instrument.id, time));
    market.useFundingSource(one.venue, instrument.id, schedule, recordedMark);
  }
  return skipped;
}

/** The earliest recorded settlement, to start a replaying simulator inside its recording. */
export function firstRecordedTime(series: ReplaySeries[]): number | undefined {
  const times = series.map((one) => one.settlements[0]?.time).filter((time): time is number => time !== undefined);
  return times.length ? Math.min(...times) : undefined;
}
