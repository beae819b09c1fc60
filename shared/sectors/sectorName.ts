import { nearNames } from '../domain/nearNames.ts';

/**
 * A sector name typed by the trader. A name that differs from an existing sector only in letter
 * case is that sector; any other unknown name creates a sector, which is asked first (a typo
 * would otherwise make a sector of one asset, silently out of its peers' median).
 */
export function existingSector(name: string, sectors: readonly string[]): string | null {
  const wanted = name.trim().toLowerCase();
  return sectors.find((sector) => sector.toLowerCase() === wanted) ?? null;
}

/** What placing `base` in a sector of a new name does, and the existing names it may have meant. */
export function newSectorText(base: string, name: string, sectors: readonly string[]): string {
  const near = nearNames(name.trim(), sectors);
  const hint = near.length > 0 ? ` Did you mean ${near.slice(0, 3).join(' or ')}?` : '';
  return `No sector is named "${name.trim()}" yet: placing ${base} there creates a new sector with ${base} as its only asset.${hint}`;
}
