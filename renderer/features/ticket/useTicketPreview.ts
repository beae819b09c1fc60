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
 * it is open. Answers to an older version of the ticket are dropped, so the screen always
 * shows the preview of what is typed now.
 */
export function useTicketPreview(): void {
  const bridge = useBridge();
  const form = useTicket((s) => s.form);
  const set = useTicket((s) => s.set);
  const parsed = useMemo(() => (form ? ticketFromForm(form) : null), [form]);

  useEffect(() => {
    if (!parsed) return;
    if (!parsed.ok) {
      set({ preview: null, previewError: parsed.problems.join('; '), previewing: false });
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
        if (current) set({ preview: null, previewError: errorMessage(err), previewing: false });
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
