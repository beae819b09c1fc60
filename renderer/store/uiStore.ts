import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { z } from 'zod';
import { viewPersistence } from './persistedView.ts';

export type Screen = 'monitor' | 'windows' | 'symbol' | 'alerts' | 'settings' | 'ticket' | 'positions' | 'journal' | 'sectors' | 'patterns' | 'backtest' | 'heatmap';

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
  /** Settings holds typed changes not saved yet: leaving it asks first (docs/screens.md, "One Save"). */
  settingsUnsaved: boolean;
  /** Where the trader asked to go while Settings was unsaved; the leave dialog is open while set. */
  leavingTo: { screen: Screen; symbol: string | null } | null;
  open(screen: Screen): void;
  openSymbol(base: string): void;
  markSettingsUnsaved(unsaved: boolean): void;
  /** The leave dialog's answers: stay on Settings, or drop the changes and go. */
  stay(): void;
  discardAndLeave(): void;
  set(patch: Partial<Pick<UiState, 'shortcutsOpen' | 'killConfirmOpen' | 'killPressedAgain' | 'killReportOpen'>>): void;
}

/** Screens a restart may come back to: not the ticket (an order half typed is not kept). */
const RestoredScreen = z.enum(['monitor', 'windows', 'symbol', 'alerts', 'settings', 'positions', 'journal', 'sectors', 'patterns', 'backtest', 'heatmap']);
const SavedUi = z.object({ screen: RestoredScreen, symbol: z.string().max(40).nullable() })
  .transform((saved) => (saved.screen === 'symbol' && !saved.symbol ? { ...saved, screen: 'monitor' as const } : saved))
  ;

/** The navigation, or the question first when it would leave unsaved Settings. */
function go(state: UiState, screen: Screen, symbol: string | null): Partial<UiState> {
  if (state.screen === 'settings' && screen !== 'settings' && state.settingsUnsaved) return { leavingTo: { screen, symbol } };
  return { screen, symbol };
}

export const useUi = create<UiState>()(persist((set, get) => ({
  screen: 'monitor',
  symbol: null,
  settingsUnsaved: false,
  leavingTo: null,
  shortcutsOpen: false,
  killConfirmOpen: false,
  killPressedAgain: false,
  killReportOpen: false,
  open: (screen) => set(go(get(), screen, get().symbol)),
  openSymbol: (base) => set(go(get(), 'symbol', base)),
  markSettingsUnsaved: (unsaved) => set({ settingsUnsaved: unsaved }),
  stay: () => set({ leavingTo: null }),
  discardAndLeave: () => {
    const to = get().leavingTo;
    set(to ? { leavingTo: null, settingsUnsaved: false, screen: to.screen, symbol: to.symbol } : { leavingTo: null });
  },
  set: (patch) => set(patch),
}), viewPersistence('ui', (s: UiState) => ({ screen: s.screen, symbol: s.symbol }), SavedUi)));
