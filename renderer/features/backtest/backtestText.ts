/**
 * The backtest report's words and figures as the panel shows them. Main computes every figure
 * (electron/backend/backtest/backtestReport.ts); this only formats.
 */
import type { BacktestHistory, BacktestProgress, BacktestReport } from '../../../shared/domain/backtest.ts';
import { EXIT_NAMES } from '../positions/exitWatchText.ts';
import { utcDay } from '../../store/backtestForm.ts';

/** The exit that closed a trade, in words: "Max holding", "End of history". */
export function exitName(exit: string): string {
  if (exit in EXIT_NAMES) return EXIT_NAMES[exit as keyof typeof EXIT_NAMES];
  const words = exit.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Realised funding as a share of what the ticket expected: "62 %", "−7 %" (paid out); "–" when nothing was expected. */
export function carryShare(realisedOverExpected: number | null): string {
  if (realisedOverExpected === null || !Number.isFinite(realisedOverExpected)) return '–';
  const pct = Math.round(realisedOverExpected * 100);
  return `${pct < 0 ? '−' : ''}${Math.abs(pct)} %`;
}

/** "2 of 3 won (66.7 %)"; "no trades" without any. */
export function hitRateText(totals: BacktestReport['totals']): string {
  if (totals.hitRate === null) return 'no trades';
  return `${totals.wins} of ${totals.trades} won (${(totals.hitRate * 100).toFixed(1)} %)`;
}

const utcMinute = (t: number): string => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** "Step 120 of 480 (25 %), simulated clock at 2021-04-12 08:00 UTC". */
export function progressText(progress: BacktestProgress): string {
  return `Step ${progress.done} of ${progress.total} (${Math.floor((progress.done / progress.total) * 100)} %), simulated clock at ${utcMinute(progress.at)}`;
}

const span = (s: BacktestHistory['funding']): string => (s.from === null || s.to === null ? '' : `, ${utcDay(s.from)} → ${utcDay(s.to)}`);

/** What the store holds, or what is missing, in one line. */
export function historyText(history: BacktestHistory): string {
  return `Stored history: ${history.funding.rows.toLocaleString('en-US')} funding settlements${span(history.funding)}; `
    + `${history.prices.rows.toLocaleString('en-US')} price closes${span(history.prices)} (UTC).`;
}

/** The backtest needs both kinds; the first one missing, or null when both are stored. */
export function missingHistory(history: BacktestHistory): 'funding' | 'prices' | null {
  if (history.funding.rows === 0) return 'funding';
  return history.prices.rows === 0 ? 'prices' : null;
}

/** A failed run in the trader's words: the request's and the module's prefixes dropped. */
export function failureText(message: string): string {
  return `The backtest did not run: ${message.replace(/^backtest\.run: /, '').replace(/^backtest: /, '')}`;
}

/** "2021-04-10 00:00 → 2021-04-19 20:00 UTC, 55 steps". */
export function periodText(period: BacktestReport['period']): string {
  if (period.from === null || period.to === null) return 'no steps';
  return `${utcMinute(period.from).slice(0, 16)} → ${utcMinute(period.to)}, ${period.steps} steps of the simulated clock`;
}
