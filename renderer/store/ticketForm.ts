/**
 * The ticket as the trader types it (percent, hours, text) and its translation into the
 * contract's `TicketInput` (decimals). The renderer never prices anything: a field it cannot
 * read is reported by name, and main recomputes every figure from its own data.
 */
import type { z } from 'zod';
import type { ExitAction } from '../../shared/domain/orders.ts';
import { parseUnifiedSymbol } from '../../shared/domain/symbols.ts';
import type { VenueId } from '../../shared/domain/venues.ts';
import { TicketExitActionsSchema, TicketSchema, type TicketExitActions, type TicketInput, type TicketKind, type TicketLeg } from '../../shared/domain/ticket.ts';

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
  /** Percent beyond each leg's best price; empty is the Settings value. */
  maxSlippagePct: string;
  legOrder: 'sequential' | 'together';
  ackSettlement: boolean;
  ackNegativeCarry: boolean;
  override: string;
}

/** The number fields of the ticket: each problem is shown beside its field (docs/screens.md). */
export type TicketField = 'quantity' | 'leverage' | 'basisStopPct' | 'takeProfitPct' | 'maxHoldingHours' | 'maxLoss' | 'maxSlippagePct';
export type FieldProblems = Partial<Record<TicketField | 'form', string>>;
export type FormResult = { ok: true; ticket: TicketInput } | { ok: false; problems: FieldProblems };

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
    maxSlippagePct: fromPrefill(input.maxSlippagePct, 100),
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

/** An optional number field: empty is null, anything else must be a finite number (else its problem, by field). */
export function optionalNumber<F extends string>(text: string, field: F, problems: Partial<Record<F, string>>): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    problems[field] = `"${text}" is not a number${trimmed.includes(',') ? ' (use a point for decimals)' : ''}`;
    return null;
  }
  return value;
}

/** The maximum slippage's unit, as its field and its problems say it. */
export const MAX_SLIPPAGE_UNIT = '% beyond the best price';

/** How a contract field is shown to the trader: which box, in which unit, and what empty means. */
interface FieldView { field: TicketField; scale: number; unit: string; empty?: string }

function fieldView(path: readonly PropertyKey[], form: TicketForm): FieldView | null {
  switch (path[0]) {
    case 'quantity': return { field: 'quantity', scale: 1, unit: `${form.base}`, empty: 'the risk-sized quantity' };
    case 'leverage': return { field: 'leverage', scale: 1, unit: '×' };
    case 'basisStopPct': return { field: 'basisStopPct', scale: 100, unit: '% price gap' };
    case 'takeProfitSpreadPer8h': return { field: 'takeProfitPct', scale: 100, unit: '% /8h' };
    case 'maxHoldingHours': return { field: 'maxHoldingHours', scale: 1, unit: 'h' };
    case 'maxSlippagePct': return { field: 'maxSlippagePct', scale: 100, unit: MAX_SLIPPAGE_UNIT, empty: 'the Settings value' };
    case 'maxLoss': return form.maxLossUnit === 'usd' ? { field: 'maxLoss', scale: 1, unit: 'USD', empty: 'the 2 % rule' } : { field: 'maxLoss', scale: 100, unit: '% of equity', empty: 'the 2 % rule' };
    default: return null;
  }
}

const shown = (value: number | bigint, view: Pick<FieldView, 'scale' | 'unit'>): string => `${+(Number(value) * view.scale).toPrecision(6)} ${view.unit}`;

/**
 * The contract's own limits (TicketSchema), said in the field's unit and the trader's words:
 * "at most 50 % price gap", not "basisStopPct: Too big: expected number to be <=0.5".
 */
export function limitText(issue: z.core.$ZodIssue, view: Pick<FieldView, 'scale' | 'unit' | 'empty'>): string {
  const orEmpty = view.empty ? ` (or leave it empty for ${view.empty})` : '';
  if (issue.code === 'too_big') return `${issue.inclusive ? 'at most' : 'below'} ${shown(issue.maximum, view)}`;
  if (issue.code === 'too_small') return `${issue.inclusive ? 'at least' : 'above'} ${shown(issue.minimum, view)}${orEmpty}`;
  if (issue.code === 'invalid_type') return 'required';
  return issue.message;
}

/** Problems the contract finds in a ticket built from the form, each put beside its field. */
function contractProblems(ticket: TicketInput, form: TicketForm, problems: FieldProblems): void {
  const parsed = TicketSchema.safeParse(ticket);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const view = fieldView(issue.path, form);
    const key = view?.field ?? 'form';
    problems[key] ??= view ? limitText(issue, view) : `${issue.path.join(' ')}: ${issue.message}`;
  }
}

export function ticketFromForm(form: TicketForm): FormResult {
  const problems: FieldProblems = {};
  const quantity = optionalNumber(form.quantity, 'quantity', problems);
  const leverage = optionalNumber(form.leverage, 'leverage', problems);
  const stop = optionalNumber(form.basisStopPct, 'basisStopPct', problems);
  const takeProfit = optionalNumber(form.takeProfitPct, 'takeProfitPct', problems);
  const holding = optionalNumber(form.maxHoldingHours, 'maxHoldingHours', problems);
  const maxLoss = optionalNumber(form.maxLoss, 'maxLoss', problems);
  const maxSlippage = optionalNumber(form.maxSlippagePct, 'maxSlippagePct', problems);
  const ticket: TicketInput = {
    ticketId: form.ticketId,
    kind: form.kind,
    base: form.base,
    legs: form.legs,
    quantity,
    leverage: leverage as number,
    marginMode: form.marginMode,
    basisStopPct: stop === null ? null : stop / 100,
    takeProfitSpreadPer8h: takeProfit === null ? null : takeProfit / 100,
    maxHoldingHours: holding,
    maxLoss: maxLoss === null ? null : form.maxLossUnit === 'usd' ? { unit: 'usd', value: maxLoss } : { unit: 'equity', value: maxLoss / 100 },
    exitActions: {
      basisStop: actionOf(form.closes.basisStop), maxLoss: actionOf(form.closes.maxLoss),
      takeProfit: actionOf(form.closes.takeProfit), maxHolding: actionOf(form.closes.maxHolding),
    },
    maxSlippagePct: maxSlippage === null ? null : maxSlippage / 100,
    legOrder: form.legOrder,
    acknowledgements: { settlementTiming: form.ackSettlement, negativeCarry: form.ackNegativeCarry },
    override: form.override.trim() === '' ? null : form.override.trim(),
  };
  contractProblems(ticket, form, problems);
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, ticket };
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

/** A venue's perp markets of the ticket's asset, from the asset's monitor row (its quoted listings). */
export type Listings = ReadonlyMap<VenueId, readonly string[]>;

export function listingsOf(legs: readonly { venue: VenueId; symbol: string }[]): Listings {
  const out = new Map<VenueId, string[]>();
  for (const leg of legs) {
    const symbols = out.get(leg.venue) ?? [];
    if (!symbols.includes(leg.symbol)) symbols.push(leg.symbol);
    out.set(leg.venue, symbols);
  }
  return out;
}

/**
 * A perp leg moved to another venue takes a market listed there, never the old venue's symbol:
 * the one settled in the same currency (USDT stays USDT) if listed, else the first. Null when
 * the venue lists none of the asset.
 */
export function legOnVenue(leg: TicketLeg, venue: VenueId, listings: Listings): TicketLeg | null {
  const symbols = listings.get(venue) ?? [];
  if (symbols.length === 0) return null;
  const settle = parseUnifiedSymbol(leg.symbol)?.settle;
  const symbol = symbols.find((s) => parseUnifiedSymbol(s)?.settle === settle) ?? symbols[0];
  return { ...leg, venue, symbol };
}
