import { lazy, Suspense, type ComponentType } from 'react';
import { AlertsPanel } from '../features/alerts/AlertsPanel.tsx';
import { AlertToast } from '../features/alerts/AlertToast.tsx';
import { Monitor } from '../features/monitor/Monitor.tsx';
import { SettingsPanel } from '../features/settings/SettingsPanel.tsx';
import { StatusBar } from '../features/statusBar/StatusBar.tsx';
import { FundingWindows } from '../features/fundingWindows/FundingWindows.tsx';
import { PatternsPanel } from '../features/patterns/PatternsPanel.tsx';
import { BacktestPanel } from '../features/backtest/BacktestPanel.tsx';
import { SectorsView } from '../features/sectors/SectorsView.tsx';
import { HeatmapView } from '../features/heatmap/HeatmapView.tsx';
import { JournalScreen } from '../features/journal/JournalScreen.tsx';
import { PositionsScreen } from '../features/positions/PositionsScreen.tsx';
import { TicketScreen } from '../features/ticket/TicketScreen.tsx';
import { useAlerts } from '../store/alertsStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { useTicket } from '../store/ticketStore.ts';
import { useUi, type Screen } from '../store/uiStore.ts';
import { SCREEN_KEYS, SHORTCUTS, useGlobalHotkeys } from './hotkeys.ts';
import { useBrowserNotifications } from './browserNotifications.ts';
import { DemoClock } from './DemoClock.tsx';

function Nav() {
  const screen = useUi((s) => s.screen);
  const symbol = useUi((s) => s.symbol);
  const open = useUi((s) => s.open);
  const unread = useAlerts((s) => s.unread);
  const ticketBase = useTicket((s) => s.form?.base);
  const label = (id: Screen, name: string): string => {
    if (id === 'symbol' && symbol) return symbol;
    if (id === 'alerts' && unread) return `${name} (${unread})`;
    if (id === 'ticket' && ticketBase) return `${name} ${ticketBase}`;
    return name;
  };
  return (
    <nav className="nav" aria-label="Screens">
      <span className="brand">Funding Terminal</span>
      {SCREEN_KEYS.map(([key, id, name]) => (
        <button key={id} aria-current={screen === id ? 'page' : undefined} aria-keyshortcuts={key} aria-label={label(id, name)} disabled={id === 'symbol' && !symbol} onClick={() => open(id)} title={`${name} (${key})`}>
          {label(id, name)}
          <kbd aria-hidden="true">{key}</kbd>
        </button>
      ))}
      <button className="help" onClick={() => useUi.getState().set({ shortcutsOpen: true })} aria-label="Keyboard shortcuts (?)">?</button>
    </nav>
  );
}

function DemoBanner() {
  const mode = useSession((s) => s.info?.mode);
  if (mode !== 'demo') return null;
  return (
    <div className="demo-banner" role="note">
      <span>DEMO — simulated venues and prices; nothing here is the real market</span>
      <DemoClock />
    </div>
  );
}

function ShortcutList() {
  const open = useUi((s) => s.shortcutsOpen);
  if (!open) return null;
  return (
    <div className="overlay" onClick={() => useUi.getState().set({ shortcutsOpen: false })}>
      <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="dialog">
        <h2>Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}><dt><kbd>{keys}</kbd></dt><dd>{what}</dd></div>
          ))}
        </dl>
      </div>
    </div>
  );
}

// The charting library is loaded with the first symbol view, not at start-up.
const SymbolView = lazy(async () => ({ default: (await import('../features/symbol/SymbolView.tsx')).SymbolView }));

const SCREENS: Record<Screen, ComponentType> = {
  monitor: Monitor,
  windows: FundingWindows,
  symbol: SymbolView,
  alerts: AlertsPanel,
  settings: SettingsPanel,
  ticket: TicketScreen,
  positions: PositionsScreen,
  journal: JournalScreen,
  sectors: SectorsView,
  patterns: PatternsPanel,
  backtest: BacktestPanel,
  heatmap: HeatmapView,
};

export function App() {
  useGlobalHotkeys();
  useBrowserNotifications();
  const screen = useUi((s) => s.screen);
  const Current = SCREENS[screen];
  return (
    <div className="app">
      <DemoBanner />
      <Nav />
      <main className="main">
        <Suspense fallback={<div className="placeholder" role="status">Loading…</div>}>
          <Current />
        </Suspense>
      </main>
      <StatusBar />
      <ShortcutList />
      <AlertToast />
    </div>
  );
}
