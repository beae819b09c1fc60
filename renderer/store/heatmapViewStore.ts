import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { z } from 'zod';
import { viewPersistence } from './persistedView.ts';

/** What the heatmap shows (docs/screens.md, "Heatmap"): live rates, funding accumulated over a window, or the week by 8-h bucket. */
export const HEATMAP_VIEWS = ['now', 'd1', 'd7', 'd30', 'time'] as const;
export type HeatmapViewId = (typeof HEATMAP_VIEWS)[number];
export const HEATMAP_ROW_LIMITS = [40, 100, 300] as const;

interface HeatmapViewState {
  view: HeatmapViewId;
  limit: number;
  /** The asset filter: kept while the trader moves between screens, not across restarts. */
  query: string;
  set(patch: Partial<Pick<HeatmapViewState, 'view' | 'limit' | 'query'>>): void;
}

/** The measure and the row count come back after a restart, as the monitor's columns do; the typed filter does not. */
const SavedHeatmap = z.object({
  view: z.enum(HEATMAP_VIEWS),
  limit: z.number().refine((n) => (HEATMAP_ROW_LIMITS as readonly number[]).includes(n)),
}).partial();

export const useHeatmapView = create<HeatmapViewState>()(persist((set) => ({
  view: 'now',
  limit: HEATMAP_ROW_LIMITS[0],
  query: '',
  set: (patch) => set(patch),
}), viewPersistence('heatmap-view', (s: HeatmapViewState) => ({ view: s.view, limit: s.limit }), SavedHeatmap)));
