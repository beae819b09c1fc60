import { readFile } from 'node:fs/promises';
import type { CsvLineError } from '../../shared/domain/quotes.ts';
import { parseFundingCsv, type FundingCsvParse } from '../../shared/history/fundingCsv.ts';
import { FUNDING_CSV_OPTIONS } from '../backend/markets/knownVenues.ts';
import { UsageError } from './io.ts';

/** At most this many bad lines are printed per file; the count of the rest follows. */
const MAX_ERRORS_SHOWN = 20;

export async function readText(command: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${command}: cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Reads every file; any bad line in any file is fatal, and the message names file and line. */
export async function readAll<T>(command: string, files: readonly string[], parse: (text: string, file: string) => { points: T[]; errors: CsvLineError[] }): Promise<T[]> {
  const all: T[] = [];
  for (const file of files) {
    const { points, errors } = parse(await readText(command, file), file);
    throwOnErrors(command, file, errors);
    for (const point of points) all.push(point);
  }
  return all;
}

/** A funding CSV as every command reads it: only venues ccxt knows. */
export function readFundingCsv(text: string, file: string): FundingCsvParse {
  return parseFundingCsv(text, file, FUNDING_CSV_OPTIONS);
}

export function throwOnErrors(command: string, file: string, errors: readonly CsvLineError[]): void {
  if (errors.length === 0) return;
  const shown = errors.slice(0, MAX_ERRORS_SHOWN).map((e) => `${file}:${e.line}: ${e.message}`);
  const more = errors.length > MAX_ERRORS_SHOWN ? [`… and ${errors.length - MAX_ERRORS_SHOWN} more bad lines in ${file}`] : [];
  throw new UsageError([`${command}: ${errors.length} bad line(s) in ${file}; nothing was computed:`, ...shown, ...more].join('\n'));
}
