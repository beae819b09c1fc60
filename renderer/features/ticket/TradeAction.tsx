import { useMonitorView } from '../../store/monitorViewStore.ts';
import { useTicket } from '../../store/ticketStore.ts';
import { startTicket } from './startTicket.ts';
import { TradingStyles } from './TradingStyles.tsx';

/**
 * "Trade" on the monitor's selected row: opens the asset's ticket (its draft, or one prefilled
 * from the row: long the low-funding venue, short the high one). The key t does the same on
 * every screen (app/hotkeys.ts).
 */
export function TradeAction() {
  const cursor = useMonitorView((s) => s.cursor);
  const problem = useTicket((s) => s.startProblem);
  return (
    <span className="trade-action">
      <TradingStyles />
      <button onClick={() => startTicket(cursor)} disabled={!cursor} aria-keyshortcuts="t" aria-label={cursor ? `Trade ${cursor} (t)` : 'Trade: select a row first (t)'}>
        Trade{cursor ? ` ${cursor}` : ''} <kbd aria-hidden="true">t</kbd>
      </button>
      {problem ? <span className="error" role="alert">{problem}</span> : null}
    </span>
  );
}
