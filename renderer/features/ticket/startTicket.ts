import { prefillFromOpportunity } from '../../../shared/risk/prefill.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import type { TicketInput, TicketKind } from '../../../shared/domain/ticket.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useMonitorView } from '../../store/monitorViewStore.ts';
import { useSignals } from '../../store/signalsStore.ts';
import { useTicket } from '../../store/ticketStore.ts';
import { newTicketId } from '../../store/ticketForm.ts';
import { useUi } from '../../store/uiStore.ts';

/** The asset a trade key means where it is pressed: the ticket's own, the symbol on show, else the monitor's cursor. */
export function assetInView(): string | null {
  const ui = useUi.getState();
  if (ui.screen === 'ticket') return useTicket.getState().form?.base ?? null;
  if (ui.screen === 'symbol' && ui.symbol) return ui.symbol;
  return useMonitorView.getState().cursor;
}

/** A fresh ticket for an opportunity, starting at the exits and the maximum slippage Settings holds. */
export function prefillWithSettings(opportunity: Opportunity, kind: TicketKind, ticketId: string): TicketInput {
  const risk = useSession.getState().risk;
  return { ...prefillFromOpportunity(opportunity, kind, ticketId, undefined, risk?.exitDefaults), maxSlippagePct: risk?.maxSlippagePct ?? null };
}

/**
 * Opens the ticket for an asset: its kept draft if the trader typed one, else a fresh ticket
 * prefilled from the asset's monitor row. Without an asset it shows the ticket as it stands.
 * When neither is possible the screen stays and the reason goes to `startProblem`.
 */
export function startTicket(base: string | null): void {
  const ticket = useTicket.getState();
  let problem: string | null = null;
  if (base && !ticket.resume(base)) {
    const row = useSignals.getState().rows.get(base);
    if (!row) problem = `${base}: no monitor row to prefill a ticket from`;
    else {
      try {
        ticket.open(prefillWithSettings(row, 'perp-perp', newTicketId(row.base, Date.now())));
      } catch (err) {
        problem = errorMessage(err);
      }
    }
  }
  useTicket.getState().set({ startProblem: problem });
  if (problem === null) useUi.getState().open('ticket');
}
