import type { SectorSnapshotView } from '../../shared/domain/sectors.ts';

/** Snapshots kept in the renderer: one a minute for a day is about 1,440; beyond that the oldest go. */
export const HISTORY_CAP = 1_440;

/**
 * Adds a snapshot to the time-ordered history. The engine re-sends a snapshot on every change
 * and the page fetches one on each (re)connect, so the same `at` can arrive twice: the later
 * copy replaces the earlier; an out-of-order one is slotted in by time.
 */
export function appendSnapshot(history: readonly SectorSnapshotView[], snapshot: SectorSnapshotView, cap = HISTORY_CAP): SectorSnapshotView[] {
  const out = history.filter((s) => s.at !== snapshot.at);
  let i = out.length;
  while (i > 0 && out[i - 1].at > snapshot.at) i--;
  out.splice(i, 0, snapshot);
  return out.length > cap ? out.slice(out.length - cap) : out;
}

export interface HeatmapCell {
  at: number;
  /** D_S as a decimal per 8 h; null when the sector had too few assets then. */
  divergence: number | null;
  z: number | null;
}

export interface HeatmapRow {
  sector: string;
  cells: HeatmapCell[];
}

export interface Heatmap {
  times: number[];
  rows: HeatmapRow[];
  /** Largest |divergence| shown: the colour scale's full intensity. */
  scale: number;
}

/**
 * The sectors × time grid of the last `columns` snapshots. Rows are the sectors of the latest
 * snapshot, most overheated first, so the eye lands on the rotation candidates.
 */
export function buildHeatmap(history: readonly SectorSnapshotView[], columns: number): Heatmap {
  const shown = history.slice(Math.max(0, history.length - columns));
  const latest = shown.at(-1);
  if (!latest) return { times: [], rows: [], scale: 0 };
  const order = [...latest.sectors].sort((a, b) => (b.divergence ?? -Infinity) - (a.divergence ?? -Infinity)).map((s) => s.sector);
  let scale = 0;
  const rows = order.map((sector): HeatmapRow => ({
    sector,
    cells: shown.map((snap): HeatmapCell => {
      const state = snap.sectors.find((s) => s.sector === sector);
      const divergence = state?.divergence ?? null;
      if (divergence !== null) scale = Math.max(scale, Math.abs(divergence));
      return { at: snap.at, divergence, z: state?.divergenceZ ?? null };
    }),
  }));
  return { times: shown.map((s) => s.at), rows, scale };
}

/**
 * Cell colour: green for a sector paying more than the market, red for less, as positive and
 * negative rates are coloured on every other screen; the alpha grows with |D_S| / scale. The
 * cell also carries the sign as text, the cue that does not rest on colour.
 */
export function divergenceColour(divergence: number | null, scale: number): string {
  if (divergence === null || scale === 0) return 'transparent';
  const alpha = Math.min(1, Math.abs(divergence) / scale) * 0.85 + 0.1;
  return divergence >= 0 ? `rgba(63, 185, 80, ${alpha.toFixed(2)})` : `rgba(248, 81, 73, ${alpha.toFixed(2)})`;
}
