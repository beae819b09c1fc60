import type { ReactNode } from 'react';
import type { TicketLeg } from '../../../shared/domain/ticket.ts';
import { VENUE_IDS, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { formatUsd } from '../../ui/format.ts';
import { allowedQuantityText, type TicketForm } from '../../store/ticketForm.ts';

type Patch = (patch: Partial<TicketForm>) => void;

export function NumberField({ label, unit, value, onChange, placeholder, hint }: {
  label: string; unit: string; value: string; onChange(v: string): void; placeholder?: string; hint?: ReactNode;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type="text" inputMode="decimal" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} aria-label={`${label} (${unit})`} />
      <span className="unit">{unit}</span>
      {hint ? <span className="hint muted">{hint}</span> : null}
    </label>
  );
}

function LegFields({ index, leg, onChange }: { index: 0 | 1; leg: TicketLeg; onChange(leg: TicketLeg): void }) {
  const name = `Leg ${index + 1}`;
  return (
    <fieldset className="leg-fields">
      <legend>{name} ({leg.instrument})</legend>
      <select aria-label={`${name} venue`} value={leg.venue} onChange={(e) => onChange({ ...leg, venue: e.target.value as VenueId })}>
        {VENUE_IDS.map((v) => <option key={v} value={v}>{VENUES[v].label}</option>)}
      </select>
      <input aria-label={`${name} symbol`} value={leg.symbol} onChange={(e) => onChange({ ...leg, symbol: e.target.value })} />
      <select aria-label={`${name} side`} value={leg.side} onChange={(e) => onChange({ ...leg, side: e.target.value as TicketLeg['side'] })}>
        <option value="buy">▲ buy (long)</option>
        <option value="sell">▼ sell (short)</option>
      </select>
    </fieldset>
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

function MaxLossField({ form, patch, ruleUsd }: { form: TicketForm; patch: Patch; ruleUsd: number | null }) {
  const unit = form.maxLossUnit === 'usd' ? 'USD' : '% of equity';
  return (
    <label className="field">
      <span>Max loss</span>
      <input type="text" inputMode="decimal" value={form.maxLoss} placeholder="2 % rule" onChange={(e) => patch({ maxLoss: e.target.value })} aria-label={`Max loss (${unit})`} />
      <select aria-label="Max loss unit" value={form.maxLossUnit} onChange={(e) => patch({ maxLossUnit: e.target.value as TicketForm['maxLossUnit'] })}>
        <option value="usd">USD</option>
        <option value="equity-pct">% of equity</option>
      </select>
      {form.maxLoss.trim() === '' && ruleUsd !== null ? <span className="hint muted">2 % rule: {formatUsd(-ruleUsd)}</span> : null}
    </label>
  );
}

/** The trader's side of the ticket: legs, size, leverage, stops, exits and what each does, leg order. */
export function TicketFields({ form, patch, suggested, maxLossUsd = null }: { form: TicketForm; patch: Patch; suggested: number | null; maxLossUsd?: number | null }) {
  const closes = (key: keyof TicketForm['closes']) => (v: boolean) => patch({ closes: { ...form.closes, [key]: v } });
  const allowed = suggested === null ? '' : allowedQuantityText(suggested);
  const setLeg = (i: 0 | 1) => (leg: TicketLeg) => patch({ legs: i === 0 ? [leg, form.legs[1]] : [form.legs[0], leg] });
  return (
    <div className="ticket-fields">
      <LegFields index={0} leg={form.legs[0]} onChange={setLeg(0)} />
      <LegFields index={1} leg={form.legs[1]} onChange={setLeg(1)} />
      <fieldset>
        <legend>Size and risk</legend>
        <NumberField label="Quantity" unit={`coins of ${form.base || 'the asset'}`} value={form.quantity} placeholder="risk-sized" onChange={(v) => patch({ quantity: v })}
          hint={allowed ? (
            <button type="button" onClick={() => patch({ quantity: allowed })} aria-label={`Use the size the 2 % rule allows: ${allowed} ${form.base}`}>
              2 % rule: {allowed} {form.base}
            </button>
          ) : null} />
        <NumberField label="Leverage" unit="×" value={form.leverage} onChange={(v) => patch({ leverage: v })} />
        <label className="field">
          <span>Margin</span>
          <select aria-label="Margin mode" value={form.marginMode} onChange={(e) => patch({ marginMode: e.target.value as TicketForm['marginMode'] })}>
            <option value="isolated">isolated (per leg)</option>
            <option value="cross">cross (account-wide liquidation)</option>
          </select>
        </label>
        <NumberField label="Basis stop" unit="% price gap" value={form.basisStopPct} onChange={(v) => patch({ basisStopPct: v })} />
        <ClosesBox name="Basis stop" checked={form.closes.basisStop} onChange={closes('basisStop')} offText="alert only: the loss at the stop is not enforced" />
        <MaxLossField form={form} patch={patch} ruleUsd={form.maxLoss.trim() === '' ? maxLossUsd : null} />
        <ClosesBox name="Maximum-loss stop" checked={form.closes.maxLoss} onChange={closes('maxLoss')} />
      </fieldset>
      <fieldset>
        <legend>Exits (defined before entry)</legend>
        <NumberField label="Take-profit spread" unit="% /8h" value={form.takeProfitPct} onChange={(v) => patch({ takeProfitPct: v })} />
        <ClosesBox name="Take-profit" checked={form.closes.takeProfit} onChange={closes('takeProfit')} />
        <NumberField label="Max holding" unit="hours" value={form.maxHoldingHours} onChange={(v) => patch({ maxHoldingHours: v })} />
        <ClosesBox name="Maximum holding" checked={form.closes.maxHolding} onChange={closes('maxHolding')} />
        <label className="field">
          <span>Leg order</span>
          <select aria-label="Leg order" value={form.legOrder} onChange={(e) => patch({ legOrder: e.target.value as TicketForm['legOrder'] })}>
            <option value="sequential">sequential (less liquid first)</option>
            <option value="together">together (with leg timeout)</option>
          </select>
        </label>
      </fieldset>
    </div>
  );
}
