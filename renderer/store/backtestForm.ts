/**
 * The Backtest panel's parameters as the trader types them (percent, hours, USD, UTC days) and
 * their translation into the contract's `BacktestParams` (decimals, epoch ms). Each problem is
 * put beside its field in the field's unit, as the ticket does (docs/screens.md, "Backtest").
 */
import { BacktestParamsSchema, type BacktestParams } from '../../shared/domain/backtest.ts';
import { limitText, optionalNumber } from './ticketForm.ts';

export interface BacktestDraft {
  /** Percent per 8 h. */
  triggerPct: string;
  holdHours: string;
  notionalUsd: string;
  /** Percent of the price gap between the legs. */
  basisStopPct: string;
  /** Percent per 8 h. */
  takeProfitPct: string;
  /** Empty: the 2 % rule's budget. */
  maxLossUsd: string;
  leverage: string;
  top: string;
  /** UTC days, YYYY-MM-DD; empty: from the first / to the last stored point. */
  from: string;
  to: string;
}

export type BacktestField = keyof BacktestDraft;
export type BacktestProblems = Partial<Record<BacktestField, string>>;
export type BacktestFormResult = { ok: true; params: BacktestParams } | { ok: false; problems: BacktestProblems };

const DAY_MS = 86_400_000;

/** A decimal as typed back in its unit: 0.0006 at scale 100 → "0.06". */
const typed = (value: number, scale = 1): string => String(+(value * scale).toFixed(8));

/** The UTC day of an epoch, YYYY-MM-DD. */
export const utcDay = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

export function draftFromParams(params: BacktestParams): BacktestDraft {
  return {
    triggerPct: typed(params.triggerPer8h, 100),
    holdHours: typed(params.holdHours),
    notionalUsd: typed(params.notionalUsd),
    basisStopPct: typed(params.basisStopPct, 100),
    takeProfitPct: typed(params.takeProfitSpreadPer8h, 100),
    maxLossUsd: params.maxLossUsd === null ? '' : typed(params.maxLossUsd),
    leverage: typed(params.leverage),
    top: String(params.top),
    from: params.from === null ? '' : utcDay(params.from),
    to: params.to === null ? '' : utcDay(params.to),
  };
}

/** A UTC day typed as YYYY-MM-DD to its first millisecond; null when empty, undefined (with the problem) when unreadable. */
function dayStart(text: string, field: 'from' | 'to', problems: BacktestProblems): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || utcDay(time) !== trimmed) {
    problems[field] = `"${text}" is not a day: write it as YYYY-MM-DD, e.g. 2021-04-10`;
    return undefined;
  }
  return time;
}

/** How a contract field is shown: which box, in which unit, and what leaving it empty means. */
const VIEWS: Record<keyof BacktestParams, { field: BacktestField; scale: number; unit: string; empty?: string }> = {
  triggerPer8h: { field: 'triggerPct', scale: 100, unit: '% /8h' },
  holdHours: { field: 'holdHours', scale: 1, unit: 'h' },
  notionalUsd: { field: 'notionalUsd', scale: 1, unit: 'USD' },
  basisStopPct: { field: 'basisStopPct', scale: 100, unit: '% price gap' },
  takeProfitSpreadPer8h: { field: 'takeProfitPct', scale: 100, unit: '% /8h' },
  maxLossUsd: { field: 'maxLossUsd', scale: 1, unit: 'USD', empty: 'the 2 % rule' },
  leverage: { field: 'leverage', scale: 1, unit: '×' },
  top: { field: 'top', scale: 1, unit: 'pairs' },
  from: { field: 'from', scale: 1, unit: '' },
  to: { field: 'to', scale: 1, unit: '' },
};

/** The rules the contract cannot say in its schema, in the trader's words. */
function ruleProblems(params: BacktestParams, problems: BacktestProblems): void {
  // The ticket's exits check refuses it (shared/risk/takeProfit.ts): every pair would be refused.
  if (params.takeProfitSpreadPer8h < 0) problems.takeProfitPct ??= 'at least 0 % /8h: below 0 a pair would be held while it pays funding';
  if (!Number.isInteger(params.top)) problems.top ??= 'a whole number of pairs';
  if (params.from !== null && params.to !== null && params.to < params.from) problems.to ??= 'on or after From';
}

export function backtestParamsOf(draft: BacktestDraft): BacktestFormResult {
  const problems: BacktestProblems = {};
  const number = (field: BacktestField, scale = 1): number => {
    const value = optionalNumber(draft[field], field, problems);
    if (value === null && !problems[field]) problems[field] = 'required';
    return (value ?? Number.NaN) / scale;
  };
  const maxLoss = optionalNumber(draft.maxLossUsd, 'maxLossUsd', problems);
  const from = dayStart(draft.from, 'from', problems);
  const toDay = dayStart(draft.to, 'to', problems);
  const params: BacktestParams = {
    triggerPer8h: number('triggerPct', 100),
    holdHours: number('holdHours'),
    notionalUsd: number('notionalUsd'),
    basisStopPct: number('basisStopPct', 100),
    takeProfitSpreadPer8h: number('takeProfitPct', 100),
    maxLossUsd: maxLoss,
    leverage: number('leverage'),
    top: number('top'),
    from: from ?? null,
    // To is a whole day: up to its last millisecond.
    to: toDay === null || toDay === undefined ? null : toDay + DAY_MS - 1,
  };
  ruleProblems(params, problems);
  const parsed = BacktestParamsSchema.safeParse(params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const view = VIEWS[issue.path[0] as keyof BacktestParams];
      problems[view.field] ??= limitText(issue, view);
    }
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, params };
}
