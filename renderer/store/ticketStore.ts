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
  open(prefill: TicketInput): void;
  patch(patch: Partial<TicketForm>): void;
  set(patch: Partial<Pick<TicketState, 'preview' | 'previewError' | 'previewing' | 'submitting' | 'receipt' | 'submitError'>>): void;
  close(): void;
}

const empty = { preview: null, previewError: null, previewing: false, submitting: false, receipt: null, submitError: null };

export const useTicket = create<TicketState>((set) => ({
  form: null,
  ...empty,
  open: (prefill) => set({ form: formFromPrefill(prefill), ...empty }),
  // An edited ticket is a new question: the old result no longer answers it.
  patch: (patch) => set((s) => (s.form ? { form: { ...s.form, ...patch }, receipt: null, submitError: null } : {})),
  set: (patch) => set(patch),
  close: () => set({ form: null, ...empty }),
}));
