import type { Handlers, NewSector, SectorImportResult } from '../../../shared/ipc/contract.ts';
import type { SectorMapView } from '../../../shared/domain/sectors.ts';
import { canonicalBase, unknownBases, type SectorMap } from '../../../shared/sectors/sectorOf.ts';
import { DEFAULT_SECTOR_MAP, SECTORS } from '../../../shared/sectors/taxonomy.ts';
import { formatSectorCsv, parseSectorCsv } from '../../../shared/sectors/sectorCsv.ts';
import { existingSector, newSectorText } from '../../../shared/sectors/sectorName.ts';
import { nearNames } from '../../../shared/domain/nearNames.ts';
import type { SectorMapRepo } from '../store/sectorMapStore.ts';
import { LISTED_IMPORT_ERRORS } from '../store/history.ts';
import type { SectorSnapshot } from '../../engine/sectors.ts';

type SectorHandlerNames = 'sectors.snapshot' | 'sectors.map' | 'sectors.set' | 'sectors.importCsv' | 'sectors.exportCsv';
export type SectorHandlers = Pick<Handlers, SectorHandlerNames>;

/** A placement in a sector of a new name that the trader did not confirm. */
class SectorNameError extends Error {}

export interface SectorHandlerDeps {
  store: { sectorMap: SectorMapRepo };
  /** Bases quoted live right now (for the unknown list). */
  liveBases(): Iterable<string>;
  engine: { setSectorMap(map: SectorMap): void; latestSectors(): SectorSnapshot | null };
}

/**
 * A sector CSV's placements with each sector name spelt as the sector it names (`defi` is DeFi),
 * and the names no sector has yet, each with the assets it would take and the existing names one
 * slip away (docs/screens.md, "Sector map"). Two spellings of one new name are one new sector.
 */
function namedSectors(map: ReadonlyMap<string, string>, sectors: readonly string[]): { placed: Map<string, string>; created: NewSector[] } {
  const created: NewSector[] = [];
  const placed = new Map<string, string>();
  for (const [base, sector] of map) {
    const existing = existingSector(sector, sectors);
    if (existing !== null) { placed.set(base, existing); continue; }
    let fresh = created.find((c) => existingSector(sector, [c.name]) !== null);
    if (!fresh) created.push(fresh = { name: sector, bases: [], near: nearNames(sector, sectors).slice(0, 3) });
    fresh.bases.push(base);
    placed.set(base, fresh.name);
  }
  return { placed, created };
}

/**
 * The sector map's requests. The effective map is the default taxonomy with the user's
 * overrides (DuckDB `sector_map`) on top; it is sent to the engine at start and after every
 * change, so alignment always follows what Settings shows.
 */
export async function createSectorHandlers(deps: SectorHandlerDeps): Promise<SectorHandlers> {
  let overrides = await deps.store.sectorMap.overrides();
  const effective = (): Map<string, string> => new Map([...DEFAULT_SECTOR_MAP, ...overrides]);
  deps.engine.setSectorMap(effective());

  const view = (): SectorMapView => {
    const map = effective();
    const entries = [...map].sort(([a], [b]) => a.localeCompare(b)).map(([base, sector]) => ({
      base, sector, source: overrides.has(base) ? 'user' as const : 'default' as const,
    }));
    const sectors = [...new Set<string>([...SECTORS, ...map.values()])].sort();
    return { entries, unknown: unknownBases(deps.liveBases(), map), sectors };
  };

  /** Stores the changes and re-sends the map; an override equal to the default is dropped instead. */
  async function apply(changes: ReadonlyMap<string, string>): Promise<void> {
    const put = new Map<string, string>();
    const reset: string[] = [];
    for (const [base, sector] of changes) {
      if (DEFAULT_SECTOR_MAP.get(base) === sector) reset.push(base);
      else put.set(base, sector);
    }
    await deps.store.sectorMap.put(put);
    await deps.store.sectorMap.remove(reset.filter((base) => overrides.has(base)));
    overrides = await deps.store.sectorMap.overrides();
    deps.engine.setSectorMap(effective());
  }

  return {
    'sectors.snapshot': async () => deps.engine.latestSectors(),
    'sectors.map': async () => view(),
    'sectors.set': async ({ base, sector, newSector }) => {
      const existing = existingSector(sector, view().sectors);
      if (existing === null && newSector !== true) throw new SectorNameError(`${newSectorText(canonicalBase(base), sector, view().sectors)} Not placed: confirm the new sector to create it.`);
      await apply(new Map([[canonicalBase(base), existing ?? sector]]));
      return view();
    },
    'sectors.importCsv': async ({ fileName, text, newSectors = [] }): Promise<SectorImportResult> => {
      const { map, errors } = parseSectorCsv(text, fileName);
      const { placed, created } = namedSectors(map, view().sectors);
      const unconfirmed = created.filter((sector) => existingSector(sector.name, newSectors) === null);
      const reported = { fileName, rejected: errors.length, errors: errors.slice(0, LISTED_IMPORT_ERRORS), unconfirmed };
      if (unconfirmed.length > 0) return { ...reported, imported: 0 };
      await apply(placed);
      return { ...reported, imported: placed.size };
    },
    'sectors.exportCsv': async () => ({ text: formatSectorCsv(effective()) }),
  };
}
