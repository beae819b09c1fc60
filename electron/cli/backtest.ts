import { parseUtcTime } from '../../shared/history/fundingCsv.ts';
import { parsePriceCsv } from '../../shared/history/priceCsv.ts';
import { DEFAULT_BACKTEST_PARAMS, type BacktestParams, type BacktestReport, type BacktestTrade } from '../../shared/domain/backtest.ts';
import { BacktestInputError, runBacktest } from '../backend/backtest/backtest.ts';
import { UsageError, type CliCommand } from './io.ts';
import { HELP_OPTION, numberOption, parseCommandLine } from './args.ts';
import { readAll, readFundingCsv } from './csvFiles.ts';

const D = DEFAULT_BACKTEST_PARAMS;

export const BACKTEST_USAGE = `usage: backtest --history <funding.csv>... --prices <prices.csv>... [--trigger X] [--hold H]
                [--exits basis-stop=S,take-profit=T,max-loss=USD] [--notional USD] [--leverage L] [--top N]
                [--from TIME] [--to TIME] [--json]
  Replays the history through the terminal's own engine, ticket checklist, paper brokers and
  exits: at every settlement and close the engine ranks the pairs, the best-ranked triggered
  ones (up to --top per step, one pair per asset) are sent as tickets, and those the checklist
  passes are filled; the exits close them. Reports each trade and the totals (docs/domain.md §7).
  --trigger X    spread per 8 h as a decimal that triggers a row (default ${D.triggerPer8h})
  --hold H       maximum holding in hours, and the tickets' planned exit (default ${D.holdHours})
  --exits        basis-stop (fraction of notional, default ${D.basisStopPct}), take-profit (spread per 8 h,
                 default ${D.takeProfitSpreadPer8h}), max-loss (USD, default: the 2 % rule); every exit closes
  --notional USD each pair's size at the mark (default ${D.notionalUsd})
  --from/--to    ISO-8601 with a zone, or epoch ms
  CSV formats as for scan (funding) and study (prices: venue,symbol,time,close with time the
  close's end). Bad input (a bad line names file:line) exits 2; progress goes to stderr.`;

interface BacktestArgs { history: string[]; prices: string[]; params: BacktestParams; json: boolean }

/** `backtest`: history through the live code, per trade and in total. */
export const backtest: CliCommand = async (argv, io) => {
  const args = parseBacktestArgs(argv);
  if (args === 'help') {
    io.out(`${BACKTEST_USAGE}\n`);
    return 0;
  }
  const funding = await readAll('backtest', args.history, readFundingCsv);
  const prices = await readAll('backtest', args.prices, parsePriceCsv);
  let report: BacktestReport;
  try {
    report = await runBacktest({
      funding, prices, params: args.params,
      progress: (done, total, at) => io.err(`backtest: ${done}/${total} steps, at ${new Date(at).toISOString()}\n`),
    });
  } catch (error) {
    if (error instanceof BacktestInputError) throw new UsageError(error.message);
    throw error;
  }
  io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : backtestText(report));
  return 0;
};

export function parseBacktestArgs(argv: readonly string[]): BacktestArgs | 'help' {
  const values = parseCommandLine('backtest', argv, {
    ...HELP_OPTION,
    history: { type: 'string', multiple: true, default: [] },
    prices: { type: 'string', multiple: true, default: [] },
    trigger: { type: 'string' },
    hold: { type: 'string' },
    exits: { type: 'string' },
    notional: { type: 'string' },
    leverage: { type: 'string' },
    top: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (values.help) return 'help';
  if (values.history.length === 0) throw new UsageError('backtest: --history needs at least one funding CSV (backtest --help lists the options)');
  if (values.prices.length === 0) throw new UsageError('backtest: --prices needs at least one price CSV (backtest --help lists the options)');
  const positive = (n: number) => n > 0;
  const params: BacktestParams = {
    ...D,
    ...readExits(values.exits),
    triggerPer8h: numberOption('backtest', 'trigger', values.trigger, (n) => n >= 0 && n <= 0.05, 'a decimal per 8 h from 0 to 0.05') ?? D.triggerPer8h,
    holdHours: numberOption('backtest', 'hold', values.hold, positive, 'hours greater than 0') ?? D.holdHours,
    notionalUsd: numberOption('backtest', 'notional', values.notional, positive, 'USD greater than 0') ?? D.notionalUsd,
    leverage: numberOption('backtest', 'leverage', values.leverage, (n) => n >= 1 && n <= 125, 'a leverage from 1 to 125') ?? D.leverage,
    top: numberOption('backtest', 'top', values.top, (n) => Number.isInteger(n) && n >= 1 && n <= 50, 'a whole number from 1 to 50') ?? D.top,
    from: values.from === undefined ? null : readTime('from', values.from),
    to: values.to === undefined ? null : readTime('to', values.to),
  };
  if (params.from !== null && params.to !== null && params.to <= params.from) throw new UsageError('backtest: --to must be after --from');
  return { history: values.history, prices: values.prices, params, json: values.json };
}

const EXIT_KEYS = { 'basis-stop': 'basisStopPct', 'take-profit': 'takeProfitSpreadPer8h', 'max-loss': 'maxLossUsd' } as const;

function readExits(text: string | undefined): Partial<BacktestParams> {
  if (text === undefined) return {};
  const out: Partial<Record<(typeof EXIT_KEYS)[keyof typeof EXIT_KEYS], number>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split('=');
    if (!Object.hasOwn(EXIT_KEYS, name)) throw new UsageError(`backtest: --exits: "${name}" is not an exit; use basis-stop=S, take-profit=T, max-loss=USD`);
    const key = EXIT_KEYS[name as keyof typeof EXIT_KEYS];
    const number = Number(value);
    const ok = value !== undefined && value.trim() !== '' && Number.isFinite(number) && (key === 'takeProfitSpreadPer8h' || number > 0) && (key !== 'basisStopPct' || number <= 0.5);
    if (!ok) throw new UsageError(`backtest: --exits: ${name} takes ${key === 'basisStopPct' ? 'a fraction above 0 up to 0.5' : key === 'maxLossUsd' ? 'USD above 0' : 'a decimal per 8 h'}, not "${value ?? ''}"`);
    out[key] = number;
  }
  return out;
}

function readTime(flag: string, text: string): number {
  const time = parseUtcTime(text);
  if (typeof time === 'string') throw new UsageError(`backtest: --${flag}: ${time}`);
  return time;
}

const usd = (value: number) => `${value < 0 ? '-' : ''}${Math.abs(value).toFixed(2)}`;
const iso = (time: number | null) => (time === null ? '—' : new Date(time).toISOString().slice(0, 16).replace('T', ' '));

function tradeCells(t: BacktestTrade): string[] {
  return [t.pairId, t.base, `${t.long.venue}/${t.short.venue}`, iso(t.openedAt), iso(t.closedAt), t.exit, String(t.settlements),
    usd(t.fundingUsd), usd(t.pricePnlUsd), usd(t.feesUsd), usd(t.slippageUsd), usd(t.netUsd), usd(t.expectedFundingUsd),
    t.realisedOverExpected === null ? '—' : t.realisedOverExpected.toFixed(2)];
}

/** Aligned text: every money column in USD, named in its head. */
export function backtestText(report: BacktestReport): string {
  const head = ['PAIR', 'BASE', 'LONG/SHORT', 'OPENED (UTC)', 'CLOSED (UTC)', 'EXIT', 'SETTL', 'FUNDING $', 'PRICE $', 'FEES $', 'SLIP $', 'NET $', 'EXPECTED $', 'REAL/EXP'];
  const rows = report.trades.map(tradeCells);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const numeric = (c: number) => c >= 6;
  const line = (cells: string[]) => cells.map((cell, c) => (numeric(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const t = report.totals;
  return [
    `backtest ${iso(report.period.from)} → ${iso(report.period.to)}, ${report.period.steps} steps, ${report.series.used} series traded (${report.series.notTraded.length} left out), ${report.previews} tickets sent`,
    line(head), ...rows.map(line), '',
    `total: ${t.trades} trades, hit rate ${t.hitRate === null ? '—' : `${(t.hitRate * 100).toFixed(1)} %`}, funding $${usd(t.fundingUsd)}, price $${usd(t.pricePnlUsd)} (slippage $${usd(t.slippageUsd)} of it), fees $${usd(t.feesUsd)}, net $${usd(t.netUsd)}, max drawdown $${usd(t.maxDrawdownUsd)}`,
    `refused by the checklist: ${Object.entries(report.refusals).map(([id, n]) => `${id} ${n}`).join(', ') || 'none'}`,
    `realised / expected funding: ${t.realisedOverExpected === null ? '—' : t.realisedOverExpected.toFixed(2)} (expected: ${report.model.expectedCarry})`,
    `books: ${report.model.books}`, '',
  ].join('\n');
}
