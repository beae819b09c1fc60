import { readFile } from 'node:fs/promises';
import type { FundingPoint } from '../../shared/domain/quotes.ts';
import { parseFundingCsv, parseUtcTime } from '../../shared/history/fundingCsv.ts';
import { scanAt, type ScanResult } from '../../shared/history/scan.ts';
import { UsageError, type CliCommand } from './io.ts';

export const SCAN_USAGE = `usage: scan --history <file.csv>... [--at <time>] [--json]
  Rebuilds the monitor from funding history: for every venue/symbol its latest settlement
  at or before --at (ISO-8601 with Z or an offset, or epoch ms; default: now), normalised to
  % per 8 h and APR, with the best cross-venue spread per base asset, widest first.
  CSV columns: venue,symbol,time,rate,interval_hours[,mark_price] (header required).
  A file with any bad line is refused as a whole (exit 2, every bad line listed as file:line):
  a scan over partly read history would show spreads that are not there.`;

/** At most this many bad lines are printed per file; the count of the rest follows. */
const MAX_ERRORS_SHOWN = 20;

interface ScanArgs {
  files: string[];
  at: number;
  json: boolean;
}

/** `scan --history`: the monitor's state as of a past time, from funding-history CSV files. */
export const scan: CliCommand = async (argv, io) => {
  const args = parseScanArgs(argv, Date.now());
  const points: FundingPoint[] = [];
  for (const file of args.files) points.push(...(await readHistory(file)));
  const result = scanAt(points, args.at);
  io.out(args.json ? `${JSON.stringify(result)}\n` : scanTable(result));
  return 0;
};

export function parseScanArgs(argv: readonly string[], now: number): ScanArgs {
  const args: ScanArgs = { files: [], at: now, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new UsageError(SCAN_USAGE);
    else if (arg === '--json') args.json = true;
    else if (arg === '--at') args.at = readAt(argv[++i]);
    else if (arg === '--history') {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args.files.push(argv[++i]);
    } else if (arg === '--live') throw new UsageError('scan --live is not available in this build; use --history <file.csv>');
    else throw new UsageError(`scan: unknown argument "${arg}"\n${SCAN_USAGE}`);
  }
  if (args.files.length === 0) throw new UsageError(`scan: give at least one --history <file.csv>\n${SCAN_USAGE}`);
  return args;
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
