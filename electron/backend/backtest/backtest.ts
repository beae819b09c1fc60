/**
 * The backtest (docs/domain.md §7): history replayed on a simulated clock through the code
 * that trades. At each moment something becomes known (a settlement, a close) the history feed
 * gives the quotes of that moment to the signal engine, the trading desk settles funding and
 * checks exits, and the engine's best-ranked triggered rows are submitted as tickets to the
 * desk's ticket service, whose checklist decides; the desk's paper brokers fill against the
 * simulator's books around the recorded price. Nothing here computes a fill, a payment or an
 * exit: the report reads them back from the desk's journal.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FundingPoint, FundingQuote, PricePoint } from '../../../shared/domain/quotes.ts';
import { quoteMarkPerCoin } from '../../../shared/domain/units.ts';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../../shared/domain/settings.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import type { TicketInput, TicketReceipt } from '../../../shared/domain/ticket.ts';
import type { BacktestParams, BacktestReport } from '../../../shared/domain/backtest.ts';
import { TicketSchema } from '../../../shared/domain/ticket.ts';
import { prefillFromOpportunity } from '../../../shared/risk/prefill.ts';
import { SignalEngine } from '../../engine/engine.ts';
import { pairDecays, type DecayTable } from '../../engine/pairDecay.ts';
import { openStore } from '../store/duckdb.ts';
import { createLogger } from '../log/logger.ts';
import { createVault } from '../vault/vault.ts';
import { createTradingDesk } from '../trading/tradingDesk.ts';
import { TradingStateMachine } from '../trading/tradingState.ts';
import { TicketRefusedError } from '../trading/ticketErrors.ts';
import type { PairRecord } from '../trading/ledgerFold.ts';
import { eventTimes, feedSeries, HistoryFeed } from './historyFeed.ts';
import { openBacktestVenues } from './backtestVenues.ts';
import { buildReport, type EntryRecord } from './backtestReport.ts';
import { journalOf } from '../trading/journal.ts';

export interface BacktestInput {
  funding: readonly FundingPoint[];
  prices: readonly PricePoint[];
  params: BacktestParams;
  /** Told every few percent of the steps (the CLI prints it on stderr). */
  progress?: (done: number, total: number, at: number) => void;
}

/** Input that cannot be backtested, in the trader's words (the CLI exits 2 on it). */
export class BacktestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BacktestInputError';
  }
}

/** An end of the period asked, as the error names it. */
const periodEnd = (time: number | null, open: string): string => (time === null ? open : `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`);

export async function runBacktest(input: BacktestInput): Promise<BacktestReport> {
  const { params } = input;
  const { series, skipped } = feedSeries(input.funding, input.prices);
  const notTraded = [
    ...skipped.venues.map((s) => ({ series: s, reason: 'not a venue the terminal trades, or not a linear perp symbol' })),
    ...skipped.unpriced.map((s) => ({ series: s, reason: 'no price for this venue and symbol in the price files' })),
  ];
  if (series.length === 0) throw new BacktestInputError(`backtest: no series has both funding and prices on a venue the terminal trades (${VENUE_IDS.join(', ')}); check the venue and symbol columns of both files`);
  const times = eventTimes(series, params.from ?? -Infinity, params.to ?? Infinity);
  if (times.length === 0) throw new BacktestInputError(`backtest: no settlement or price falls between ${periodEnd(params.from, 'the first record')} and ${periodEnd(params.to, 'the last record')} (--from, --to)`);
  const venues = await openBacktestVenues(series, times[0]);
  notTraded.push(...venues.unlisted.map((s) => ({ series: s, reason: 'the venue simulator does not list this symbol, so no book to fill against' })));
  const clock = { now: times[0] };
  const store = await openStore(':memory:', { now: () => clock.now });
  try {
    await store.history.insertFunding(input.funding);
    const settings: EngineSettings = { ...DEFAULT_SETTINGS, triggerSpreadPer8h: params.triggerPer8h, holdingDays: params.holdHours / 24 };
    const run = await replay({ params, settings, times, clock, funding: input.funding, feed: new HistoryFeed(venues.tradable), venues, store, progress: input.progress });
    return buildReport({
      params, times, entries: run.entries, journal: journalOf(store).ledger.entries(), records: journalOf(store).ledger.pairs(), pairs: run.pairs,
      equity: run.equity, series: venues.tradable, notTraded, previews: run.previews, refusals: run.refusals,
    });
  } finally {
    await store.close();
    await venues.close();
  }
}

interface ReplayDeps {
  params: BacktestParams;
  settings: EngineSettings;
  times: readonly number[];
  /** The simulated time, shared with the store's journal. */
  clock: { now: number };
  funding: readonly FundingPoint[];
  feed: HistoryFeed;
  venues: Awaited<ReturnType<typeof openBacktestVenues>>;
  store: Awaited<ReturnType<typeof openStore>>;
  progress?: BacktestInput['progress'];
}

async function replay(deps: ReplayDeps) {
  const { params, settings, times, feed, venues, store, clock } = deps;
  const now = () => clock.now;
  const engine = new SignalEngine(settings);
  const log = createLogger({ sink: () => {}, secrets: () => [], now });
  // Never unlocked: a backtest trades paper accounts only. The path is never written.
  const vault = createVault({ path: join(tmpdir(), `funding-terminal-backtest-${process.pid}`, 'vault.json'), systemCipher: null, now });
  const desk = await createTradingDesk({
    mode: 'demo', venues: [...venues.exchanges.keys()], store, vault, baseUrl: venues.simulator.url, readCredentials: venues.readCredentials,
    market: { quotes: () => feed.quotes(), publicExchange: (venue) => venues.exchanges.get(venue)! },
    engine: { latest: () => engine.snapshot() },
    state: new TradingStateMachine(now(), () => {}, journalOf(store)), settings: () => settings, publish: () => {}, log, now,
    decays: decaysKnownAt(deps.funding, now),
  });
  const entries: EntryRecord[] = [];
  const equity: number[] = [];
  const refusals: Record<string, number> = {};
  let previews = 0;
  const every = Math.max(1, Math.floor(times.length / 20));
  try {
    for (let step = 0; step < times.length; step++) {
      const t = (clock.now = times[step]);
      venues.simulator.clock.advanceTo(t);
      engine.apply(feed.at(t), t);
      await desk.runPasses();
      const held = heldBases(entries, journalOf(store).ledger.pairs());
      for (const row of candidates(engine.snapshot().upserts, held, params.top)) {
        previews++;
        const outcome = await enter(desk.handlers, ticketFor(row, feed.quotes(), previews, params));
        if ('failing' in outcome) for (const id of outcome.failing) refusals[id] = (refusals[id] ?? 0) + 1;
        else entries.push({ receipt: outcome, row });
      }
      equity.push(await openNet(desk.handlers, journalOf(store).ledger.pairs().length));
      if (step % every === 0 || step === times.length - 1) deps.progress?.(step + 1, times.length, t);
    }
    for (const record of journalOf(store).ledger.pairs()) {
      if (record.status === 'open' || record.status === 'unhedged') await desk.handlers['positions.close']({ pairId: record.pairId });
    }
    const pairs = await desk.handlers['positions.list'](undefined);
    equity.push(pairs.reduce((sum, pair) => sum + pair.net, 0));
    return { entries, equity, previews, refusals, pairs };
  } finally {
    await desk.stop();
  }
}

const REFIT_MS = 8 * 3_600_000;

/**
 * The pairs' spread decay as the live terminal fits it (electron/engine/pairDecay.ts), on the
 * settlements known at the moment only, refitted once per 8 h of simulated time and only when a
 * ticket asks.
 */
function decaysKnownAt(funding: readonly FundingPoint[], now: () => number): () => DecayTable {
  let fittedFor = Number.NaN;
  let table: DecayTable = new Map();
  return () => {
    const period = Math.floor(now() / REFIT_MS);
    if (period !== fittedFor) {
      table = pairDecays(funding, now());
      fittedFor = period;
    }
    return table;
  };
}

/** Bases a pair is open on: one pair per asset at a time, as a trader would hold it. */
function heldBases(entries: readonly EntryRecord[], records: readonly Readonly<PairRecord>[]): Set<string> {
  const live = new Set(records.filter((r) => r.status !== 'closed' && r.status !== 'failed').map((r) => r.pairId));
  return new Set(entries.filter((entry) => live.has(entry.receipt.ticketId)).map((entry) => entry.row.base));
}

/** The engine's order, best first: triggered perp/perp rows not held, at most `top`. */
function candidates(rows: readonly Opportunity[], held: ReadonlySet<string>, top: number): Opportunity[] {
  const out: Opportunity[] = [];
  for (const row of rows) {
    if (out.length >= top || !row.triggered) break;
    if (row.longVenue !== null && row.shortVenue !== null && row.longVenue !== row.shortVenue && !held.has(row.base)) out.push(row);
  }
  return out;
}

/**
 * The ticket a systematic trader would send from the row: the prefill's legs, the backtest's
 * size and exits, every exit closing (an exit that only alerts does nothing when nobody
 * watches), and no acknowledgement: a ticket the checklist warns about needing one is refused.
 */
function ticketFor(row: Opportunity, quotes: readonly FundingQuote[], n: number, params: BacktestParams): TicketInput {
  const prefill = prefillFromOpportunity(row, 'perp-perp', `bt${n}`, params.leverage);
  const long = prefill.legs[0];
  const quote = quotes.find((q) => q.venue === long.venue && q.symbol === long.symbol);
  const mark = quote ? quoteMarkPerCoin(quote) : null;
  return {
    ...prefill,
    // Coins at the long leg's mark; the preview rounds it down to both venues' lots.
    quantity: mark === null ? null : params.notionalUsd / mark,
    basisStopPct: params.basisStopPct,
    takeProfitSpreadPer8h: params.takeProfitSpreadPer8h,
    maxHoldingHours: params.holdHours,
    maxLoss: params.maxLossUsd === null ? null : { unit: 'usd', value: params.maxLossUsd },
    exitActions: { basisStop: 'close', maxLoss: 'close', takeProfit: 'close', maxHolding: 'close' },
  };
}

type Handlers = Awaited<ReturnType<typeof createTradingDesk>>['handlers'];

/** Submits through the desk; a refusal gives the failing checklist items. */
async function enter(handlers: Handlers, input: TicketInput): Promise<TicketReceipt | { failing: string[] }> {
  try {
    return await handlers['ticket.submit'](TicketSchema.parse(input));
  } catch (error) {
    if (error instanceof TicketRefusedError) return { failing: error.refusal.failing.map((item) => item.id) };
    throw error;
  }
}

/** Summed net of every pair so far (closed ones realised, open ones at the mark). */
async function openNet(handlers: Handlers, pairs: number): Promise<number> {
  if (pairs === 0) return 0;
  return (await handlers['positions.list'](undefined)).reduce((sum, pair) => sum + pair.net, 0);
}
