import { create } from 'zustand';
import type { PatternStudy } from '../../shared/domain/patterns.ts';
import type { TerminalBridge } from '../../shared/ipc/contract.ts';
import { errorMessage } from '../../shared/ipc/dispatch.ts';

/** The Patterns panel's parameters as typed: percent and hours, converted when sent. */
export interface StudyDraft {
  thresholdPct: string;
  horizonHours: string;
  kPct: string;
}

/** The event study's defaults (docs/domain.md §2.6): X = 0.05 % /8h, Z = 24 h, k = 2 %. */
export const DEFAULT_DRAFT: StudyDraft = { thresholdPct: '0.05', horizonHours: '24', kPct: '2' };

interface PatternsState {
  draft: StudyDraft;
  study: PatternStudy | null;
  busy: boolean;
  error: string | null;
  setDraft(patch: Partial<StudyDraft>): void;
  run(bridge: TerminalBridge): Promise<void>;
}

/** The request input of a draft, or the reason it cannot be sent, naming the field. */
export function studyInput(draft: StudyDraft): { threshold: number; horizonHours: number; k: number } | string {
  const threshold = Number(draft.thresholdPct) / 100;
  const horizonHours = Number(draft.horizonHours);
  const k = Number(draft.kPct) / 100;
  if (draft.thresholdPct.trim() === '' || !Number.isFinite(threshold) || Math.abs(threshold) > 0.1) return 'Threshold must be a number of % /8h between −10 and 10.';
  if (!Number.isFinite(horizonHours) || horizonHours <= 0 || horizonHours > 720) return 'Horizon must be between 0 and 720 hours.';
  if (!Number.isFinite(k) || k <= 0 || k > 1) return 'k must be a percentage above 0 and at most 100.';
  return { threshold, horizonHours, k };
}

/** Kept outside the panel so a study survives switching screens (it can take a while on a year of data). */
export const usePatterns = create<PatternsState>((set, get) => ({
  draft: DEFAULT_DRAFT,
  study: null,
  busy: false,
  error: null,
  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  run: async (bridge) => {
    const input = studyInput(get().draft);
    if (typeof input === 'string') {
      set({ error: input });
      return;
    }
    set({ busy: true, error: null });
    try {
      set({ study: await bridge.invoke('patterns.study', input), busy: false });
    } catch (err) {
      set({ busy: false, error: `The study failed: ${errorMessage(err)}` });
    }
  },
}));
