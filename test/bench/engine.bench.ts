/**
 * Engine throughput on every venue × 500 symbols (500 quotes a venue): full recompute, a one-venue
 * update (500 quotes), every venue polled in one update (every quote changed: every row rebuilt
 * from new legs, the full recompute that does the update's work for all quotes; the one within
 * the minute finds every input unchanged and keeps every row) and a quiet venue's poll (its 500
 * quotes observed again unchanged), each
 * against a straightforward full recompute measured in the same run
 * (group by filtering the whole quote list per asset, fresh objects, no caches, no history); the
 * quote codec against structured cloning of the objects; and the round trip through the real
 * worker thread (quotes out as columns, rows back as columns, decoded into the contract's rows on
 * the main thread; the main thread's share is printed on its own). The cost curve repeats the
 * engine figures and the round trip at about 1,000, 3,000 and 10,000 quotes (symbols per venue chosen to match).
 */
import { Worker } from 'node:worker_threads';
import type { FundingQuote } from '../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../shared/domain/settings.ts';
import type { Opportunity } from '../../shared/domain/signals.ts';
import { VENUES, VENUE_IDS } from '../../shared/domain/venues.ts';
import { regimeOf } from '../../shared/funding/regime.ts';
import { bestSpread } from '../../shared/funding/spread.ts';
import { SignalEngine, type EngineCounts } from '../../electron/engine/engine.ts';
import { legOf } from '../../electron/engine/legs.ts';
import { QuoteDecoder, QuoteEncoder, transferablesOf } from '../../electron/engine/quoteColumns.ts';
import { RowDecoder, RowEncoder } from '../../electron/engine/rowColumns.ts';
import { compareRows } from '../../electron/engine/ranking.ts';
import type { FromEngine, ToEngine } from '../../electron/engine/workerMessages.ts';
import { makeQuoteSet, repollVenue } from '../fixtures/engine/quoteSet.ts';
import { percentile, timeRuns } from './sampleStats.ts';
import type { BenchResult } from './types.ts';

const ASSETS = 500;
const RUNS = 300;
const WARMUP = 50;
/** Cost-curve points: symbols per venue so that all venues together hold about these many quotes. */
const CURVE_ASSETS = [1_000, 3_000, 10_000].map((quotes) => Math.round(quotes / VENUE_IDS.length));
const CURVE_RUNS = 100;
/** A minute start plus one second: every timed call stays inside one sampling minute. */
const NOW = Date.UTC(2026, 2, 2, 12, 0, 1);

/** The straightforward way: per asset, filter all quotes, build everything anew, sort. */
function naiveRecompute(quotes: readonly FundingQuote[], now: number, settings: EngineSettings): Opportunity[] {
  const bases = [...new Set(quotes.map((quote) => quote.base))];
  const taker = (venue: FundingQuote['venue']) => settings.fees.find((f) => f.venue === venue)?.taker ?? VENUES[venue].takerFee;
  const rows = bases.map((base): Opportunity => {
    const legs = quotes.filter((quote) => quote.base === base).map((quote) => legOf(quote, now)!).sort((a, b) => `${a.venue}|${a.symbol}`.localeCompare(`${b.venue}|${b.symbol}`));
    const fresh = legs.filter((leg) => !leg.stale);
    const mean = fresh.length ? fresh.reduce((sum, leg) => sum + leg.ratePer8h, 0) / fresh.length : null;
    const best = bestSpread(fresh);
    const fees = best ? 2 * (taker(best.longVenue) + taker(best.shortVenue)) : null;
    return {
      base, legs, longVenue: best?.longVenue ?? null, shortVenue: best?.shortVenue ?? null, spreadPer8h: best?.spreadPer8h ?? null, spreadApr: best?.spreadApr ?? null,
      roundTripFees: fees, netCarryPerDay: best && fees !== null ? best.spreadPer8h * 3 - fees / settings.holdingDays : null,
      breakEvenHours: best && fees !== null && best.spreadPer8h > 0 ? fees / (best.spreadPer8h / 8) : null,
      meanPer8h: mean, regime: mean === null ? null : regimeOf(mean), velocity: { h1: null, h4: null, h24: null }, persistenceHours: 0,
      triggered: !!best && best.spreadPer8h >= settings.triggerSpreadPer8h, nextFundingTime: Math.min(...legs.map((leg) => leg.nextFundingTime ?? Infinity)), alignment: null, rank: 0,
    };
  });
  return rows.sort(compareRows).map((row, i) => ({ ...row, rank: i + 1 }));
}

/** Every venue polled at once at the `i`-th time after the one-venue polls: every quote changed, the fair full recompute. */
function everyVenuePoll(quotes: readonly FundingQuote[], i: number): { poll: FundingQuote[]; at: number } {
  const at = NOW + 1_000 + (RUNS + WARMUP + i) * 20;
  return { poll: VENUE_IDS.flatMap((venue, v) => repollVenue(quotes, venue, at, 7_919 * i + v)), at };
}

function venuePoll(quotes: readonly FundingQuote[], i: number): { poll: FundingQuote[]; at: number } {
  const at = NOW + 1_000 + i * 20;
  return { poll: repollVenue(quotes, VENUE_IDS[i % VENUE_IDS.length], at, i), at };
}

/** A quiet venue's poll: each of its quotes observed again at `at`, saying what it said. */
function quietPoll(quotes: readonly FundingQuote[], i: number): { poll: FundingQuote[]; at: number } {
  const at = NOW + 1_000 + i * 20;
  const venue = VENUE_IDS[i % VENUE_IDS.length];
  return { poll: quotes.filter((quote) => quote.venue === venue).map((quote) => ({ ...quote, observedAt: at })), at };
}

/** One-venue polls that change nothing the engine reads, on an engine holding `quotes`; none may recompute an asset. */
function quietFigures(quotes: readonly FundingQuote[], runs: number): number[] {
  const decoded = asDecoded(quotes);
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  engine.apply(quotes, NOW);
  const before = engine.counts.assetsRecomputed;
  const samples = timeRuns(runs, WARMUP, (i) => {
    const { poll, at } = quietPoll(quotes, i);
    return { poll: decoded(poll), at };
  }, ({ poll, at }) => engine.apply(poll, at));
  if (engine.counts.assetsRecomputed !== before) throw new Error('a poll that changed nothing recomputed an asset');
  return samples;
}

/** Quotes as the worker sees them: decoded from columns, so symbols are the string table's own strings. */
function asDecoded(quotes: readonly FundingQuote[]): (batch: readonly FundingQuote[]) => FundingQuote[] {
  const encoder = new QuoteEncoder();
  const decoder = new QuoteDecoder();
  decoder.decode(encoder.encode(quotes));
  return (batch) => decoder.decode(encoder.encode(batch));
}

interface RoundTrips {
  /** Encode on main → worker → rows decoded on main, per batch. */
  trips: number[];
  /** The main thread's part of it: encoding the quotes and decoding the rows. */
  mainThread: number[];
}

async function workerRoundTrips(quotes: readonly FundingQuote[], runs: number): Promise<RoundTrips> {
  const worker = new Worker(new URL('../../electron/engine/worker.ts', import.meta.url));
  const encoder = new QuoteEncoder();
  const rows = new RowDecoder();
  const replies: Array<(decodeMs: number) => void> = [];
  worker.on('message', (message: FromEngine) => {
    if (message.type !== 'signals') return;
    const started = performance.now();
    rows.decode(message.batch.rows);
    replies.shift()?.(performance.now() - started);
  });
  const roundTrip = (message: ToEngine, transfer: ArrayBuffer[] = []) =>
    new Promise<number>((resolve) => {
      replies.push(resolve);
      worker.postMessage(message, transfer);
    });
  try {
    await roundTrip({ type: 'settings', settings: DEFAULT_SETTINGS, now: NOW });
    const all = encoder.encode(quotes);
    await roundTrip({ type: 'quotes', columns: all, now: NOW }, transferablesOf(all));
    const result: RoundTrips = { trips: [], mainThread: [] };
    for (let i = 0; i < runs; i++) {
      const { poll, at } = venuePoll(quotes, i);
      const started = performance.now();
      const columns = encoder.encode(poll);
      const encodeMs = performance.now() - started;
      const decodeMs = await roundTrip({ type: 'quotes', columns, now: at }, transferablesOf(columns));
      if (i < WARMUP / 5) continue;
      result.trips.push(performance.now() - started);
      result.mainThread.push(encodeMs + decodeMs);
    }
    return result;
  } finally {
    await worker.terminate();
  }
}

/**
 * Full recompute and one-venue update of an engine holding `quotes`, `runs` timed calls each.
 * `full` recomputes within the minute (each row's carry reused, its inputs unchanged); `refit`
 * is a full recompute that computes every carry again, as a new minute or a decay refit does
 * (a new decay table each call).
 */
interface EngineFigures {
  full: number[];
  /** Every venue polled in one update: every quote changed, every row recomputed from new legs (the update's fair comparison). */
  everyVenue: number[];
  refit: number[];
  incremental: number[];
  /** Per one-venue update, averaged over the timed and warm-up calls (`SignalEngine.counts`). */
  perUpdate: EngineCounts;
}

function engineFigures(quotes: readonly FundingQuote[], runs: number): EngineFigures {
  const decoded = asDecoded(quotes);
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  engine.apply(quotes, NOW);
  const full = timeRuns(runs, WARMUP, () => null, () => engine.recomputeAll(NOW));
  const refit = timeRuns(runs, WARMUP, () => new Map(), (decays) => engine.setDecays(decays, NOW));
  const before = engine.counts;
  const incremental = timeRuns(runs, WARMUP, (i) => {
    const { poll, at } = venuePoll(quotes, i);
    return { poll: decoded(poll), at };
  }, ({ poll, at }) => {
    if (engine.apply(poll, at).batch.full) throw new Error('a one-venue update fell back to a full recompute: the bench left its sampling minute');
  });
  const after = engine.counts;
  const everyVenue = timeRuns(runs, WARMUP, (i) => {
    const { poll, at } = everyVenuePoll(quotes, i);
    return { poll: decoded(poll), at };
  }, ({ poll, at }) => {
    if (engine.apply(poll, at).batch.full) throw new Error('an every-venue update fell back to a full recompute: the bench left its sampling minute');
  });
  const calls = runs + WARMUP;
  const perUpdate: EngineCounts = {
    assetsRecomputed: (after.assetsRecomputed - before.assetsRecomputed) / calls,
    carriesComputed: (after.carriesComputed - before.carriesComputed) / calls,
    rowsReranked: (after.rowsReranked - before.rowsReranked) / calls,
  };
  return { full, everyVenue, refit, incremental, perUpdate };
}

/** What one one-venue update did, counted: the work it is proportional to. */
function countRows(label: string, perUpdate: EngineCounts): BenchResult[] {
  return [
    { name: `${label}: assets recomputed per update`, value: perUpdate.assetsRecomputed, unit: 'rows' },
    { name: `${label}: carries computed per update (best pair on the polled venue)`, value: perUpdate.carriesComputed, unit: 'rows' },
    { name: `${label}: rows re-ranked per update`, value: perUpdate.rowsReranked, unit: 'rows' },
  ];
}

async function costCurve(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const assets of CURVE_ASSETS) {
    const quotes = makeQuoteSet(assets, NOW);
    const label = `${quotes.length.toLocaleString('en-US')} quotes`;
    const { full, everyVenue, refit, incremental, perUpdate } = engineFigures(quotes, CURVE_RUNS);
    const { trips, mainThread } = await workerRoundTrips(quotes, CURVE_RUNS);
    results.push(
      { name: `curve ${label}: full recompute, median`, value: percentile(full, 50), unit: 'ms' },
      { name: `curve ${label}: full recompute, every carry computed, median`, value: percentile(refit, 50), unit: 'ms' },
      { name: `curve ${label}: one-venue update (${assets} quotes) vs full recompute, median`, value: percentile(incremental, 50), unit: 'ms', baseline: percentile(full, 50), target: '≥ 5×' },
      { name: `curve ${label}: one-venue update vs every venue polled (every quote changed), median`, value: percentile(incremental, 50), unit: 'ms', baseline: percentile(everyVenue, 50), target: '≥ 5×' },
      ...countRows(`curve ${label}`, perUpdate),
      { name: `curve ${label}: worker round trip, median`, value: percentile(trips, 50), unit: 'ms' },
      { name: `curve ${label}: main-thread part of it, median`, value: percentile(mainThread, 50), unit: 'ms' },
    );
  }
  return results;
}

/** The old wire format of the answer: rows structured-cloned as objects, against the row columns both ways. */
function answerTransport(quotes: readonly FundingQuote[]): { columns: number[]; cloned: number[] } {
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  engine.apply(quotes, NOW);
  const batches = Array.from({ length: VENUE_IDS.length }, (_, i) => {
    const { poll, at } = venuePoll(quotes, i);
    return engine.apply(poll, at).batch.upserts;
  });
  const encoder = new RowEncoder();
  const decoder = new RowDecoder();
  const columns = timeRuns(RUNS, WARMUP, (i) => batches[i % batches.length], (rows) => decoder.decode(encoder.encode(rows)));
  const cloned = timeRuns(RUNS, WARMUP, (i) => batches[i % batches.length], (rows) => structuredClone(rows));
  return { columns, cloned };
}

export async function run(): Promise<BenchResult[]> {
  const quotes = makeQuoteSet(ASSETS, NOW);
  const naive = timeRuns(RUNS, WARMUP, () => null, () => naiveRecompute(quotes, NOW, DEFAULT_SETTINGS));
  const { full, everyVenue, refit, incremental, perUpdate } = engineFigures(quotes, RUNS);
  const quiet = quietFigures(quotes, RUNS);
  const codec = asDecoded(quotes);
  const polls = Array.from({ length: VENUE_IDS.length }, (_, i) => venuePoll(quotes, i).poll);
  const columnar = timeRuns(RUNS, WARMUP, (i) => polls[i % polls.length], (poll) => codec(poll));
  const cloned = timeRuns(RUNS, WARMUP, (i) => polls[i % polls.length], (poll) => structuredClone(poll));
  const answer = answerTransport(quotes);
  const { trips, mainThread } = await workerRoundTrips(quotes, RUNS);
  const naiveMedian = percentile(naive, 50);
  const fullMedian = percentile(full, 50);
  const refitMedian = percentile(refit, 50);
  const all = `${quotes.length.toLocaleString('en-US')} quotes`;
  return [
    { name: `engine full recompute, ${all}, median`, value: fullMedian, unit: 'ms', baseline: naiveMedian, target: '≤ 2 ms' },
    { name: `engine full recompute, ${all}, p95`, value: percentile(full, 95), unit: 'ms', baseline: percentile(naive, 95), target: '≤ 2 ms' },
    { name: `engine full recompute, every carry computed (new minute, decay refit), ${all}, median`, value: refitMedian, unit: 'ms', baseline: naiveMedian, target: '≤ 2 ms' },
    { name: 'engine one-venue update (500 quotes), median', value: percentile(incremental, 50), unit: 'ms', baseline: naiveMedian, target: '≤ 0.1 ms' },
    { name: 'engine one-venue update vs engine full, median', value: percentile(incremental, 50), unit: 'ms', baseline: fullMedian, target: '≥ 5×' },
    { name: 'engine one-venue update vs full with every carry computed, median', value: percentile(incremental, 50), unit: 'ms', baseline: refitMedian, target: '≥ 5×' },
    { name: `engine one-venue update vs every venue polled (${all} changed: every row from new legs), median`, value: percentile(incremental, 50), unit: 'ms', baseline: percentile(everyVenue, 50), target: '≥ 5×' },
    ...countRows('engine one-venue update (500 quotes)', perUpdate),
    { name: 'engine one-venue poll observed again unchanged (500 quotes, 0 assets recomputed) vs engine full, median', value: percentile(quiet, 50), unit: 'ms', baseline: fullMedian, target: '≤ 0.1 ms' },
    { name: 'quote transport, 500 quotes, columns encode + decode, median', value: percentile(columnar, 50), unit: 'ms', baseline: percentile(cloned, 50) },
    { name: 'row transport, 500 rows, columns encode + decode vs structured clone, median', value: percentile(answer.columns, 50), unit: 'ms', baseline: percentile(answer.cloned, 50) },
    { name: 'engine worker round trip (encode → worker → rows on main), median', value: percentile(trips, 50), unit: 'ms', target: '≤ 1 ms' },
    { name: 'engine worker round trip, p95', value: percentile(trips, 95), unit: 'ms' },
    { name: 'main-thread time per round trip (encode + decode), median', value: percentile(mainThread, 50), unit: 'ms' },
    ...(await costCurve()),
  ];
}
