import { useEffect, useMemo } from 'react';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useTicket } from '../../store/ticketStore.ts';
import { ticketFromForm } from '../../store/ticketForm.ts';

/** Typing settles for this long before main is asked again. */
const DEBOUNCE_MS = 200;
/** Marks, books and balances move while the ticket sits open: re-ask this often. */
const REFRESH_MS = 5_000;

/**
 * Asks main for the preview on every change of the ticket (debounced) and periodically while
 * it is open. Answers to an older version of the ticket are dropped; until main answers the
 * ticket as typed now, the last answer stays on screen greyed, never passed off as current.
 */
export function useTicketPreview(): void {
  const bridge = useBridge();
  const form = useTicket((s) => s.form);
  const set = useTicket((s) => s.set);
  const parsed = useMemo(() => (form ? ticketFromForm(form) : null), [form]);

  useEffect(() => {
    if (!parsed) return;
    // A field main cannot be asked about is shown beside the field; the last good preview stays, greyed.
    if (!parsed.ok) {
      set({ previewError: null, previewing: false });
      return;
    }
    let current = true;
    // The shown preview answers an older ticket until main replies: Submit waits for it.
    set({ previewing: true });
    const ask = async (): Promise<void> => {
      try {
        const preview = await bridge.invoke('ticket.preview', parsed.ticket);
        if (current) set({ preview, previewError: null, previewing: false });
      } catch (err) {
        if (current) set({ previewError: errorMessage(err), previewing: false });
      }
    };
    const debounce = setTimeout(() => void ask(), DEBOUNCE_MS);
    const refresh = setInterval(() => void ask(), REFRESH_MS);
    return () => {
      current = false;
      clearTimeout(debounce);
      clearInterval(refresh);
    };
  }, [bridge, parsed, set]);
}
