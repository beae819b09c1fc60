/**
 * The exits of a pair as pure functions of the pair, the quotes and the time: the figures a
 * check reads (spread, basis move, PnL, hours held), each armed exit with its distance from
 * firing, and the exits met now. What a met exit does, and that it does it once, is the exit
 * monitor's business (docs/exits.md).
 */
import type { ExitAction, ExitRule, ExitRules, ExitWatch, Pair } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { positionKey } from './journal.ts';

/** The figures an exit is judged on, journalled with it. */
export interface ExitFigures {
  /** Short leg's rate minus long leg's, per 8 h (decimal); null without both quotes. */
  spreadPer8h: number | null;
  /** How far the price gap moved against the pair: −(legs' price PnL) / notional (decimal). */
  basisMovePct: number | null;
  pricePnl: number;
  /** Price PnL + funding − fees (USD). */
  netPnl: number;
  hoursHeld: number;
  notionalUsd: number;
}

export interface ExitSignal {
  pairId: string;
  rule: ExitRule;
  action: ExitAction;
  threshold: number;
  figures: ExitFigures;
  message: string;
}

const HOUR_MS = 3_600_000;

/** Each exit's name in the alerts' sentences. */
export const EXIT_NAMES: Readonly<Record<ExitRule, string>> = {
  'basis-stop': 'basis stop', 'max-loss': 'maximum-loss stop', 'take-profit': 'take-profit', 'max-holding': 'maximum holding', 'sector-reversed': 'sector-reversal exit',
};

function per8h(quote: FundingQuote | undefined): number | null {
  const rate = quote?.rate ?? quote?.lastSettledRate ?? null;
  return quote === undefined || rate === null ? null : (rate * 8) / quote.intervalHours;
}

/** The carry a pair earns now: short leg's rate minus long leg's, per 8 h. */
export function pairSpreadPer8h(pair: Pair, quotes: ReadonlyMap<string, FundingQuote>): number | null {
  const long = pair.legs.find((leg) => leg.size > 0);
  const short = pair.legs.find((leg) => leg.size < 0);
  if (!long || !short) return null;
  const l = per8h(quotes.get(positionKey(long.venue, long.symbol)));
  const s = per8h(quotes.get(positionKey(short.venue, short.symbol)));
  return l === null || s === null ? null : s - l;
}

export function exitFigures(pair: Pair, quotes: ReadonlyMap<string, FundingQuote>, now: number): ExitFigures {
  const notionalUsd = pair.legs.reduce((max, leg) => Math.max(max, Math.abs(leg.size) * leg.entryPrice), 0);
  const pricePnl = pair.legs.reduce((sum, leg) => sum + leg.pricePnl, 0);
  return {
    spreadPer8h: pairSpreadPer8h(pair, quotes),
    basisMovePct: notionalUsd > 0 ? -pricePnl / notionalUsd : null,
    pricePnl,
    netPnl: pair.legs.reduce((sum, leg) => sum + leg.net, 0),
    hoursHeld: (now - pair.openedAt) / HOUR_MS,
    notionalUsd,
  };
}

/** What a met exit does; a condition journalled without an action (older pairs) alerts. */
export function actionOf(exits: ExitRules, rule: ExitRule): ExitAction {
  return exits.actions?.[rule] ?? 'alert';
}

type Armed = Omit<ExitWatch, 'firedAt' | 'action'>;

/** The exits the pair was entered with, with the figure each is judged on now. */
function armedExits(exits: ExitRules, figures: ExitFigures): Armed[] {
  const out: Armed[] = [];
  if (exits.basisStopPct !== undefined) out.push({ rule: 'basis-stop', value: figures.basisMovePct, threshold: exits.basisStopPct, metWhen: 'at-or-above' });
  if (exits.maxLossUsd !== undefined) out.push({ rule: 'max-loss', value: figures.netPnl, threshold: -exits.maxLossUsd, metWhen: 'at-or-below' });
  if (exits.takeProfitSpreadPer8h !== undefined) out.push({ rule: 'take-profit', value: figures.spreadPer8h, threshold: exits.takeProfitSpreadPer8h, metWhen: 'at-or-below' });
  if (exits.maxHoldingHours !== undefined) out.push({ rule: 'max-holding', value: figures.hoursHeld, threshold: exits.maxHoldingHours, metWhen: 'at-or-above' });
  return out;
}

export function isMet(watch: Pick<ExitWatch, 'value' | 'threshold' | 'metWhen'>): boolean {
  if (watch.value === null) return false;
  return watch.metWhen === 'at-or-above' ? watch.value >= watch.threshold : watch.value <= watch.threshold;
}

/** Every armed exit of the pair and how far it is from firing; `fired` holds when each already fired. */
export function exitWatch(pair: Pair, figures: ExitFigures, fired: Readonly<Partial<Record<ExitRule, number>>>): ExitWatch[] {
  return armedExits(pair.exits, figures).map((armed) => ({ ...armed, action: actionOf(pair.exits, armed.rule), firedAt: fired[armed.rule] ?? null }));
}

const pct = (value: number, digits = 2) => `${(value * 100).toFixed(digits)} %`;
const usd = (value: number) => `${value < 0 ? '−' : ''}$${Math.abs(value).toFixed(2)}`;

/** What met the exit, in words: the figure against its threshold. */
function whatMet(rule: ExitRule, figures: ExitFigures, threshold: number): string {
  switch (rule) {
    case 'basis-stop': return `basis stop hit: the price gap moved ${pct(figures.basisMovePct ?? 0)} of notional against the pair (stop ${pct(threshold)})`;
    case 'max-loss': return `maximum-loss stop hit: net ${usd(figures.netPnl)} (price ${usd(figures.pricePnl)}, with funding and fees), limit ${usd(threshold)}`;
    case 'take-profit': return `take-profit met: the spread narrowed to ${pct(figures.spreadPer8h ?? 0, 4)} per 8 h (target ${pct(threshold, 4)})`;
    case 'max-holding': return `maximum holding reached: held ${figures.hoursHeld.toFixed(1)} h of ${threshold} h`;
    case 'sector-reversed': return 'the sector signal reversed: holding and hoping is the mistake to avoid';
  }
}

/**
 * Which exits a pair meets now (pure). Only an open pair with every leg held is watched: a pair
 * whose second leg is still being sent is the execution's, and its one leg's PnL is no basis.
 */
export function exitsMet(pair: Pair, quotes: ReadonlyMap<string, FundingQuote>, now: number, sectorReversed: boolean): ExitSignal[] {
  if (pair.status !== 'open' || pair.legs.some((leg) => leg.size === 0)) return [];
  const figures = exitFigures(pair, quotes, now);
  const met: Array<Pick<ExitSignal, 'rule' | 'threshold'>> = armedExits(pair.exits, figures).filter(isMet);
  if (sectorReversed) met.push({ rule: 'sector-reversed', threshold: 0 });
  return met.map(({ rule, threshold }) => ({
    pairId: pair.pairId, rule, action: actionOf(pair.exits, rule), threshold, figures,
    message: `pair ${pair.pairId}: ${whatMet(rule, figures, threshold)}`,
  }));
}
