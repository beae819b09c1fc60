import type { SectorMapView } from '../../../shared/domain/sectors.ts';

type Entry = SectorMapView['entries'][number];

/**
 * The entries matching a search: a base that starts with the text first, then bases or sectors
 * containing it; case-insensitive; at most `limit` so a 300-asset map stays a short table.
 */
export function searchEntries(entries: readonly Entry[], text: string, limit: number): { shown: Entry[]; matched: number } {
  const q = text.trim().toUpperCase();
  if (q === '') return { shown: entries.slice(0, limit), matched: entries.length };
  const prefix: Entry[] = [];
  const inner: Entry[] = [];
  for (const e of entries) {
    if (e.base.startsWith(q)) prefix.push(e);
    else if (e.base.includes(q) || e.sector.toUpperCase().includes(q)) inner.push(e);
  }
  const all = [...prefix, ...inner];
  return { shown: all.slice(0, limit), matched: all.length };
}
