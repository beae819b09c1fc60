import type { ReactNode } from 'react';
import type { TicketLeg } from '../../../shared/domain/ticket.ts';
import { VENUE_IDS, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { allowedQuantityText, type TicketForm } from './ticketForm.ts';

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

/** The trader's side of the ticket: legs, size, leverage, stop, exits, leg order. */
export function TicketFields({ form, patch, suggested }: { form: TicketForm; patch: Patch; suggested: number | null }) {
  const allowed = suggested === null ? '' : allowedQuantityText(suggested);
  const setLeg = (i: 0 | 1) => (leg: TicketLeg) => patch({ legs: i === 0 ? [leg, form.legs[1]] : [form.legs[0], leg] });
  return (
    <div className="ticket-fields">
      <LegFields index={0} leg={form.legs[0]} onChange={setLeg(0)} />
      <LegFields index={1} leg={form.legs[1]} onChange={setLeg(1)} />
      <fieldset>
        <legend>Size and risk</legend>
        <NumberField label="Quantity" unit="base units" value={form.quantity} placeholder="risk-sized" onChange={(v) => patch({ quantity: v })}
          hint={allowed ? (
            <button type="button" onClick={() => patch({ quantity: allowed })} aria-label={`Use the size the 2 % rule allows: ${allowed} ${form.base}`}>
              2 % rule: {allowed} {form.base}
            </button>
          ) : null} />
        <NumberField label="Leverage" unit="×" value={form.leverage} onChange={(v) => patch({ leverage: v })} />
        <NumberField label="Basis stop" unit="% price gap" value={form.basisStopPct} onChange={(v) => patch({ basisStopPct: v })} />
      </fieldset>
      <fieldset>
        <legend>Exits (defined before entry)</legend>
        <NumberField label="Take-profit spread" unit="% /8h" value={form.takeProfitPct} onChange={(v) => patch({ takeProfitPct: v })} />
        <NumberField label="Max holding" unit="hours" value={form.maxHoldingHours} onChange={(v) => patch({ maxHoldingHours: v })} />
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
