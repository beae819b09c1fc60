import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { z } from 'zod';
import { viewPersistence } from './persistedView.ts';

export type Screen = 'monitor' | 'windows' | 'symbol' | 'alerts' | 'settings' | 'ticket' | 'positions' | 'journal' | 'sectors' | 'patterns' | 'backtest';

/** Navigation and overlays; nothing here comes from the backend. */
interface UiState {
  screen: Screen;
  /** Base asset shown in the symbol view. */
  symbol: string | null;
  shortcutsOpen: boolean;
  killConfirmOpen: boolean;
  /** The kill-switch hotkey was pressed again while its confirmation was open: that confirms. */
  killPressedAgain: boolean;
  /** The kill switch's report panel, opened by the press or from the status bar. */
  killReportOpen: boolean;
  open(screen: Screen): void;
  openSymbol(base: string): void;
  set(patch: Partial<Pick<UiState, 'shortcutsOpen' | 'killConfirmOpen' | 'killPressedAgain' | 'killReportOpen'>>): void;
}

/** Screens a restart may come back to: not the ticket (an order half typed is not kept). */
const RestoredScreen = z.enum(['monitor', 'windows', 'symbol', 'alerts', 'settings', 'positions', 'journal', 'sectors', 'patterns', 'backtest']);
const SavedUi = z.object({ screen: RestoredScreen, symbol: z.string().max(40).nullable() })
  .transform((saved) => (saved.screen === 'symbol' && !saved.symbol ? { ...saved, screen: 'monitor' as const } : saved))
  ;

export const useUi = create<UiState>()(persist((set) => ({
  screen: 'monitor',
  symbol: null,
  shortcutsOpen: false,
  killConfirmOpen: false,
  killPressedAgain: false,
  killReportOpen: false,
  open: (screen) => set({ screen }),
  openSymbol: (base) => set({ screen: 'symbol', symbol: base }),
  set: (patch) => set(patch),
}), viewPersistence('ui', (s: UiState) => ({ screen: s.screen, symbol: s.symbol }), SavedUi)));
