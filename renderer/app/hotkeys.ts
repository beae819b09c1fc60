import { useEffect } from 'react';
import { useUi, type Screen } from '../store/uiStore.ts';
import { isModalOpen, isTyping } from '../ui/keyFocus.ts';
import { assetInView, startTicket } from '../features/ticket/startTicket.ts';

export const SCREEN_KEYS: ReadonlyArray<[string, Screen, string]> = [
  ['1', 'monitor', 'Monitor'],
  ['2', 'windows', 'Funding windows'],
  ['3', 'symbol', 'Symbol view'],
  ['4', 'alerts', 'Alerts'],
  ['5', 'settings', 'Settings'],
  ['6', 'sectors', 'Sectors'],
  ['7', 'positions', 'Positions'],
  ['8', 'journal', 'Journal'],
  ['9', 'patterns', 'Patterns'],
  ['0', 'backtest', 'Backtest'],
  ['h', 'heatmap', 'Heatmap'],
  ['t', 'ticket', 'Ticket'],
];

export const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['Ctrl/Cmd + Shift + K', 'Kill switch: asks first; Enter or a second press engages, Esc cancels'],
  ['j / ↓, k / ↑', 'Next / previous row'],
  ['PageDown / PageUp, g / G', 'Page down / up, first / last row'],
  ['Enter', 'Open the selected asset'],
  ['t', 'Trade the asset on show or selected: its ticket, with the draft typed before'],
  ['Esc', 'Back to the monitor (a ticket draft is kept), close dialogs'],
  ['/', 'Search assets (the old query selected: type over it)'],
  ['Enter / ↓ in search', 'Open the first match / move into the rows'],
  ['1 … 5', 'Monitor, windows, symbol, alerts, settings'],
  ['6 … 9, 0', 'Sectors, positions, journal, patterns, backtest'],
  ['h', 'Heatmap: funding by asset × venue and over time'],
  ['?', 'This list'],
];

/** Ctrl/Cmd+Shift+K: the same keys main watches in the desktop app (electron/main/killKeys.ts). */
export function isKillSwitchKey(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k';
}

/**
 * Focus now when the search box is on screen, so that the keys typed right after '/' land in
 * it (a trader types "/btc" in one go); from another screen, after the monitor has rendered.
 */
function focusSearch(): void {
  const focus = (): void => {
    const box = document.getElementById('monitor-search');
    if (!(box instanceof HTMLInputElement)) return;
    box.focus();
    // Typing replaces the old query: "/pengu" after "BTC" searches PENGU, not BTCPENGU.
    box.select();
  };
  if (document.getElementById('monitor-search')) focus();
  else requestAnimationFrame(focus);
}

/** Application-wide keys. Row navigation lives in the monitor grid, which owns the row order. */
export function useGlobalHotkeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const ui = useUi.getState();
      if (isKillSwitchKey(e)) {
        e.preventDefault();
        // A held key repeats; only a fresh press opens (or, while open, confirms) the kill switch.
        if (!e.repeat) ui.set(ui.killConfirmOpen ? { killPressedAgain: true } : { killConfirmOpen: true });
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === 'Escape' && ui.shortcutsOpen) {
        ui.set({ shortcutsOpen: false });
        return;
      }
      if (isModalOpen()) return;
      if (e.key === 'Escape') {
        if (ui.screen !== 'monitor') ui.open('monitor');
        return;
      }
      if (e.key === '?') {
        ui.set({ shortcutsOpen: !ui.shortcutsOpen });
        return;
      }
      if (e.key === '/') {
        e.preventDefault();
        ui.open('monitor');
        focusSearch();
        return;
      }
      if (e.key === 't') {
        e.preventDefault();
        startTicket(assetInView());
        return;
      }
      const screen = SCREEN_KEYS.find(([key]) => key === e.key);
      if (screen && (screen[1] !== 'symbol' || ui.symbol)) ui.open(screen[1]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
