import { useCallback, useEffect, useMemo } from 'react';
import type { TicketKind, TicketPreview, TicketReceipt } from '../../../shared/domain/ticket.ts';
import { pairSpreadPer8h, takeProfitProblem } from '../../../shared/risk/takeProfit.ts';
import { formatHours, formatUsd, signClass } from '../../ui/format.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSignals } from '../../store/signalsStore.ts';
import { useTicket } from '../../store/ticketStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { Checklist } from './Checklist.tsx';
import { FillTable } from './FillTable.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { TicketFields } from './TicketFields.tsx';
import { prefillWithSettings } from './startTicket.ts';
import { TradingStyles } from './TradingStyles.tsx';
import { listingsOf, newTicketId, ticketFromForm, type FieldProblems, type FormResult, type TicketForm } from '../../store/ticketForm.ts';
import { useTicketPreview } from './useTicketPreview.ts';

const RESULT_TEXT: Record<TicketReceipt['execution']['status'], string> = {
  hedged: 'HEDGED — both legs filled',
  unwound: 'UNWOUND — a leg failed; the filled leg was taken back',
  unhedged: 'UNHEDGED — a leg failed and the unwind failed too: act now',
  failed: 'FAILED — nothing is open',
  refused: 'REFUSED by main',
};

function Result({ receipt }: { receipt: TicketReceipt }) {
  const { execution } = receipt;
  const open = useUi((s) => s.open);
  return (
    // Anything but a hedged pair needs the trader now: announced assertively.
    <div className={`ticket-result result-${execution.status}`} role={execution.status === 'hedged' ? 'status' : 'alert'} aria-label="Submit result">
      <strong>{RESULT_TEXT[execution.status]}</strong> — {execution.message}
      {execution.alerts.length ? <ul>{execution.alerts.map((a) => <li key={a}>{a}</li>)}</ul> : null}
      {execution.orders.length ? <FillTable receipt={receipt} /> : null}
      <button onClick={() => open('positions')}>Show positions</button>
    </div>
  );
}

/** Acknowledgements of the manual items, and the override a contradicted setup needs. */
function ManualItems({ contradicted }: { contradicted: boolean }) {
  const form = useTicket((s) => s.form)!;
  const patch = useTicket((s) => s.patch);
  return (
    <fieldset className="manual-items">
      <legend>Acknowledgements</legend>
      <label><input type="checkbox" checked={form.ackSettlement} onChange={(e) => patch({ ackSettlement: e.target.checked })} /> I enter before a settlement this position pays</label>
      <label><input type="checkbox" checked={form.ackNegativeCarry} onChange={(e) => patch({ ackNegativeCarry: e.target.checked })} /> I accept costs above the funding expected by the planned exit</label>
      {contradicted || form.override ? (
        <label className="override">
          <span>Override reason (the sector signal contradicts this setup; recorded in the journal)</span>
          <textarea aria-label="Override reason" maxLength={500} value={form.override} onChange={(e) => patch({ override: e.target.value })} />
        </label>
      ) : null}
    </fieldset>
  );
}

function useSubmit(): () => Promise<void> {
  const bridge = useBridge();
  return async () => {
    const { form, set } = useTicket.getState();
    const parsed = form ? ticketFromForm(form) : null;
    if (!parsed?.ok) return;
    set({ submitting: true, submitError: null, receipt: null });
    try {
      useTicket.getState().submitted(await bridge.invoke('ticket.submit', parsed.ticket));
    } catch (err) {
      set({ submitError: errorMessage(err), submitting: false });
    }
  };
}

/** The form's own problems, and a take-profit outside 0 … the spread of main's last preview. */
function useFieldProblems(parsed: FormResult | null, form: TicketForm | null, preview: TicketPreview | null): FieldProblems {
  return useMemo(() => {
    const problems: FieldProblems = parsed && !parsed.ok ? { ...parsed.problems } : {};
    const typed = form?.takeProfitPct.trim() ?? '';
    if (typed !== '' && !problems.takeProfitPct && Number.isFinite(Number(typed))) {
      const problem = takeProfitProblem(Number(typed) / 100, preview ? pairSpreadPer8h(preview.legs) : null);
      if (problem) problems.takeProfitPct = problem;
    }
    return problems;
  }, [parsed, form, preview]);
}

/** The verdict and Submit, pinned under the ticket: visible whatever the window's height. */
function SubmitBar({ preview, problems, canSubmit, submit }: { preview: TicketPreview | null; problems: FieldProblems; canSubmit: boolean; submit(): void }) {
  const { submitting, previewing } = useTicket();
  const fields = Object.keys(problems).length;
  const failing = preview?.checklist.filter((i) => i.status === 'fail') ?? [];
  const verdict = fields ? `✗ ${fields} field${fields > 1 ? 's' : ''} to fix` : !preview ? 'waiting for main' : preview.passed ? '✓ checklist passes' : `✗ blocks: ${failing.map((i) => i.label).join(' · ')}`;
  const tone = fields || (preview && !preview.passed) ? 'error' : preview ? 'ok' : 'muted';
  return (
    <div className="submit-bar" aria-label="Submit bar">
      <span className={`verdict ${tone}`} aria-label={`Verdict: ${verdict}`} title={verdict}>{verdict}</span>
      {preview ? (
        <span className="bar-figures num">
          net to exit <span className={signClass(preview.netUsd)}>{formatUsd(preview.netUsd)}</span> · costs {formatUsd(preview.costs.totalUsd)} · break-even {preview.breakEvenHours === null ? 'never' : formatHours(preview.breakEvenHours)}
        </span>
      ) : null}
      <span className="muted small">{previewing ? 'recomputing…' : ''}</span>
      <button className="primary" disabled={!canSubmit} onClick={submit} aria-label="Submit ticket" aria-keyshortcuts="Control+Enter" title="Submit (Ctrl+Enter)">
        {submitting ? 'Sending…' : 'Submit'} <kbd aria-hidden="true">Ctrl+Enter</kbd>
      </button>
    </div>
  );
}

/** Ctrl/Cmd+Enter submits from any field of the ticket, when Submit is enabled. */
function useSubmitKey(canSubmit: boolean, submit: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || !canSubmit) return;
      e.preventDefault();
      submit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canSubmit, submit]);
}

/**
 * The checklist-gated order ticket on one screen: inputs left, main's preview and checklist
 * right, the verdict and Submit in a bar pinned below. Every figure and checklist item comes
 * from main's preview of the ticket as typed; Submit stays disabled until main says the
 * checklist passes, and main checks it again on its own fresh data when the ticket arrives.
 */
export function TicketScreen() {
  useTicketPreview();
  const form = useTicket((s) => s.form);
  const { preview, previewError, previewing, submitting, receipt, submitError, startProblem, patch, open: reopen } = useTicket();
  const opportunity = useSignals((s) => (form ? s.rows.get(form.base) : undefined));
  const listings = useMemo(() => listingsOf(opportunity?.legs ?? []), [opportunity?.legs]);
  const openScreen = useUi((s) => s.open);
  const trading = useSession((s) => s.trading);
  const settingsSlippage = useSession((s) => s.risk?.maxSlippagePct ?? null);
  const submit = useSubmit();
  const parsed = useMemo(() => (form ? ticketFromForm(form) : null), [form]);
  const problems = useFieldProblems(parsed, form, preview);
  const canSubmit = !!preview?.passed && !previewing && !submitting && !!parsed?.ok && !receipt && !previewError && Object.keys(problems).length === 0;
  const send = useCallback(() => void submit(), [submit]);
  useSubmitKey(canSubmit, send);
  if (!form) {
    return (
      <section className="screen ticket" aria-label="Order ticket">
        {startProblem ? <p className="error" role="alert">{startProblem}</p> : null}
        <p className="placeholder">No ticket open: select a monitor row and press t (or Trade).</p>
      </section>
    );
  }
  const changeKind = (kind: TicketKind): void => {
    if (!opportunity) return;
    try {
      reopen(prefillWithSettings(opportunity, kind, newTicketId(form.base, Date.now())));
    } catch (err) {
      useTicket.getState().set({ previewError: errorMessage(err) });
    }
  };
  const stale = previewing || !parsed?.ok || previewError !== null;
  return (
    <section className="screen ticket" aria-label={`Order ticket ${form.base}`}>
      <TradingStyles />
      <div className="screen-head toolbar">
        <h1>Ticket {form.base}</h1>
        <label>
          Trade type
          <select aria-label="Trade type" value={form.kind} onChange={(e) => changeKind(e.target.value as TicketKind)} disabled={!opportunity}>
            <option value="perp-perp">perp/perp (cross-venue)</option>
            <option value="perp-spot">perp/spot (carry)</option>
          </select>
        </label>
        <span className="muted">id {form.ticketId}</span>
        <span className="muted" role="status" aria-label="Preview state">{previewing ? 'recomputing…' : stale && preview ? 'preview out of date' : preview ? 'preview current' : ''}</span>
        <button onClick={() => openScreen('monitor')} title="The draft is kept: t brings it back">Close ticket (Esc)</button>
      </div>
      {trading && trading.state !== 'ACTIVE' ? (
        <p className="error" role="alert">Trading is {trading.state}{trading.reason ? ` (${trading.reason})` : ''}: main refuses new pairs until trading is re-armed by hand.</p>
      ) : null}
      <div className="ticket-body">
        <div className="ticket-left">
          <TicketFields form={form} patch={patch} suggested={preview?.suggestedQuantity ?? null} maxLossUsd={preview?.risk.maxLossUsd ?? null} problems={problems} listings={listings}
            settingsSlippagePct={settingsSlippage} />
          <ManualItems contradicted={preview?.alignment.tag === 'contradicted'} />
        </div>
        <div className="ticket-right">
          {submitError ? <p className="error" role="alert" aria-label="Submit refused">Refused: {submitError}</p> : null}
          {receipt ? <Result receipt={receipt} /> : null}
          {previewError ? <p className="error" role="alert" aria-label="Preview error">{previewError}</p> : null}
          {preview ? <PreviewPanel preview={preview} asset={form.base} stale={stale} /> : previewError ? null : <p className="placeholder" role="status">Asking main for the preview…</p>}
        </div>
        <div className={`ticket-checks${stale ? ' stale-preview' : ''}`}>
          {preview ? <Checklist items={preview.checklist} passed={preview.passed} /> : null}
        </div>
      </div>
      <SubmitBar preview={preview} problems={problems} canSubmit={canSubmit} submit={send} />
    </section>
  );
}
