import { readFile } from 'node:fs/promises';
import type { FundingPoint } from '../../shared/domain/quotes.ts';
import { parseFundingCsv, parseUtcTime } from '../../shared/history/fundingCsv.ts';
import { scanAt, type ScanResult } from '../../shared/history/scan.ts';
import { UsageError, type CliCommand } from './io.ts';
import { liveScan, parseVenues, type LiveScanArgs } from './liveScan.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';

export const SCAN_USAGE = `usage: scan --history <file.csv>... [--at <time>] [--json]
       scan --live [--venues a,b,…] [--wait <seconds>] [--base-url <http://127.0.0.1:PORT>] [--json]
  Rebuilds the monitor from funding history: for every venue/symbol its latest settlement
  at or before --at (ISO-8601 with Z or an offset, or epoch ms; default: now), normalised to
  % per 8 h and APR, with the best cross-venue spread per base asset, widest first.
  CSV columns: venue,symbol,time,rate,interval_hours[,mark_price] (header required).
  A file with any bad line is refused as a whole (exit 2, every bad line listed as file:line):
  a scan over partly read history would show spreads that are not there.
  --live asks the venues' public endpoints once (default: all six, waiting up to 20 s) and
  reports each quote at the settlement it will be paid at; --base-url points at the simulator.`;

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
  if (args.live) {
    const result = await liveScan(args.live, (line) => io.err(`${line}\n`));
    io.out(args.json ? `${JSON.stringify(result)}\n` : scanTable(result));
    return 0;
  }
  const points: FundingPoint[] = [];
  for (const file of args.files) points.push(...(await readHistory(file)));
  const result = scanAt(points, args.at);
  io.out(args.json ? `${JSON.stringify(result)}\n` : scanTable(result));
  return 0;
};

export function parseScanArgs(argv: readonly string[], now: number): ScanArgs {
  const args: ScanArgs = { files: [], at: now, json: false, live: null };
  const live = (): LiveScanArgs => (args.live ??= { venues: [...VENUE_IDS], waitMs: 20_000 });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new UsageError(SCAN_USAGE);
    else if (arg === '--json') args.json = true;
    else if (arg === '--at') args.at = readAt(argv[++i]);
    else if (arg === '--history') {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args.files.push(argv[++i]);
    } else if (arg === '--live') live();
    else if (arg === '--venues') live().venues = parseVenues(argv[++i]);
    else if (arg === '--wait') live().waitMs = readSeconds(argv[++i]);
    else if (arg === '--base-url') live().baseUrl = readLoopbackUrl(argv[++i]);
    else throw new UsageError(`scan: unknown argument "${arg}"\n${SCAN_USAGE}`);
  }
  if (args.live && args.files.length > 0) throw new UsageError('scan: --live and --history do not mix: scan one or the other');
  if (!args.live && args.files.length === 0) throw new UsageError(`scan: give at least one --history <file.csv>, or --live\n${SCAN_USAGE}`);
  return args;
}

function readSeconds(value: string | undefined): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`scan: --wait takes seconds from 1 to 600, not "${value ?? ''}"`);
  return seconds * 1000;
}

function readLoopbackUrl(value: string | undefined): string {
  if (!value || !/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+\/?$/.test(value)) {
    throw new UsageError(`scan: --base-url must be a loopback address such as http://127.0.0.1:8080, not "${value ?? ''}"`);
  }
  return value.replace(/\/$/, '');
}

function readAt(value: string | undefined): number {
  if (value === undefined) throw new UsageError('scan: --at needs a time, e.g. --at 2023-06-01T00:00:00Z');
  const at = parseUtcTime(value);
  if (typeof at === 'string') throw new UsageError(`scan: --at: ${at}`);
  return at;
}

async function readHistory(file: string): Promise<FundingPoint[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const { points, errors } = parseFundingCsv(text, file);
  if (errors.length === 0) return points;
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
