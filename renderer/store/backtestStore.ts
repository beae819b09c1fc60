import { create } from 'zustand';
import { DEFAULT_BACKTEST_PARAMS, type BacktestHistory, type BacktestProgress, type BacktestReport } from '../../shared/domain/backtest.ts';
import type { TerminalBridge } from '../../shared/ipc/contract.ts';
import { errorMessage } from '../../shared/ipc/dispatch.ts';
import { backtestParamsOf, draftFromParams, type BacktestDraft, type BacktestProblems } from './backtestForm.ts';

interface BacktestState {
  draft: BacktestDraft;
  problems: BacktestProblems;
  /** The last report: kept through a failed run and while the next one runs. */
  report: BacktestReport | null;
  busy: boolean;
  /** The running backtest's steps, as main reports them; null before its first report. */
  progress: BacktestProgress | null;
  error: string | null;
  history: BacktestHistory | null;
  historyError: string | null;
  setDraft(patch: Partial<BacktestDraft>): void;
  run(bridge: TerminalBridge): Promise<void>;
  loadHistory(bridge: TerminalBridge): Promise<void>;
}

/** Reads of the stored history asked so far: only the newest one's answer is shown. */
let historyReads = 0;

/** Kept outside the panel so a report (and a run under way) survives switching screens. */
export const useBacktest = create<BacktestState>((set, get) => ({
  draft: draftFromParams(DEFAULT_BACKTEST_PARAMS),
  problems: {},
  report: null,
  busy: false,
  progress: null,
  error: null,
  history: null,
  historyError: null,
  // A field's problem goes once the field is edited; the rest stay until the next run.
  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch }, problems: Object.fromEntries(Object.entries(s.problems).filter(([field]) => !(field in patch))) })),
  run: async (bridge) => {
    if (get().busy) return;
    const input = backtestParamsOf(get().draft);
    if (!input.ok) {
      set({ problems: input.problems, error: null });
      return;
    }
    set({ busy: true, progress: null, problems: {}, error: null });
    const off = bridge.on('backtestProgress', (progress) => set({ progress }));
    try {
      set({ report: await bridge.invoke('backtest.run', input.params) });
    } catch (err) {
      set({ error: errorMessage(err) });
    } finally {
      off();
      set({ busy: false, progress: null });
    }
  },
  loadHistory: async (bridge) => {
    // Each import asks again; an earlier read answering last would put back what the store held
    // before the later import (funding, but "no price history" after the price file was stored).
    const read = ++historyReads;
    try {
      const history = await bridge.invoke('backtest.history');
      if (read === historyReads) set({ history, historyError: null });
    } catch (err) {
      if (read === historyReads) set({ historyError: `Could not read the stored history: ${errorMessage(err)}` });
    }
  },
}));
