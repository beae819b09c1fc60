import { create } from 'zustand';

export type Screen = 'monitor' | 'windows' | 'symbol' | 'alerts' | 'settings' | 'ticket' | 'positions' | 'journal' | 'sectors' | 'patterns';

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

export const useUi = create<UiState>((set) => ({
  screen: 'monitor',
  symbol: null,
  shortcutsOpen: false,
  killConfirmOpen: false,
  killPressedAgain: false,
  killReportOpen: false,
  open: (screen) => set({ screen }),
  openSymbol: (base) => set({ screen: 'symbol', symbol: base }),
  set: (patch) => set(patch),
}));
