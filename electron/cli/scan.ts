import { FundingCsvReader, parseUtcTime } from '../../shared/history/fundingCsv.ts';
import { ScanAt, type ScanResult } from '../../shared/history/scan.ts';
import { fileLines } from './fileLines.ts';
import { UsageError, type CliCommand } from './io.ts';
import { liveScan, parseVenues, type LiveScanArgs } from './liveScan.ts';
import { HELP_OPTION, parseCommandLine } from './args.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';

export const SCAN_USAGE = `usage: scan --history <file.csv>... [--at <time>] [--json]
       scan --live [--venues a,b,…] [--wait <seconds>] [--base-url <http://127.0.0.1:PORT>] [--json]
  Options take "--flag value" or "--flag=value".
  Rebuilds the monitor from funding history: for every venue/symbol its latest settlement
  at or before --at (ISO-8601 with Z or an offset, or epoch ms; default: now), normalised to
  % per 8 h and APR, with the best cross-venue spread per base asset, widest first.
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
  // Files are read as streams into the scan, which keeps one settlement per venue/symbol:
  // memory does not grow with the files (a year of three venues is 200 k+ rows).
  const scanned = new ScanAt(args.at);
  for (const file of args.files) await readHistory(file, scanned);
  const result = scanned.result();
  io.out(args.json ? `${JSON.stringify(result)}\n` : scanTable(result));
  return 0;
};

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
async function readHistory(file: string, scanned: ScanAt): Promise<void> {
  const reader = new FundingCsvReader();
  for await (const line of fileLines(file, (code) => `${file}: cannot read the file (${code})`)) {
    const point = reader.line(line);
    if (point) scanned.add(point);
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
    notes.push(best
      ? `${asset.base}: long ${best.longVenue} / short ${best.shortVenue}, spread ${pct(best.spreadPer8h, 4)} % per 8 h (${pct(best.spreadApr, 2)} % APR)`
      : `${asset.base}: one venue only, no cross-venue spread`);
  }
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const numeric = new Set([3, 4, 5, 6]);
  const line = (cells: string[]) => cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [`Funding as of ${result.at} (latest settlement at or before; rates normalised per 8 h)`, line(head), ...rows.map(line), '', ...notes, ''].join('\n');
}
