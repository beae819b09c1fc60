import { z } from 'zod';

/**
 * The live sector overlay, as the engine computes it (`electron/engine/sectors.ts` uses these
 * types) and as it crosses the IPC boundary. Every figure is a fraction (per 8 h for funding);
 * null where the data do not allow it (too few assets, no history that far back).
 */
export const SectorStateSchema = z.object({
  sector: z.string(),
  /** Assets with a current funding value. */
  assets: z.number().int().nonnegative(),
  medianPer8h: z.number().nullable(),
  oiWeightedPer8h: z.number().nullable(),
  /** Change of the median per-8 h funding over 1 h / 8 h / 24 h. */
  change1h: z.number().nullable(),
  change8h: z.number().nullable(),
  change24h: z.number().nullable(),
  /** Standard deviation of the members' per-8 h funding. */
  dispersion: z.number().nullable(),
  /** Median price return of the members over 4 h / 24 h / 48 h. */
  return4h: z.number().nullable(),
  return24h: z.number().nullable(),
  return48h: z.number().nullable(),
  /** Sector open interest now against 24 h ago (assets with both), as a fraction. */
  oiChange24h: z.number().nullable(),
  /** 24-h return minus the market's (median over all mapped assets). */
  relativeStrength24h: z.number().nullable(),
  /** D_S: the sector's median funding minus the cross-sector median, and its rolling z-score. */
  divergence: z.number().nullable(),
  divergenceZ: z.number().nullable(),
  signal: z.enum(['overheated', 'washed-out']).nullable(),
});
export type SectorStateView = z.infer<typeof SectorStateSchema>;

export const SectorSnapshotSchema = z.object({
  at: z.number().int(),
  crossSectorMedianPer8h: z.number().nullable(),
  sectors: z.array(SectorStateSchema),
  rotation: z.object({ outOf: z.array(z.string()), into: z.array(z.string()), label: z.string().nullable() }),
  btcEth: z.object({ divergencePer8h: z.number().nullable(), flagged: z.boolean() }),
});
export type SectorSnapshotView = z.infer<typeof SectorSnapshotSchema>;

/** An opportunity read against its sector (electron/engine/alignment.ts); null without sector data. */
export const AlignmentSchema = z.object({
  tag: z.enum(['confirmed', 'contradicted', 'neutral']),
  sector: z.string().nullable(),
  reason: z.string(),
});
export type Alignment = z.infer<typeof AlignmentSchema>;
export type AlignmentTag = Alignment['tag'];

export const SectorMapEntrySchema = z.object({ base: z.string(), sector: z.string(), source: z.enum(['default', 'user']) });
export const SectorMapViewSchema = z.object({
  entries: z.array(SectorMapEntrySchema),
  /** Bases quoted live that the map does not place. */
  unknown: z.array(z.string()),
  sectors: z.array(z.string()),
});
export type SectorMapView = z.infer<typeof SectorMapViewSchema>;
