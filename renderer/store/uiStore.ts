import { create } from 'zustand';

export type Screen = 'monitor' | 'windows' | 'symbol' | 'alerts' | 'settings' | 'ticket' | 'positions' | 'journal' | 'sectors' | 'patterns';

/** Navigation and overlays; nothing here comes from the backend. */
interface UiState {
  screen: Screen;
  /** Base asset shown in the symbol view. */
  symbol: string | null;
  shortcutsOpen: boolean;
  killConfirmOpen: boolean;
  open(screen: Screen): void;
  openSymbol(base: string): void;
  set(patch: Partial<Pick<UiState, 'shortcutsOpen' | 'killConfirmOpen'>>): void;
}

export const useUi = create<UiState>((set) => ({
  screen: 'monitor',
  symbol: null,
  shortcutsOpen: false,
  killConfirmOpen: false,
  open: (screen) => set({ screen }),
  openSymbol: (base) => set({ screen: 'symbol', symbol: base }),
  set: (patch) => set(patch),
}));
