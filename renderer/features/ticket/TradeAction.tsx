import { useCallback, useEffect, useState } from 'react';
import { prefillFromOpportunity } from '../../../shared/risk/prefill.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { isModalOpen, isTyping } from '../../ui/keyFocus.ts';
import { useMonitorView } from '../../store/monitorViewStore.ts';
import { useSignals } from '../../store/signalsStore.ts';
import { useTicket } from '../../store/ticketStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { newTicketId } from '../../store/ticketForm.ts';
import { TradingStyles } from './TradingStyles.tsx';

/**
 * "Trade" on the monitor's selected row (button, or the key t): opens the ticket prefilled
 * from the row's opportunity — long the low-funding venue, short the high one.
 */
export function TradeAction() {
  const cursor = useMonitorView((s) => s.cursor);
  const [error, setError] = useState<string | null>(null);

  const trade = useCallback(() => {
    const base = useMonitorView.getState().cursor;
    const row = base ? useSignals.getState().rows.get(base) : undefined;
    if (!row) return;
    try {
      useTicket.getState().open(prefillFromOpportunity(row, 'perp-perp', newTicketId(row.base, Date.now())));
      setError(null);
      useUi.getState().open('ticket');
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 't' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || isModalOpen()) return;
      e.preventDefault();
      trade();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [trade]);

  return (
    <span className="trade-action">
      <TradingStyles />
      <button onClick={trade} disabled={!cursor} aria-keyshortcuts="t" aria-label={cursor ? `Trade ${cursor} (t)` : 'Trade: select a row first (t)'}>
        Trade{cursor ? ` ${cursor}` : ''} <kbd aria-hidden="true">t</kbd>
      </button>
      {error ? <span className="error" role="alert">{error}</span> : null}
    </span>
  );
}
