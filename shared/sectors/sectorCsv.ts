import type { CsvLineError } from '../domain/quotes.ts';
import { canonicalBase, type SectorMap } from './sectorOf.ts';

export const SECTOR_CSV_HEADER = 'base,sector';

/**
 * Parses a `base,sector` CSV into a sector map. Bases are canonicalised (`1000PEPE` → `PEPE`), so a
 * file written with venue tickers still matches. A base given twice with different sectors is an
 * error on the second line (the first assignment stands); bad lines are reported and skipped.
 */
export function parseSectorCsv(text: string, fileName: string): { map: Map<string, string>; errors: CsvLineError[] } {
  const lines = text.split(/\r?\n/);
  const map = new Map<string, string>();
  const errors: CsvLineError[] = [];
  const fail = (index: number, message: string) => errors.push({ line: index + 1, message: index === 0 ? `${fileName}: ${message}` : message });
  if (lines[0]?.trim().toLowerCase().replace(/\s+/g, '') !== SECTOR_CSV_HEADER) {
    fail(0, `expected header "${SECTOR_CSV_HEADER}", found "${lines[0] ?? ''}"`);
    return { map, errors };
  }
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((cell) => cell.trim());
    if (cells.length !== 2) { fail(i, `expected 2 fields (base,sector), found ${cells.length}`); continue; }
    const [rawBase, sector] = cells;
    if (rawBase === '' || sector === '') { fail(i, 'base and sector must both be given'); continue; }
    const base = canonicalBase(rawBase);
    const previous = map.get(base);
    if (previous !== undefined && previous !== sector) { fail(i, `${base} is already in sector "${previous}"; not moved to "${sector}"`); continue; }
    map.set(base, sector);
  }
  return { map, errors };
}

/** Writes a sector map as `base,sector` CSV, sorted by sector then base, so diffs stay readable. */
export function formatSectorCsv(map: SectorMap): string {
  const rows = [...map].sort(([a, sa], [b, sb]) => sa.localeCompare(sb) || a.localeCompare(b));
  return [SECTOR_CSV_HEADER, ...rows.map(([base, sector]) => `${base},${sector}`)].join('\n') + '\n';
}
