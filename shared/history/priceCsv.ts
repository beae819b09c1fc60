import { HistoryVenueSchema, type PricePoint } from '../domain/quotes.ts';
import type { CsvLineError } from '../domain/quotes.ts';
import { parseUtcTime } from './fundingCsv.ts';

export const PRICE_CSV_HEADER = 'venue,symbol,time,close';

/**
 * Parses a price CSV `venue,symbol,time,close` (header first; time as in the funding CSV: epoch ms
 * or ISO 8601 with a zone; close > 0). Bad lines are reported one by one with their 1-based line
 * number and skipped, so one typo does not lose a file; the caller decides whether that is fatal.
 */
export function parsePriceCsv(text: string, fileName: string): { points: PricePoint[]; errors: CsvLineError[] } {
  const lines = text.split(/\r?\n/);
  const points: PricePoint[] = [];
  const errors: CsvLineError[] = [];
  const header = lines[0]?.trim().toLowerCase().replace(/\s+/g, '');
  if (header !== PRICE_CSV_HEADER) {
    errors.push({ line: 1, message: `${fileName}: expected header "${PRICE_CSV_HEADER}", found "${lines[0] ?? ''}"` });
    return { points, errors };
  }
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const parsed = parsePriceLine(lines[i]);
    if (typeof parsed === 'string') errors.push({ line: i + 1, message: parsed });
    else points.push(parsed);
  }
  return { points, errors };
}

function parsePriceLine(line: string): PricePoint | string {
  const cells = line.split(',').map((cell) => cell.trim());
  if (cells.length !== 4) return `expected 4 fields (venue,symbol,time,close), found ${cells.length}`;
  const [venue, symbol, timeText, closeText] = cells;
  if (!HistoryVenueSchema.safeParse(venue).success) return `venue "${venue}" is not a ccxt exchange id in lower case`;
  if (symbol === '') return 'symbol is empty';
  const time = parseUtcTime(timeText);
  if (typeof time === 'string') return time;
  const close = Number(closeText);
  if (closeText === '' || !Number.isFinite(close) || close <= 0) return `close "${closeText}" is not a positive number`;
  return { venue, symbol, time, close };
}
