import { create } from 'zustand';
import type { TicketInput, TicketPreview, TicketReceipt } from '../../shared/domain/ticket.ts';
import { formFromPrefill, type TicketForm } from './ticketForm.ts';

/**
 * The open order ticket: what the trader typed, and what main last said about it (preview,
 * submit result). Nothing here is computed in the renderer.
 */
interface TicketState {
  form: TicketForm | null;
  preview: TicketPreview | null;
  /** The preview request failed (venue down, bad symbol…): main's words. */
  previewError: string | null;
  previewing: boolean;
  submitting: boolean;
  receipt: TicketReceipt | null;
  /** Main refused or failed the submission: its words, naming the failing items. */
  submitError: string | null;
  /** Why the last trade key or button opened no ticket (no row, no fresh leg…). */
  startProblem: string | null;
  /**
   * The ticket last typed for each asset, kept while the trader looks elsewhere (Esc, another
   * screen, another asset) and dropped once it has been sent. In memory only: see uiStore.
   */
  drafts: ReadonlyMap<string, TicketForm>;
  /** A fresh ticket from a prefill; it replaces the asset's draft. */
  open(prefill: TicketInput): void;
  /** Back to the asset's draft; false when there is none. */
  resume(base: string): boolean;
  /** Main's answer to a submission: anything that reached the venues uses the ticket up. */
  submitted(receipt: TicketReceipt): void;
  patch(patch: Partial<TicketForm>): void;
  set(patch: Partial<Pick<TicketState, 'preview' | 'previewError' | 'previewing' | 'submitting' | 'receipt' | 'submitError' | 'startProblem'>>): void;
  close(): void;
}

const empty = { preview: null, previewError: null, previewing: false, submitting: false, receipt: null, submitError: null, startProblem: null };

function withDraft(drafts: ReadonlyMap<string, TicketForm>, form: TicketForm): Map<string, TicketForm> {
  return new Map(drafts).set(form.base, form);
}

export const useTicket = create<TicketState>((set, get) => ({
  form: null,
  drafts: new Map(),
  ...empty,
  open: (prefill) => set((s) => {
    const form = formFromPrefill(prefill);
    return { form, drafts: withDraft(s.drafts, form), ...empty };
  }),
  resume: (base) => {
    const draft = get().drafts.get(base);
    if (!draft) return false;
    if (get().form !== draft) set({ form: draft, ...empty });
    return true;
  },
  submitted: (receipt) => set((s) => {
    // A refused ticket sent nothing: it stays the draft, to be corrected and sent again.
    if (receipt.execution.status === 'refused' || !s.form) return { receipt, submitting: false };
    const drafts = new Map(s.drafts);
    drafts.delete(s.form.base);
    return { receipt, submitting: false, drafts };
  }),
  // An edited ticket is a new question: the old result no longer answers it.
  patch: (patch) => set((s) => {
    if (!s.form) return {};
    const form = { ...s.form, ...patch };
    return { form, drafts: withDraft(s.drafts, form), receipt: null, submitError: null };
  }),
  set: (patch) => set(patch),
  close: () => set({ form: null, ...empty }),
}));
