import { useEffect, type FormEvent } from 'react';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useBacktest } from '../../store/backtestStore.ts';
import type { BacktestDraft } from '../../store/backtestForm.ts';
import { FundingHistoryImport, PriceHistoryImport } from '../../ui/HistoryImports.tsx';
import { NumberField } from '../ticket/TicketFields.tsx';
import { BacktestResult } from './BacktestResult.tsx';
import { failureText, historyText, missingHistory, progressText } from './backtestText.ts';

const CSS = `
.backtest-params { display: flex; flex-wrap: wrap; gap: 6px; align-items: flex-start; margin-bottom: 4px; }
.backtest-params fieldset { border: 1px solid var(--line); padding: 2px 6px 4px; margin: 0; display: grid; grid-template-columns: repeat(2, auto); gap: 2px 10px; }
.backtest-params legend { color: var(--muted); }
.backtest-params .field-row { display: flex; flex-direction: column; }
.backtest-params .field { display: flex; gap: 4px; align-items: center; margin: 0; }
.backtest-params .field-name { width: 84px; flex: none; }
.backtest-params .field input { width: 84px; }
.backtest-params .field input[inputmode='text'] { width: 96px; }
.backtest-params .period .field-name { width: 40px; } .backtest-params .period .field-error { margin-left: 44px; }
.backtest-params input[aria-invalid='true'] { border-color: var(--neg); background: #2a1215; }
.backtest-params .field-error { color: var(--neg); font-size: 11px; margin-left: 88px; max-width: 240px; white-space: normal; }
.backtest-params button.primary { font-weight: 700; padding: 3px 16px; margin-top: 16px; }
.backtest-run { display: flex; gap: 8px; align-items: center; margin: 2px 0; }
.backtest-run progress { width: 220px; }
.backtest-table th.num, .backtest-table td.num { text-align: right; }
.backtest-table.totals { width: auto; align-self: flex-start; } .backtest-table.totals th, .backtest-table.totals td { padding: 2px 10px; }
.backtest-table td.pos { color: var(--pos); } .backtest-table td.neg { color: var(--neg); }
/* The screen scrolls as one: nothing in it shrinks into a box of its own that would hide rows. */
.screen.backtest > * { flex-shrink: 0; }
.backtest-result { display: flex; flex-direction: column; gap: 4px; }
.backtest-notes p { margin: 2px 0; }
.stale-report { opacity: .5; }
.backtest-imports { display: flex; gap: 24px; flex-wrap: wrap; margin-top: 8px; }
`;

function BacktestForm() {
  const bridge = useBridge();
  const draft = useBacktest((s) => s.draft);
  const problems = useBacktest((s) => s.problems);
  const busy = useBacktest((s) => s.busy);
  const setDraft = useBacktest((s) => s.setDraft);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void useBacktest.getState().run(bridge);
  };
  const field = (key: keyof BacktestDraft, label: string, unit: string, placeholder?: string) => (
    <NumberField label={label} unit={unit} value={draft[key]} placeholder={placeholder} problem={problems[key]} onChange={(v) => setDraft({ [key]: v })}
      inputMode={key === 'from' || key === 'to' ? 'text' : 'decimal'} />
  );
  return (
    <form className="backtest-params" onSubmit={submit} aria-label="Backtest parameters" noValidate>
      <fieldset>
        <legend>Entry</legend>
        {field('triggerPct', 'Trigger', '% /8h')}
        {field('top', 'Top pairs', 'per step')}
        {field('notionalUsd', 'Notional', 'USD a leg')}
        {field('leverage', 'Leverage', '×')}
      </fieldset>
      <fieldset>
        <legend>Exits (all close the pair)</legend>
        {field('holdHours', 'Max holding', 'h')}
        {field('takeProfitPct', 'Take-profit', '% /8h')}
        {field('basisStopPct', 'Basis stop', '% price gap')}
        {field('maxLossUsd', 'Max loss', 'USD', '2 % rule')}
      </fieldset>
      <fieldset className="period">
        <legend>Period (UTC days)</legend>
        {field('from', 'From', 'YYYY-MM-DD', 'first stored')}
        {field('to', 'To', 'YYYY-MM-DD', 'last stored')}
      </fieldset>
      <button type="submit" className="primary" disabled={busy}>{busy ? 'Running…' : 'Run backtest'}</button>
    </form>
  );
}

/** While a run goes: main's progress when it has sent some, else that it is running. A failed run in words. */
function RunState() {
  const busy = useBacktest((s) => s.busy);
  const progress = useBacktest((s) => s.progress);
  const error = useBacktest((s) => s.error);
  if (busy) {
    return (
      <div className="backtest-run">
        <progress aria-label="Backtest progress" max={progress?.total} value={progress?.done} />
        <span role="status">{progress ? progressText(progress) : 'Running the backtest: reading the stored history…'}</span>
      </div>
    );
  }
  return error ? <p className="error" role="alert">{failureText(error)}</p> : null;
}

/** What to do when the store lacks one of the two histories the backtest needs. */
function EmptyHistory({ missing }: { missing: 'funding' | 'prices' }) {
  return (
    <p className="placeholder" role="status" aria-label="No history to backtest">
      {missing === 'funding'
        ? 'No funding history is stored yet, so there is nothing to replay. Backfill an asset\'s funding from its Symbol view (Backfill 30 d, which also stores its closes), or import a funding CSV below.'
        : 'No price history is stored yet: the backtest needs closes to fill and mark the legs. Backfill from an asset\'s Symbol view, or import a price CSV below.'}
    </p>
  );
}

/**
 * The backtest (docs/domain.md §7) from the terminal: the stored history replayed on a simulated
 * clock through the engine, ranking, ticket checklist and paper broker that trade, with the
 * trader's parameters; totals and one row per trade. The last report stays through a failure.
 */
export function BacktestPanel() {
  const bridge = useBridge();
  const report = useBacktest((s) => s.report);
  const busy = useBacktest((s) => s.busy);
  const history = useBacktest((s) => s.history);
  const historyError = useBacktest((s) => s.historyError);
  const reload = () => void useBacktest.getState().loadHistory(bridge);
  useEffect(() => {
    void useBacktest.getState().loadHistory(bridge);
  }, [bridge]);
  const missing = history ? missingHistory(history) : null;
  return (
    <section className="screen backtest" aria-label="Backtest">
      <style href="backtest-panel" precedence="default">{CSS}</style>
      <div className="screen-head">
        <h1>Backtest</h1>
        <span className="muted">The stored history on a simulated clock, through the terminal&apos;s own engine, checklist and paper broker</span>
      </div>
      <BacktestForm />
      {history ? <p className="small muted" aria-label="Stored history">{historyText(history)}</p> : null}
      {historyError ? <p className="error" role="alert">{historyError}</p> : null}
      <RunState />
      {missing ? <EmptyHistory missing={missing} /> : null}
      {report ? <BacktestResult report={report} stale={busy} /> : null}
      {!report && !busy && !missing ? <p className="placeholder" role="status">Set the parameters and run the backtest over the stored history.</p> : null}
      <div className="backtest-imports">
        <FundingHistoryImport bridge={bridge} onImported={reload} />
        <PriceHistoryImport bridge={bridge} onImported={reload} />
      </div>
    </section>
  );
}
