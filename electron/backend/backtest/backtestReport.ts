/**
 * The backtest's report, read back from what the desk journalled (docs/domain.md §7): each
 * pair's funding, price PnL and fees as the positions view gives them (the same figures the
 * Positions screen shows), its slippage from its fills against the recorded mark of the moment,
 * and the expected funding its ticket preview showed at entry.
 */
import type { JournalEntry, Order, Pair } from '../../../shared/domain/orders.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import type { TicketReceipt } from '../../../shared/domain/ticket.ts';
import type { BacktestParams, BacktestReport, BacktestTrade } from '../../../shared/domain/backtest.ts';
import type { PairRecord } from '../trading/ledgerFold.ts';
import { HistoryFeed, type FeedSeries } from './historyFeed.ts';

/** A submitted ticket and the monitor row it was taken from. */
export interface EntryRecord {
  receipt: TicketReceipt;
  row: Opportunity;
}

export interface ReportInput {
  params: BacktestParams;
  times: readonly number[];
  entries: readonly EntryRecord[];
  journal: readonly JournalEntry[];
  records: readonly Readonly<PairRecord>[];
  pairs: readonly Pair[];
  /** Summed net of all pairs after each step. */
  equity: readonly number[];
  series: readonly FeedSeries[];
  notTraded: BacktestReport['series']['notTraded'];
  previews: number;
  refusals: BacktestReport['refusals'];
}

/** Where the expected carry comes from: the ticket preview's figure, under the decay the desk was given. */
export const EXPECTED_CARRY_SOURCE = 'ticket preview at entry: the pair\'s spread decayed as fitted on the settlements known then (electron/engine/pairDecay.ts), each leg paid on its own schedule (shared/risk/carry.ts); the conservative default decay where the pair has under 7 days of history';
const expectedFundingOf = (receipt: TicketReceipt): number => receipt.checklist.preview.expectedFundingUsd;

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** What one order paid against the mark at its time: buys above it, sells below it (USD, > 0 a cost). */
function slippageOf(order: Order, series: ReadonlyMap<string, FeedSeries>): number {
  const one = series.get(`${order.venue} ${order.symbol}`);
  const close = one ? HistoryFeed.closeAt(one, order.time) : undefined;
  if (!one || close === undefined || order.averagePrice === null || order.filled <= 0) return 0;
  const mark = close / one.multiplier;
  return order.filled * (order.side === 'buy' ? order.averagePrice - mark : mark - order.averagePrice);
}

function exitOf(record: Readonly<PairRecord> | undefined): string {
  const fired = Object.entries(record?.firedExits ?? {}).sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0));
  return fired[0]?.[0] ?? (record?.status === 'closed' ? 'end-of-history' : record?.status ?? 'unknown');
}

function tradeOf(entry: EntryRecord, input: ReportInput, series: ReadonlyMap<string, FeedSeries>): BacktestTrade | null {
  const pairId = entry.receipt.ticketId;
  const pair = input.pairs.find((p) => p.pairId === pairId);
  const record = input.records.find((r) => r.pairId === pairId);
  if (!pair || !record || pair.status === 'failed') return null;
  const preview = entry.receipt.checklist.preview;
  const long = preview.legs.find((leg) => leg.side === 'buy')!;
  const short = preview.legs.find((leg) => leg.side === 'sell')!;
  const fundingUsd = sum(pair.legs.map((leg) => leg.fundingPnl));
  const expectedFundingUsd = expectedFundingOf(entry.receipt);
  const settlements = new Set(input.journal.filter((e) => e.kind === 'funding' && e.pairId === pairId).map((e) => (e.data as { time: number }).time)).size;
  return {
    pairId, base: entry.row.base,
    long: { venue: long.venue, symbol: long.symbol }, short: { venue: short.venue, symbol: short.symbol },
    openedAt: pair.openedAt, closedAt: pair.closedAt, exit: exitOf(record),
    quantity: preview.quantity, notionalUsd: preview.notionalUsd, spreadAtEntryPer8h: entry.row.spreadPer8h, settlements,
    fundingUsd, pricePnlUsd: sum(pair.legs.map((leg) => leg.pricePnl)), feesUsd: sum(pair.legs.map((leg) => leg.fees)),
    slippageUsd: sum(record.orders.map((order) => slippageOf(order, series))), netUsd: pair.net,
    expectedFundingUsd, realisedOverExpected: expectedFundingUsd !== 0 ? fundingUsd / expectedFundingUsd : null,
  };
}

/** Largest fall from the running peak (the peak starts at 0: nothing made, nothing lost). */
export function maxDrawdown(equity: readonly number[]): number {
  let peak = 0;
  let worst = 0;
  for (const value of equity) {
    peak = Math.max(peak, value);
    worst = Math.max(worst, peak - value);
  }
  return worst;
}

export function buildReport(input: ReportInput): BacktestReport {
  const series = new Map(input.series.map((one) => [`${one.venue} ${one.symbol}`, one]));
  const trades = input.entries.map((entry) => tradeOf(entry, input, series)).filter((t): t is BacktestTrade => t !== null);
  const wins = trades.filter((t) => t.netUsd > 0).length;
  const fundingUsd = sum(trades.map((t) => t.fundingUsd));
  const expectedFundingUsd = sum(trades.map((t) => t.expectedFundingUsd));
  return {
    params: input.params,
    period: { from: input.times[0] ?? null, to: input.times.at(-1) ?? null, steps: input.times.length },
    series: { used: input.series.length, notTraded: input.notTraded },
    model: {
      expectedCarry: EXPECTED_CARRY_SOURCE,
      books: 'history has no order books: fills walk the venue simulator\'s book (spread and depth from its liquidity model) around the last recorded close',
      equityUsd: 'each venue\'s paper account starts with 100,000 USD; the risk rule and the exposure cap are judged on the two legs\' venues',
    },
    previews: input.previews,
    refusals: input.refusals,
    trades,
    totals: {
      trades: trades.length, wins, hitRate: trades.length ? wins / trades.length : null,
      fundingUsd, pricePnlUsd: sum(trades.map((t) => t.pricePnlUsd)), feesUsd: sum(trades.map((t) => t.feesUsd)),
      slippageUsd: sum(trades.map((t) => t.slippageUsd)), netUsd: sum(trades.map((t) => t.netUsd)),
      expectedFundingUsd, realisedOverExpected: expectedFundingUsd !== 0 ? fundingUsd / expectedFundingUsd : null,
      maxDrawdownUsd: maxDrawdown(input.equity),
    },
  };
}
