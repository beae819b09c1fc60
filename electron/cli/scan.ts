import { FundingCsvReader, parseUtcTime } from '../../shared/history/fundingCsv.ts';
import { FUNDING_CSV_OPTIONS } from '../backend/markets/knownVenues.ts';
import { LatestSettlements } from '../../shared/history/latestSettlements.ts';
import type { FundingPoint, FundingQuote } from '../../shared/domain/quotes.ts';
import { monitorScan, settledQuote, type ScanResult } from './monitorScan.ts';
import { fileLines } from './fileLines.ts';
import { UsageError, type CliCommand } from './io.ts';
import { liveScan, parseVenues, type LiveScanArgs } from './liveScan.ts';
import { HELP_OPTION, parseCommandLine } from './args.ts';
import { isVenueId, VENUE_IDS } from '../../shared/domain/venues.ts';

export const SCAN_USAGE = `usage: scan --history <file.csv>... [--at <time>] [--json]
       scan --live [--venues a,b,…] [--wait <seconds>] [--base-url <http://127.0.0.1:PORT>] [--json]
  Options take "--flag value" or "--flag=value".
  Rebuilds the monitor from funding history: for every venue/symbol its latest settlement
  at or before --at (ISO-8601 with Z or an offset, or epoch ms; default: now), run through the
  terminal's signal engine with its default settings: rates normalised to % per 8 h and APR,
  the best cross-venue pair per base asset, in the monitor's order (triggered pairs first, then
  expected net edge per day after fees). Venues the terminal does not trade are named on stderr
  and left out (they have no fees or staleness bound to rank them by).
  CSV columns: venue,symbol,time,rate,interval_hours[,mark_price] (header required).
  A file with any bad line is refused as a whole (exit 2, every bad line listed as file:line):
  a scan over partly read history would show spreads that are not there.
  --live asks the venues' public endpoints once (default: all six, waiting up to 20 s) and
  reports each quote at the settlement it will be paid at; --base-url points at the simulator.
  A live scan that got no quote from any venue exits 1; bad input exits 2.`;

/** At most this many bad lines are printed per file; the count of the rest follows. */
const MAX_ERRORS_SHOWN = 20;

interface ScanArgs {
  files: string[];
  at: number;
  json: boolean;
  live: LiveScanArgs | null;
}

/** `scan --history`: the monitor's state as of a past time, from funding-history CSV files. */
export const scan: CliCommand = async (argv, io) => {
  const args = parseScanArgs(argv, Date.now());
  if (args === 'help') {
    io.out(`${SCAN_USAGE}\n`);
    return 0;
  }
  if (args.live) {
    const result = await liveScan(args.live, (line) => io.err(`${line}\n`));
    if (result.assets.length === 0) {
      io.err('scan: no venue answered with a funding rate, so there is nothing to show (each venue\'s reason is above)\n');
      return EXIT_NOTHING_SCANNED;
    }
    io.out(args.json ? `${JSON.stringify(result)}\n` : scanTable(result));
    return 0;
  }
  // Files are read as streams, keeping one settlement per venue/symbol: memory does not grow
  // with the files (a year of three venues is 200 k+ rows).
  const latest = new LatestSettlements(args.at);
  for (const file of args.files) await readHistory(file, latest);
  const result = historyScan(latest.points(), args.at, (line) => io.err(`${line}\n`));
  io.out(args.json ? `${JSON.stringify(result)}\n` : scanTable(result));
  return 0;
};

/** The monitor over the settlements in force at `at`; what cannot be ranked is named through `warn`. */
export function historyScan(points: Iterable<FundingPoint>, at: number, warn: (line: string) => void): ScanResult {
  const quotes: FundingQuote[] = [];
  const paidAt = new Map<string, number>();
  const otherVenues = new Set<string>();
  const notPerpetual = new Set<string>();
  for (const point of points) {
    const venue = point.venue;
    if (!isVenueId(venue)) {
      otherVenues.add(venue);
      continue;
    }
    const quote = settledQuote({ ...point, venue }, at);
    if (quote === null) {
      notPerpetual.add(`${venue} ${point.symbol}`);
      continue;
    }
    quotes.push(quote);
    paidAt.set(`${quote.venue}|${quote.symbol}`, point.time);
  }
  if (otherVenues.size > 0) warn(`scan: ${[...otherVenues].sort().join(', ')}: not venues the terminal monitors (it knows ${VENUE_IDS.join(', ')}); left out of the scan`);
  if (notPerpetual.size > 0) warn(`scan: ${[...notPerpetual].sort().join(', ')}: not a unified perpetual symbol (BASE/QUOTE:SETTLE); left out of the scan`);
  return monitorScan(quotes, at, (leg) => paidAt.get(`${leg.venue}|${leg.symbol}`)!);
}

/** `scan --live` that got no quote from any venue: not a scan of an empty market, a failure. */
export const EXIT_NOTHING_SCANNED = 1;

export function parseScanArgs(argv: readonly string[], now: number): ScanArgs | 'help' {
  const values = parseCommandLine('scan', argv, {
    ...HELP_OPTION,
    history: { type: 'string', multiple: true, default: [] },
    at: { type: 'string' },
    json: { type: 'boolean', default: false },
    live: { type: 'boolean', default: false },
    venues: { type: 'string' },
    wait: { type: 'string' },
    'base-url': { type: 'string' },
  });
  if (values.help) return 'help';
  const liveOnly = [values.venues, values.wait, values['base-url']].some((v) => v !== undefined);
  const live = values.live || liveOnly;
  if (live && values.history.length > 0) throw new UsageError('scan: --live and --history do not mix: scan one or the other');
  if (!live && values.history.length === 0) throw new UsageError('scan: give at least one --history <file.csv>, or --live (scan --help lists the options)');
  return {
    files: values.history,
    at: values.at === undefined ? now : readAt(values.at),
    json: values.json,
    live: live
      ? {
        venues: values.venues === undefined ? [...VENUE_IDS] : parseVenues(values.venues),
        waitMs: readSeconds(values.wait ?? '20'),
        baseUrl: values['base-url'] === undefined ? undefined : readLoopbackUrl(values['base-url']),
      }
      : null,
  };
}

function readSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`scan: --wait takes seconds from 1 to 600, not "${value}"`);
  return seconds * 1000;
}

function readLoopbackUrl(value: string): string {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+\/?$/.test(value)) {
    throw new UsageError(`scan: --base-url must be a loopback address such as http://127.0.0.1:8080, not "${value}"`);
  }
  return value.replace(/\/$/, '');
}

function readAt(value: string): number {
  const at = parseUtcTime(value);
  if (typeof at === 'string') throw new UsageError(`scan: --at: ${at}`);
  return at;
}

/** Feeds one file's settlements to the scan; any bad line refuses the whole scan (nothing is printed). */
async function readHistory(file: string, latest: LatestSettlements): Promise<void> {
  const reader = new FundingCsvReader(FUNDING_CSV_OPTIONS);
  for await (const line of fileLines(file, (code) => `${file}: cannot read the file (${code})`)) {
    const point = reader.line(line);
    if (point) latest.add(point);
  }
  const errors = reader.finish();
  if (errors.length === 0) return;
  const shown = errors.slice(0, MAX_ERRORS_SHOWN).map((e) => `${file}:${e.line}: ${e.message}`);
  const more = errors.length > MAX_ERRORS_SHOWN ? [`… and ${errors.length - MAX_ERRORS_SHOWN} more bad line(s) in ${file}`] : [];
  throw new UsageError([`${errors.length} bad line(s) in ${file}; nothing was computed:`, ...shown, ...more].join('\n'));
}

const pct = (decimal: number, digits: number) => `${(decimal * 100).toFixed(digits)}`;

/** Human-readable, aligned table; every number carries its unit in the column head. */
export function scanTable(result: ScanResult): string {
  const head = ['BASE', 'VENUE', 'SYMBOL', 'RATE %/int', 'INT h', 'RATE %/8h', 'APR %', 'SETTLED (UTC)'];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const asset of result.assets) {
    for (const q of asset.quotes) {
      rows.push([asset.base, q.venue, q.symbol, pct(q.rate, 5), String(q.intervalHours), pct(q.ratePer8h, 4), pct(q.apr, 2), q.fundingTime.slice(0, 16).replace('T', ' ')]);
    }
    const best = asset.best;
    const net = asset.expectedNetPerDay === null ? '' : `, expected net ${pct(asset.expectedNetPerDay, 4)} % a day after fees${asset.triggered ? ' (triggered)' : ''}`;
    notes.push(best
      ? `${asset.base}: long ${best.longVenue} / short ${best.shortVenue}, spread ${pct(best.spreadPer8h, 4)} % per 8 h (${pct(best.spreadApr, 2)} % APR)${net}`
      : `${asset.base}: one venue only, no cross-venue spread`);
  }
  const widths = head.map((h, c) => rows.reduce((width, r) => Math.max(width, r[c].length), h.length));
  const numeric = new Set([3, 4, 5, 6]);
  const line = (cells: string[]) => cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [`Funding as of ${result.at} (latest settlement at or before; rates normalised per 8 h; the monitor's order)`, line(head), ...rows.map(line), '', ...notes, ''].join('\n');
}
