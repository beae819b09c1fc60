import type { z } from 'zod';
import { HistoryVenueSchema, type PricePoint } from '../domain/quotes.ts';
import type { CsvErrorSchema } from '../ipc/contract.ts';

type CsvError = z.infer<typeof CsvErrorSchema>;

export const PRICE_CSV_HEADER = 'venue,symbol,time,close';

/**
 * Parses a price CSV `venue,symbol,time,close` (header first; time as epoch ms or ISO 8601 with a
 * zone; close > 0). Bad lines are reported one by one with their line number and skipped, so one
 * typo does not lose a file; the caller decides whether any error is fatal.
 */
export function parsePriceCsv(text: string, fileName: string): { points: PricePoint[]; errors: CsvError[] } {
  const lines = text.split(/\r?\n/);
  const points: PricePoint[] = [];
  const errors: CsvError[] = [];
  const header = lines[0]?.trim().toLowerCase().replace(/\s+/g, '');
  if (header !== PRICE_CSV_HEADER) {
    errors.push({ line: 1, message: `${fileName}:1: expected header "${PRICE_CSV_HEADER}", found "${lines[0] ?? ''}"` });
    return { points, errors };
  }
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const parsed = parsePriceLine(lines[i]);
    if (typeof parsed === 'string') errors.push({ line: i + 1, message: `${fileName}:${i + 1}: ${parsed}` });
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
  const time = parseTime(timeText);
  if (time === null) return `time "${timeText}" is neither epoch milliseconds nor ISO 8601 with a zone`;
  const close = Number(closeText);
  if (closeText === '' || !Number.isFinite(close) || close <= 0) return `close "${closeText}" is not a positive number`;
  return { venue, symbol, time, close };
}

/** Epoch ms as an integer, or ISO 8601 carrying a zone (a zone-less date is ambiguous: rejected). */
export function parseTime(text: string): number | null {
  if (/^\d{9,14}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  const time = Date.parse(text);
  return Number.isFinite(time) ? time : null;
}
