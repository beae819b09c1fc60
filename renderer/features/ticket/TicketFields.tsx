import type { ReactNode } from 'react';
import type { TicketLeg } from '../../../shared/domain/ticket.ts';
import { MONITORING_ONLY_VENUES, SPOT_TRADED_VENUES, VENUE_IDS, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { formatUsd } from '../../ui/format.ts';
import { allowedQuantityText, legOnVenue, MAX_SLIPPAGE_UNIT, type FieldProblems, type Listings, type TicketForm } from '../../store/ticketForm.ts';

type Patch = (patch: Partial<TicketForm>) => void;

/** The field's own problem, beside it and announced with it (aria-describedby). */
function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  return problem ? <span className="field-error" id={id} role="alert">{problem}</span> : null;
}

const problemId = (label: string): string => `problem-${label.replace(/[^A-Za-z]/g, '')}`;

export function NumberField({ label, unit, value, onChange, placeholder, hint, problem, inputMode = 'decimal' }: {
  label: string; unit: string; value: string; onChange(v: string): void; placeholder?: string; hint?: ReactNode; problem?: string;
  /** A day (YYYY-MM-DD) is typed with a dash: 'text'. */
  inputMode?: 'decimal' | 'text';
}) {
  const id = problemId(label);
  return (
    <div className="field-row">
      <label className="field">
        <span className="field-name">{label}</span>
        <input type="text" inputMode={inputMode} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} aria-label={`${label} (${unit})`}
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? id : undefined} />
        <span className="unit">{unit}</span>
        {hint ? <span className="hint muted">{hint}</span> : null}
      </label>
      <FieldProblem id={id} problem={problem} />
    </div>
  );
}

/** Venue, then one of the asset's markets there (never free text), then the side. */
function LegFields({ index, leg, listings, onChange }: { index: 0 | 1; leg: TicketLeg; listings: Listings; onChange(leg: TicketLeg): void }) {
  const name = `Leg ${index + 1}`;
  const markets = listings.get(leg.venue) ?? [];
  const perp = leg.instrument === 'perp';
  const moveTo = (venue: VenueId): void => onChange(perp ? legOnVenue(leg, venue, listings) ?? { ...leg, venue } : { ...leg, venue });
  return (
    <div className="leg-fields" role="group" aria-label={`${name} (${leg.instrument})`} title={`${name}, ${leg.instrument}`}>
      <span className="leg-name muted" aria-hidden="true">{index + 1}</span>
      <select aria-label={`${name} side`} value={leg.side} onChange={(e) => onChange({ ...leg, side: e.target.value as TicketLeg['side'] })}>
        <option value="buy">▲ buy</option>
        <option value="sell">▼ sell</option>
      </select>
      <select aria-label={`${name} venue`} value={leg.venue} onChange={(e) => moveTo(e.target.value as VenueId)}>
        {VENUE_IDS.map((v) => {
          // A spot leg trades only where the terminal trades spot (docs/orders.md); the venue chosen stays selectable, and the preview says why.
          const listed = perp ? (listings.get(v)?.length ?? 0) > 0 : SPOT_TRADED_VENUES.includes(v) || v === leg.venue;
          const why = perp ? ' (not listed)' : ' (spot not traded)';
          // A monitoring-only venue is never offered for an order; a leg already on it stays shown, and the preview says why.
          if (MONITORING_ONLY_VENUES.has(v)) return <option key={v} value={v} disabled={v !== leg.venue}>{VENUES[v].label} (monitoring only, not tradable)</option>;
          return <option key={v} value={v} disabled={!listed}>{VENUES[v].label}{listed && (perp || SPOT_TRADED_VENUES.includes(v)) ? '' : why}</option>;
        })}
      </select>
      {perp ? (
        <select aria-label={`${name} market`} value={leg.symbol} onChange={(e) => onChange({ ...leg, symbol: e.target.value })}>
          {markets.includes(leg.symbol) ? null : <option value={leg.symbol}>{leg.symbol} (no quote now)</option>}
          {markets.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
      ) : <span className="num" aria-label={`${name} market`}>{leg.symbol} <span className="muted">{leg.instrument}</span></span>}
    </div>
  );
}

/** Whether a met exit closes the pair, said in words beside the box: unticked, it only alerts. */
function ClosesBox({ name, checked, onChange, offText = 'alert only' }: { name: string; checked: boolean; onChange(v: boolean): void; offText?: string }) {
  return (
    <label className="closes">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{name} closes the pair automatically</span>
      {checked ? null : <span className="warn">{offText}</span>}
    </label>
  );
}

function MaxLossField({ form, patch, ruleUsd, problem }: { form: TicketForm; patch: Patch; ruleUsd: number | null; problem?: string }) {
  const unit = form.maxLossUnit === 'usd' ? 'USD' : '% of equity';
  const id = problemId('Max loss');
  return (
    <div className="field-row">
    <label className="field">
      <span className="field-name">Max loss</span>
      <input type="text" inputMode="decimal" value={form.maxLoss} placeholder="2 % rule" onChange={(e) => patch({ maxLoss: e.target.value })} aria-label={`Max loss (${unit})`}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? id : undefined} />
      <select aria-label="Max loss unit" value={form.maxLossUnit} onChange={(e) => patch({ maxLossUnit: e.target.value as TicketForm['maxLossUnit'] })}>
        <option value="usd">USD</option>
        <option value="equity-pct">% of equity</option>
      </select>
      {form.maxLoss.trim() === '' && ruleUsd !== null ? <span className="hint muted">2 % rule: {formatUsd(-ruleUsd)}</span> : null}
    </label>
    <FieldProblem id={id} problem={problem} />
    </div>
  );
}

/** The trader's side of the ticket: legs, size, leverage, stops, exits and what each does, leg order; each field's problem beside it. */
export function TicketFields({ form, patch, suggested, maxLossUsd = null, problems, listings, settingsSlippagePct = null }: {
  form: TicketForm; patch: Patch; suggested: number | null; maxLossUsd?: number | null; problems: FieldProblems; listings: Listings;
  /** What an empty max slippage means: the Settings value (null while Settings is unread). */
  settingsSlippagePct?: number | null;
}) {
  const closes = (key: keyof TicketForm['closes']) => (v: boolean) => patch({ closes: { ...form.closes, [key]: v } });
  const allowed = suggested === null ? '' : allowedQuantityText(suggested);
  const setLeg = (i: 0 | 1) => (leg: TicketLeg) => patch({ legs: i === 0 ? [leg, form.legs[1]] : [form.legs[0], leg] });
  return (
    <div className="ticket-fields">
      <fieldset className="legs-fields">
        <legend>Legs: side, venue, market (perp unless marked)</legend>
        <LegFields index={0} leg={form.legs[0]} listings={listings} onChange={setLeg(0)} />
        <LegFields index={1} leg={form.legs[1]} listings={listings} onChange={setLeg(1)} />
      </fieldset>
      <fieldset>
        <legend>Size and risk</legend>
        <NumberField label="Quantity" unit={`coins of ${form.base || 'the asset'}`} value={form.quantity} placeholder="risk-sized" onChange={(v) => patch({ quantity: v })} problem={problems.quantity}
          hint={allowed ? (
            <button type="button" onClick={() => patch({ quantity: allowed })} aria-label={`Use the size the 2 % rule allows: ${allowed} ${form.base}`}>
              2 % rule: {allowed}
            </button>
          ) : null} />
        <NumberField label="Leverage" unit="×" value={form.leverage} onChange={(v) => patch({ leverage: v })} problem={problems.leverage} />
        <label className="field">
          <span className="field-name">Margin</span>
          <select aria-label="Margin mode" value={form.marginMode} onChange={(e) => patch({ marginMode: e.target.value as TicketForm['marginMode'] })}>
            <option value="isolated">isolated (per leg)</option>
            <option value="cross">cross (account-wide liquidation)</option>
          </select>
        </label>
        <NumberField label="Basis stop" unit="% price gap" value={form.basisStopPct} onChange={(v) => patch({ basisStopPct: v })} problem={problems.basisStopPct} />
        <ClosesBox name="Basis stop" checked={form.closes.basisStop} onChange={closes('basisStop')} offText="alert only: the loss at the stop is not enforced" />
        <MaxLossField form={form} patch={patch} ruleUsd={form.maxLoss.trim() === '' ? maxLossUsd : null} problem={problems.maxLoss} />
        <ClosesBox name="Maximum-loss stop" checked={form.closes.maxLoss} onChange={closes('maxLoss')} />
      </fieldset>
      <fieldset>
        <legend>Exits (defined before entry)</legend>
        <NumberField label="Take-profit spread" unit="% /8h" value={form.takeProfitPct} placeholder="none" onChange={(v) => patch({ takeProfitPct: v })} problem={problems.takeProfitPct} />
        <ClosesBox name="Take-profit" checked={form.closes.takeProfit} onChange={closes('takeProfit')} />
        <NumberField label="Max holding" unit="hours" value={form.maxHoldingHours} onChange={(v) => patch({ maxHoldingHours: v })} problem={problems.maxHoldingHours} />
        <ClosesBox name="Maximum holding" checked={form.closes.maxHolding} onChange={closes('maxHolding')} />
      </fieldset>
      <fieldset>
        <legend>Execution</legend>
        <NumberField label="Max slippage" unit={MAX_SLIPPAGE_UNIT} value={form.maxSlippagePct} onChange={(v) => patch({ maxSlippagePct: v })} problem={problems.maxSlippagePct}
          placeholder={settingsSlippagePct === null ? 'Settings' : `Settings: ${+(settingsSlippagePct * 100).toFixed(4)}`}
          hint="each leg" />
        <label className="field">
          <span className="field-name">Leg order</span>
          <select aria-label="Leg order" value={form.legOrder} onChange={(e) => patch({ legOrder: e.target.value as TicketForm['legOrder'] })}>
            <option value="sequential">sequential (less liquid first)</option>
            <option value="together">together (with leg timeout)</option>
          </select>
        </label>
      </fieldset>
      {problems.form ? <p className="error" role="alert">{problems.form}</p> : null}
    </div>
  );
}
