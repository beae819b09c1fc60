import type { CsvLineError, FundingPoint } from '../domain/quotes.ts';
import { parseUnifiedSymbol } from '../domain/symbols.ts';
import { unknownVenueMessage } from './csvVenues.ts';
import { textLines } from './textLines.ts';

/**
 * The funding-history CSV format: a header naming at least
 * `venue,symbol,time,rate,interval_hours` (optional `mark_price`, any order, other columns
 * ignored), then one settlement per row. Bad rows are reported by 1-based physical line
 * number and skipped; good rows are kept, so one typo does not lose a whole file.
 * A quoted field may contain commas and doubled quotes but not a line break.
 * With `knownVenues`, a row of any other venue is a bad line; a rate beyond any venue's cap is
 * one too, in words that say whether the file looks like percent (docs/screens.md, "Importing history").
 */
export interface FundingCsvParse {
  points: FundingPoint[];
  errors: CsvLineError[];
}

const REQUIRED_COLUMNS = ['venue', 'symbol', 'time', 'rate', 'interval_hours'] as const;
const OPTIONAL_COLUMNS = ['mark_price'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
type ColumnIndex = Record<Column, number>;

export interface FundingCsvOptions {
  /** The venue ids a row may name; without it any well-formed id passes. */
  knownVenues?: ReadonlySet<string>;
}

/**
 * No venue's funding cap reaches this per interval (Hyperliquid's 4 %/h is the widest, Binance's
 * ±2–3 % the common one): a larger rate is a unit mistake, most often a file in percent.
 */
export const MAX_PLAUSIBLE_RATE = 0.05;

const VENUE_ID = /^[a-z][a-z0-9]*$/;
const EPOCH_MS = /^\d+$/;
/** Epoch values below this are seconds, not milliseconds (1e11 ms is March 1973). */
const SMALLEST_EPOCH_MS = 1e11;
const ISO_WITH_ZONE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/**
 * Messages do not repeat the file name: callers print them as `file:line: message`, and an
 * import result carries its file name once. `_fileName` keeps the parsers' common signature.
 */
export function parseFundingCsv(text: string, _fileName: string, options: FundingCsvOptions = {}): FundingCsvParse {
  const reader = new FundingCsvReader(options);
  const points: FundingPoint[] = [];
  for (const line of textLines(text)) {
    const point = reader.line(line);
    if (point) points.push(point);
  }
  return { points, errors: reader.finish() };
}

/**
 * The same format fed one physical line at a time (without its `\n`), so a file of any size is
 * read as a stream: memory holds one line, the errors, and 12 bytes a row for finding repeated
 * settlements (see `SettlementLines`), never the file or its points.
 */
export class FundingCsvReader {
  readonly errors: CsvLineError[] = [];
  private lineNumber = 0;
  private header: (ColumnIndex & { count: number }) | null = null;
  private refused = false;
  private readonly seen = new SettlementLines();
  private readonly names: RowNames;
  private fast: FastRows | null = null;

  constructor(options: FundingCsvOptions = {}) {
    this.names = { symbols: new Map(), venues: new Map(), knownVenues: options.knownVenues ?? null };
  }

  /** The point on this line, or null (blank, the header, or a bad line: then it is in `errors`). */
  line(raw: string): FundingPoint | null {
    const at = ++this.lineNumber;
    if (this.refused) return null;
    const line = stripLine(raw, at === 1);
    if (this.header ? isBlank(line) : line.trim() === '') return null;
    if (!this.header) {
      const header = readHeader(splitFields(line));
      if (typeof header === 'string') {
        this.refused = true;
        this.errors.push({ line: at, message: header });
      } else {
        this.header = header;
        this.fast = new FastRows(header, this.seen);
      }
      return null;
    }
    // Most rows are read in place, already checked for repeats; readRow decides the rest.
    const fast = line.includes('"') ? null : this.fast?.row(line, at);
    if (fast) return fast;
    const row = readRow(splitFields(line), this.header, this.names);
    if (typeof row === 'string') {
      this.errors.push({ line: at, message: row });
      return null;
    }
    const first = this.seen.repeatOf(row.venue, row.symbol, row.time, at);
    if (first !== undefined) {
      this.errors.push({ line: at, message: `duplicate settlement: ${row.venue} ${row.symbol} at ${new Date(row.time).toISOString()} already on line ${first}` });
      return null;
    }
    return row;
  }

  /** Every error, including "the file is empty" when no header came. */
  finish(): CsvLineError[] {
    if (!this.header && !this.refused) this.errors.push({ line: 1, message: `the file is empty: expected a header line ${expectedHeader()}` });
    return this.errors;
  }
}

/**
 * A settlement time: epoch milliseconds, or ISO-8601 with an explicit zone (`Z` or an offset).
 * A zone-less time is refused: the same text means different instants on different venues'
 * exports (some write UTC+3), and a silent guess would shift every settlement.
 */
export function parseUtcTime(raw: string): number | string {
  const text = raw.trim();
  if (EPOCH_MS.test(text)) {
    const ms = Number(text);
    if (ms < SMALLEST_EPOCH_MS) return `time "${text}" looks like epoch seconds; epoch milliseconds are expected`;
    return ms;
  }
  const fast = utcIsoMs(text);
  if (fast !== null) return fast;
  const iso = ISO_WITH_ZONE.exec(text);
  if (iso) {
    const zone = iso[3].toUpperCase() === 'Z' ? 'Z' : iso[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(`${iso[1]}T${iso[2]}${zone}`);
    // Date.parse rolls 2023-02-29 over to March 1st: check the calendar date itself.
    if (Number.isFinite(ms) && isCalendarDate(iso[1])) return ms;
  }
  if (ISO_WITHOUT_ZONE.test(text)) return `time "${text}" has no time zone; add Z for UTC or an offset such as +03:00`;
  return `time "${text}" is not ISO-8601 (2024-01-01T08:00:00Z) nor epoch milliseconds`;
}

/**
 * Finds repeated settlements. Series in real files are almost always in time order, so each
 * series first just remembers its newest time (a later time cannot be a repeat); only when a
 * series goes back in time does it build a time → line map. That keeps 500k-row files fast.
 * Times and lines are kept in growable typed arrays (12 bytes a row), in case a series later
 * goes back in time: 120 MB for 10 M rows, where objects per row would cost ten times that.
 */
class SettlementLines {
  private readonly venues = new Map<string, VenueSeries>();

  /** The venue's series, or undefined before a row of it was accepted. */
  venue(venue: string): VenueSeries | undefined {
    return this.venues.get(venue);
  }

  /** The line that already holds this settlement, or undefined (and the settlement is recorded). */
  repeatOf(venue: string, symbol: string, time: number, line: number): number | undefined {
    let symbols = this.venues.get(venue);
    if (!symbols) this.venues.set(venue, (symbols = { name: detached(venue), symbols: new Map() }));
    let lines = symbols.symbols.get(symbol);
    if (!lines) {
      lines = { venue: symbols.name, symbol: detached(symbol), newest: -Infinity, count: 0, times: new Float64Array(16), lines: new Int32Array(16), byTime: null, next: null };
      symbols.symbols.set(lines.symbol, lines);
    }
    if (recordNewest(lines, time, line)) return undefined;
    if (!lines.byTime) {
      lines.byTime = new Map();
      for (let i = 0; i < lines.count; i++) lines.byTime.set(lines.times[i], lines.lines[i]);
    }
    const first = lines.byTime.get(time);
    if (first === undefined) lines.byTime.set(time, line);
    return first;
  }
}

/** One venue's series by symbol. */
interface VenueSeries {
  name: string;
  symbols: Map<string, SeriesLines>;
}

interface SeriesLines {
  /** The names as first accepted, the strings every point of the series carries. */
  venue: string;
  symbol: string;
  newest: number;
  count: number;
  times: Float64Array;
  lines: Int32Array;
  byTime: Map<number, number> | null;
  /** The series a row of this one was last followed by (the fast path's guess of the next row's). */
  next: SeriesLines | null;
}

/** Records a settlement newer than any of its series so far (the common, in-order case); false otherwise. */
function recordNewest(series: SeriesLines, time: number, line: number): boolean {
  if (series.byTime || !(time > series.newest)) return false;
  series.newest = time;
  if (series.count === series.times.length) grow(series);
  series.times[series.count] = time;
  series.lines[series.count++] = line;
  return true;
}

/**
 * A copy of a name that shares no storage with its line: V8 keeps a slice of a string as a view
 * of it, so one name kept from a streamed file would hold its whole read chunk.
 */
function detached(name: string): string {
  return name.split('').join('');
}

function grow(series: SeriesLines): void {
  const times = new Float64Array(series.times.length * 2);
  const lines = new Int32Array(series.lines.length * 2);
  times.set(series.times);
  lines.set(series.lines);
  series.times = times;
  series.lines = lines;
}

function isBlank(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '');
}

/**
 * The common export form `YYYY-MM-DDTHH:MM:SS[.fff]Z`, read digit by digit: the regex and
 * Date.parse path costs about a microsecond a row, which dominates a 500k-row file.
 * Returns null for anything else (then the general path decides).
 */
function utcIsoMs(t: string): number | null {
  const day = isoDayMs(t, 0, t.length);
  const time = isoTimeOfDayMs(t, 0, t.length);
  return Number.isNaN(day) || Number.isNaN(time) ? null : day + time;
}

/** The day `YYYY-MM-DDT` that opens a field of 20 or 24 characters, as epoch ms, or NaN. */
function isoDayMs(t: string, from: number, to: number): number {
  const n = to - from;
  if ((n !== 20 && n !== 24) || t.charCodeAt(from + 4) !== 45 /* - */ || t.charCodeAt(from + 7) !== 45 || t.charCodeAt(from + 10) !== 84 /* T */) return NaN;
  const year = digits(t, from, 4);
  const month = digits(t, from + 5, 2);
  const day = digits(t, from + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return Date.UTC(year, month - 1, day);
}

/**
 * The `HH:MM:SS[.fff]Z` after that day, in milliseconds, or NaN. It checks the zone itself:
 * `FastRows` reuses the day of the row before and calls only this for the rest of the field.
 */
function isoTimeOfDayMs(t: string, from: number, to: number): number {
  const n = to - from;
  if (t.charCodeAt(to - 1) !== 90 /* Z */ || t.charCodeAt(from + 13) !== 58 /* : */ || t.charCodeAt(from + 16) !== 58) return NaN;
  const hour = digits(t, from + 11, 2);
  const minute = digits(t, from + 14, 2);
  const second = digits(t, from + 17, 2);
  const ms = n === 24 ? (t.charCodeAt(from + 19) === 46 /* . */ ? digits(t, from + 20, 3) : -1) : 0;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return NaN;
  return ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

function isCalendarDate(ymd: string): boolean {
  const [year, month, day] = ymd.split('-').map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The unsigned decimal in `t[from, from + count)`, or -1 when a character is not a digit. */
function digits(t: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function expectedHeader(): string {
  return `"${REQUIRED_COLUMNS.join(',')}[,mark_price]"`;
}

/** Drops the CR of CRLF files and, on the first line, a UTF-8 byte-order mark. */
function stripLine(line: string, first: boolean): string {
  const noCr = line.endsWith('\r') ? line.slice(0, -1) : line;
  return first && noCr.charCodeAt(0) === 0xfeff ? noCr.slice(1) : noCr;
}

/** Splits one CSV line; the quote-aware path runs only for lines that contain a quote. */
function splitFields(line: string): string[] | string {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) return 'a quoted field is not closed on this line';
  fields.push(field);
  return fields;
}

function readHeader(fields: string[] | string): (ColumnIndex & { count: number }) | string {
  if (typeof fields === 'string') return `header: ${fields}`;
  const names = fields.map((f) => f.trim().toLowerCase());
  const index: Partial<ColumnIndex> = {};
  for (const column of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) {
    const at = names.indexOf(column);
    if (at >= 0 && names.indexOf(column, at + 1) >= 0) return `header names column "${column}" twice`;
    index[column] = at;
  }
  const missing = REQUIRED_COLUMNS.filter((c) => index[c] === -1);
  if (missing.length > 0) {
    return `header must name the columns ${expectedHeader()}; missing ${missing.join(', ')} (found "${fields.join(',')}")`;
  }
  return { ...(index as ColumnIndex), count: names.length };
}

/** Names repeat on every row of a series: each distinct one is validated once. */
interface RowNames {
  symbols: Map<string, boolean>;
  /** Venue → null when acceptable, else the line's message. */
  venues: Map<string, string | null>;
  knownVenues: ReadonlySet<string> | null;
}

function readRow(fields: string[] | string, col: ColumnIndex & { count: number }, names: RowNames): FundingPoint | string {
  if (typeof fields === 'string') return fields;
  if (fields.length !== col.count) return `expected ${col.count} columns as in the header, found ${fields.length}`;
  const venue = fields[col.venue].trim();
  const badVenue = venueProblem(venue, names);
  if (badVenue !== null) return badVenue;
  const symbol = fields[col.symbol].trim();
  if (!isUnifiedSymbol(symbol, names.symbols)) return `symbol "${symbol}" is not a unified perpetual symbol BASE/QUOTE:SETTLE (e.g. BTC/USDT:USDT)`;
  const time = parseUtcTime(fields[col.time]);
  if (typeof time === 'string') return time;
  const rate = readNumber(fields[col.rate]);
  if (rate === null) return `rate "${fields[col.rate].trim()}" is not a number`;
  const intervalHours = readNumber(fields[col.interval_hours]);
  if (intervalHours === null) return `interval_hours "${fields[col.interval_hours].trim()}" is not a number`;
  if (intervalHours <= 0) return `interval_hours must be greater than 0, found ${intervalHours}`;
  if (Math.abs(rate) > MAX_PLAUSIBLE_RATE) return implausibleRate(rate, intervalHours);
  const markPrice = col.mark_price < 0 ? null : readOptionalPrice(fields[col.mark_price]);
  if (typeof markPrice === 'string') return markPrice;
  return { venue, symbol, time, rate, intervalHours, markPrice };
}

/**
 * The common row read in place: field bounds from the commas, time and numbers read digit by
 * digit from the line, names looked up in the caches `readRow` fills, no array of fields and no
 * substrings beyond venue and symbol. It takes only a row whose every field is plainly good (a
 * venue and symbol already found valid, a plain decimal, the ISO `…Z` or epoch-ms time) and
 * returns null for anything else, so `readRow`, the one source of messages, decides every
 * other row. A row it takes gives the point `readRow` would give.
 */
class FastRows {
  /** `cuts[i]` is the comma before field i (-1 for the first); `cuts[count]` the line's end. */
  private readonly cuts: Int32Array;
  private readonly col: ColumnIndex & { count: number };
  private readonly seen: SettlementLines;
  /** The series of the last row read here: the next row is most often of it or of the one that followed it before. */
  private last: SeriesLines | null = null;
  /** The last ISO day read (`YYYY-MM-DDT`) and its epoch ms: rows of one day follow each other. */
  private dayText = '';
  private dayMs = NaN;

  constructor(col: ColumnIndex & { count: number }, seen: SettlementLines) {
    this.col = col;
    this.seen = seen;
    this.cuts = new Int32Array(col.count + 1);
  }

  /** The point on this line, recorded as seen; null when the general path must decide. */
  row(line: string, at: number): FundingPoint | null {
    const { col, cuts } = this;
    cuts[0] = -1;
    let comma = -1;
    for (let i = 1; i < col.count; i++) {
      comma = line.indexOf(',', comma + 1);
      if (comma < 0) return null;
      cuts[i] = comma;
    }
    if (line.indexOf(',', comma + 1) >= 0) return null;
    cuts[col.count] = line.length;
    const series = this.seriesAt(line, cuts[col.venue] + 1, cuts[col.venue + 1], cuts[col.symbol] + 1, cuts[col.symbol + 1]);
    if (!series) return null;
    const time = this.timeAt(line, cuts[col.time] + 1, cuts[col.time + 1]);
    const rate = plainDecimal(line, cuts[col.rate] + 1, cuts[col.rate + 1]);
    const intervalHours = plainDecimal(line, cuts[col.interval_hours] + 1, cuts[col.interval_hours + 1]);
    // NaN fails every comparison here, so any field not in plain form goes to readRow.
    if (!(time >= 0 && intervalHours > 0 && Math.abs(rate) <= MAX_PLAUSIBLE_RATE)) return null;
    let markPrice: number | null = null;
    if (col.mark_price >= 0) {
      const from = cuts[col.mark_price] + 1;
      const to = cuts[col.mark_price + 1];
      if (to > from) {
        markPrice = plainDecimal(line, from, to);
        if (!(markPrice > 0)) return null;
      }
    }
    // A time not after the series' newest may be a repeat: readRow and repeatOf say which.
    if (!recordNewest(series, time, at)) return null;
    return { venue: series.venue, symbol: series.symbol, time, rate, intervalHours, markPrice };
  }

  /**
   * The series already accepted under this venue and symbol. Only such a series passes, so both
   * names are known valid; a name with spaces around it matches none and goes to readRow.
   */
  private seriesAt(line: string, venueFrom: number, venueTo: number, symbolFrom: number, symbolTo: number): SeriesLines | undefined {
    const last = this.last;
    const at = (s: SeriesLines) => textAt(line, symbolFrom, symbolTo, s.symbol) && textAt(line, venueFrom, venueTo, s.venue);
    if (last && at(last)) return last;
    if (last?.next && at(last.next)) return (this.last = last.next);
    const series = this.seen.venue(line.slice(venueFrom, venueTo))?.symbols.get(line.slice(symbolFrom, symbolTo));
    if (series) {
      if (last) last.next = series;
      this.last = series;
    }
    return series;
  }

  /** Epoch milliseconds (12 to 15 digits) or `YYYY-MM-DDTHH:MM:SS[.fff]Z`; NaN for any other form. */
  private timeAt(t: string, from: number, to: number): number {
    const n = to - from;
    if (n === 20 || n === 24) {
      if (!(this.dayText.length === 11 && textAt(t, from, from + 11, this.dayText))) {
        this.dayMs = isoDayMs(t, from, to);
        this.dayText = Number.isNaN(this.dayMs) ? '' : t.slice(from, from + 11);
      }
      return this.dayMs + isoTimeOfDayMs(t, from, to);
    }
    if (n < 12 || n > 15) return NaN;
    const ms = digits(t, from, n);
    return ms >= SMALLEST_EPOCH_MS ? ms : NaN;
  }
}

/** Whether `line[from, to)` is `text`: compared in place, where a slice would allocate and `startsWith` is a call. */
function textAt(line: string, from: number, to: number, text: string): boolean {
  if (to - from !== text.length) return false;
  for (let i = text.length - 1; i >= 0; i--) if (line.charCodeAt(from + i) !== text.charCodeAt(i)) return false;
  return true;
}

/** Powers of ten a double holds exactly: a plain decimal divided by one is correctly rounded. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `[-]digits[.digits]` in `t[from, to)` as `Number()` reads it, or NaN for any other form. Exact
 * while the digits fit 2^53 and the fraction 22 places: the value is then one correctly rounded
 * division of two exact doubles, as `Number()` rounds the decimal (Clinger's fast path).
 */
function plainDecimal(t: string, from: number, to: number): number {
  let i = from;
  const negative = t.charCodeAt(i) === 45; /* - */
  if (negative) i++;
  let mantissa = 0;
  let digitCount = 0;
  let places = -1;
  for (; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c === 46 /* . */ && places < 0) {
      places = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    mantissa = mantissa * 10 + d;
    digitCount++;
    if (places >= 0) places++;
  }
  if (digitCount === 0 || mantissa > Number.MAX_SAFE_INTEGER || places > 22) return NaN;
  const value = places > 0 ? mantissa / EXACT_POWERS_OF_TEN[places] : mantissa;
  return negative ? -value : value;
}

function venueProblem(venue: string, names: RowNames): string | null {
  let problem = names.venues.get(venue);
  if (problem === undefined) {
    if (!VENUE_ID.test(venue)) problem = `venue "${venue}" is not a ccxt exchange id (lower-case letters and digits, e.g. binanceusdm)`;
    else problem = names.knownVenues && !names.knownVenues.has(venue) ? unknownVenueMessage(venue, names.knownVenues) : null;
    names.venues.set(venue, problem);
  }
  return problem;
}

/** Rates are decimals per interval; a rate that would be plausible divided by 100 is named as percent. */
function implausibleRate(rate: number, intervalHours: number): string {
  const asPercent = `${formatDecimal(rate * 100)} % per ${intervalHours} h`;
  const cap = `beyond the ±${MAX_PLAUSIBLE_RATE * 100} % no venue's cap allows`;
  if (Math.abs(rate / 100) <= MAX_PLAUSIBLE_RATE) {
    return `rate ${rate} reads as ${asPercent}, ${cap}: the file looks like percent; write rates as decimals (${formatDecimal(rate / 100)})`;
  }
  return `rate ${rate} reads as ${asPercent}, ${cap} even if the file were in percent`;
}

/** Up to 8 significant digits, without the float noise of a division (0.0123 / 100 → 0.000123). */
function formatDecimal(value: number): string {
  return String(Number(value.toPrecision(8)));
}

function readNumber(raw: string): number | null {
  const text = raw.trim();
  if (text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function readOptionalPrice(raw: string): number | null | string {
  if (raw.trim() === '') return null;
  const price = readNumber(raw);
  if (price === null) return `mark_price "${raw.trim()}" is not a number`;
  if (price <= 0) return `mark_price must be greater than 0, found ${price}`;
  return price;
}

function isUnifiedSymbol(symbol: string, known: Map<string, boolean>): boolean {
  let valid = known.get(symbol);
  if (valid === undefined) {
    valid = parseUnifiedSymbol(symbol) !== null;
    known.set(symbol, valid);
  }
  return valid;
}
