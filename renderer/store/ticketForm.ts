/**
 * The ticket as the trader types it (percent, hours, text) and its translation into the
 * contract's `TicketInput` (decimals). The renderer never prices anything: a field it cannot
 * read is reported by name, and main recomputes every figure from its own data.
 */
import type { ExitAction } from '../../shared/domain/orders.ts';
import { TicketExitActionsSchema, type TicketExitActions, type TicketInput, type TicketKind, type TicketLeg } from '../../shared/domain/ticket.ts';

export interface TicketForm {
  ticketId: string;
  kind: TicketKind;
  base: string;
  legs: [TicketLeg, TicketLeg];
  /** Base units; empty asks main for the risk-sized quantity. */
  quantity: string;
  leverage: string;
  /** Cross: the venue's whole equity backs each perp leg, and its liquidation price is account-wide. */
  marginMode: 'isolated' | 'cross';
  /** Percent of the price gap between the legs. */
  basisStopPct: string;
  /** Percent per 8 h at which the spread is taken profit on. */
  takeProfitPct: string;
  maxHoldingHours: string;
  /** The pair's loss limit; empty is the 2 % rule's budget. */
  maxLoss: string;
  maxLossUnit: 'usd' | 'equity-pct';
  /** Per exit: true closes the pair when it is met, false only alerts. */
  closes: Record<keyof TicketExitActions, boolean>;
  legOrder: 'sequential' | 'together';
  ackSettlement: boolean;
  ackNegativeCarry: boolean;
  override: string;
}

export type FormResult = { ok: true; ticket: TicketInput } | { ok: false; problems: string[] };

const fromPrefill = (value: number | null | undefined, scale = 1): string =>
  value === null || value === undefined ? '' : String(+(value * scale).toFixed(8));

export function formFromPrefill(input: TicketInput): TicketForm {
  return {
    ticketId: input.ticketId,
    kind: input.kind,
    base: input.base,
    legs: [{ ...input.legs[0] }, { ...input.legs[1] }],
    quantity: fromPrefill(input.quantity),
    leverage: String(input.leverage),
    marginMode: input.marginMode ?? 'isolated',
    basisStopPct: fromPrefill(input.basisStopPct, 100),
    takeProfitPct: fromPrefill(input.takeProfitSpreadPer8h, 100),
    maxHoldingHours: fromPrefill(input.maxHoldingHours),
    maxLoss: input.maxLoss ? fromPrefill(input.maxLoss.value, input.maxLoss.unit === 'equity' ? 100 : 1) : '',
    maxLossUnit: input.maxLoss?.unit === 'equity' ? 'equity-pct' : 'usd',
    closes: closesOf(TicketExitActionsSchema.parse(input.exitActions ?? {})),
    legOrder: input.legOrder ?? 'sequential',
    ackSettlement: input.acknowledgements?.settlementTiming ?? false,
    ackNegativeCarry: input.acknowledgements?.negativeCarry ?? false,
    override: input.override ?? '',
  };
}

const closesOf = (actions: TicketExitActions): TicketForm['closes'] => ({
  basisStop: actions.basisStop === 'close', maxLoss: actions.maxLoss === 'close', takeProfit: actions.takeProfit === 'close', maxHolding: actions.maxHolding === 'close',
});

const actionOf = (closes: boolean): ExitAction => (closes ? 'close' : 'alert');

/** An optional number field: empty is null, anything else must be a finite number. */
function optionalNumber(text: string, name: string, problems: string[]): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    problems.push(`${name}: "${text}" is not a number`);
    return null;
  }
  return value;
}

export function ticketFromForm(form: TicketForm): FormResult {
  const problems: string[] = [];
  const quantity = optionalNumber(form.quantity, 'Quantity', problems);
  const leverage = optionalNumber(form.leverage, 'Leverage', problems);
  const stop = optionalNumber(form.basisStopPct, 'Basis stop', problems);
  const takeProfit = optionalNumber(form.takeProfitPct, 'Take-profit spread', problems);
  const holding = optionalNumber(form.maxHoldingHours, 'Max holding', problems);
  const maxLoss = optionalNumber(form.maxLoss, 'Max loss', problems);
  if (maxLoss !== null && maxLoss <= 0) problems.push('Max loss: must be above 0 (leave empty for the 2 % rule)');
  if (maxLoss !== null && form.maxLossUnit === 'equity-pct' && maxLoss > 100) problems.push('Max loss: at most 100 % of equity');
  if (quantity !== null && quantity <= 0) problems.push('Quantity: must be above 0 (leave empty for the risk-sized quantity)');
  if (leverage === null) problems.push('Leverage: required');
  else if (leverage < 1) problems.push('Leverage: at least 1×');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    ticket: {
      ticketId: form.ticketId,
      kind: form.kind,
      base: form.base,
      legs: form.legs,
      quantity,
      leverage: leverage!,
      marginMode: form.marginMode,
      basisStopPct: stop === null ? null : stop / 100,
      takeProfitSpreadPer8h: takeProfit === null ? null : takeProfit / 100,
      maxHoldingHours: holding,
      maxLoss: maxLoss === null ? null : form.maxLossUnit === 'usd' ? { unit: 'usd', value: maxLoss } : { unit: 'equity', value: maxLoss / 100 },
      exitActions: {
        basisStop: actionOf(form.closes.basisStop), maxLoss: actionOf(form.closes.maxLoss),
        takeProfit: actionOf(form.closes.takeProfit), maxHolding: actionOf(form.closes.maxHolding),
      },
      legOrder: form.legOrder,
      acknowledgements: { settlementTiming: form.ackSettlement, negativeCarry: form.ackNegativeCarry },
      override: form.override.trim() === '' ? null : form.override.trim(),
    },
  };
}

/**
 * The largest size the rules allow, as text the trader can send back: cut (never rounded up)
 * to 8 significant digits, so that taking the suggestion cannot exceed the 2 % or 20 % rule.
 */
export function allowedQuantityText(allowed: number): string {
  if (!(allowed > 0) || !Number.isFinite(allowed)) return '';
  const scale = 10 ** (7 - Math.floor(Math.log10(allowed)));
  return String(+(Math.floor(allowed * scale) / scale).toPrecision(8));
}

/** A fresh id per ticket: main derives idempotent client order ids from it. */
export function newTicketId(base: string, now: number, random: () => number = Math.random): string {
  const suffix = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `${base.replace(/[^A-Za-z0-9]/g, '')}-${now.toString(36)}-${suffix}`;
}
