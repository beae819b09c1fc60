/**
 * The main-process side of the engine: starts the worker, ships quotes to it as transferred
 * columns, keeps the latest full view for `markets.snapshot`, and restarts the worker (replaying
 * every known quote) if it dies.
 */
import { Worker } from 'node:worker_threads';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { quoteKey } from '../../../shared/ipc/streamRules.ts';
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import type { Alert, MarketSummary, Opportunity, SignalsBatch } from '../../../shared/domain/signals.ts';
import { QuoteEncoder, transferablesOf } from '../../engine/quoteColumns.ts';
import { RowDecoder } from '../../engine/rowColumns.ts';
import type { FromEngine, PriceSeedColumns, ToEngine } from '../../engine/workerMessages.ts';
import type { SectorSnapshot } from '../../engine/sectors.ts';
import type { SampleSeedColumns } from '../../../shared/history/sampleSeedColumns.ts';
import type { SectorMap } from '../../../shared/sectors/sectorOf.ts';
import type { SpreadDecay } from '../../../shared/funding/decay.ts';
import type { DecayTable } from '../../engine/pairDecay.ts';

export interface EngineOptions {
  /** The worker entry; the Electron bundle passes its built file. */
  workerUrl?: URL;
  settings: EngineSettings;
  onSignals(batch: SignalsBatch): void;
  onAlerts(alerts: Alert[]): void;
  onError(message: string): void;
  /** A new sector snapshot (posted only when it changed). */
  onSectors?(snapshot: SectorSnapshot): void;
  now?: () => number;
  /** With no quotes for this long, the worker is ticked so staleness and windows stay current. */
  tickMs?: number;
  /**
   * Reads the stored quote samples a new worker rebuilds its history from, at start and at each
   * restart (so a restarted worker also gets what was stored since launch). Quotes wait until
   * the samples are sent; fresh arrays each call (they are transferred). A failure is reported
   * through `onError` and the worker starts without history.
   */
  loadSamples?: () => Promise<SampleSeedColumns>;
}

export interface EngineHandle {
  pushQuotes(quotes: FundingQuote[]): void;
  setSettings(settings: EngineSettings): void;
  /** The full current state, for `markets.snapshot`. */
  latest(): SignalsBatch;
  /** The effective sector map; kept and re-sent to a restarted worker. */
  setSectorMap(map: SectorMap): void;
  /** 4-h closes per base (per unit of the base, stamped at each close); merged into what was seeded before. */
  seedPrices(prices: ReadonlyMap<string, { times: number[]; closes: number[] }>): void;
  /** The latest sector snapshot; null until the worker computed one (it needs a sector map). */
  latestSectors(): SectorSnapshot | null;
  /** Spread decay fits per base and venue pair; kept and re-sent to a restarted worker. */
  setDecays(decays: DecayTable): void;
  /** The worker's own V8 heap (outside the main thread's), for the bench's breakdown; null when no worker runs. */
  heap(): Promise<WorkerHeap | null>;
  stop(): Promise<void>;
}

/** A worker thread's V8 heap, in bytes. */
export interface WorkerHeap {
  usedBytes: number;
  totalBytes: number;
}

const DEFAULT_WORKER_URL = new URL('../../engine/worker.ts', import.meta.url);
/** More crashes than this within a minute means restarting will not help. */
const MAX_RESTARTS_PER_MINUTE = 5;


/**
 * V8 grows a busy thread's young generation to its maximum (64 MB a semi-space on a desktop),
 * resident for good; the engine's garbage is short-lived quote batches, which a small one
 * collects as well. The old generation keeps V8's default limit.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

export function startEngine(options: EngineOptions): EngineHandle {
  const now = options.now ?? Date.now;
  const tickMs = options.tickMs ?? 5_000;
  let settings = options.settings;
  /** Every quote seen, latest per venue and symbol: replayed into a restarted worker. */
  const known = new Map<string, FundingQuote>();
  /** Quotes that arrived while the worker was busy, coalesced per venue and symbol. */
  let pending = new Map<string, FundingQuote>();
  const view = new Map<string, Opportunity>();
  let summary: MarketSummary = { btcEthDivergencePer8h: null, btcEthDiverging: false, assets: 0, triggered: 0, computedAt: 0, computeMs: 0 };
  let worker: Worker;
  let encoder: QuoteEncoder;
  let rowDecoder: RowDecoder;
  let inFlight = 0;
  let stopping = false;
  let gaveUp = false;
  let restarts: number[] = [];
  let lastSent = now();
  let sectorMap: Array<[string, string]> | null = null;
  let decays: Array<[string, SpreadDecay]> | null = null;
  /** Every seed so far, latest per base: replayed into a restarted worker. */
  const seeds = new Map<string, { times: number[]; closes: number[] }>();
  let sectors: SectorSnapshot | null = null;
  /** While a new worker's samples are being loaded, quotes wait (its history must come first). */
  let seeding = false;

  function send(message: ToEngine, transfer: ArrayBuffer[] = []): void {
    inFlight++;
    lastSent = now();
    worker.postMessage(message, transfer);
  }

  function sendQuotes(quotes: FundingQuote[]): void {
    const columns = encoder.encode(quotes);
    send({ type: 'quotes', columns, now: now() }, transferablesOf(columns));
  }

  function flush(): void {
    if (inFlight > 0 || pending.size === 0 || stopping || gaveUp || seeding) return;
    const quotes = [...pending.values()];
    pending = new Map();
    sendQuotes(quotes);
  }

  function applyBatch(batch: SignalsBatch): void {
    if (batch.full) view.clear();
    for (const base of batch.removed) view.delete(base);
    for (const row of batch.upserts) view.set(row.base, row);
    summary = batch.summary;
    if (batch.full || batch.upserts.length > 0 || batch.removed.length > 0) options.onSignals(batch);
  }

  function onMessage(message: FromEngine): void {
    if (message.type === 'error') {
      options.onError(message.message);
      return;
    }
    inFlight--;
    if (message.sectors) {
      sectors = message.sectors;
      options.onSectors?.(message.sectors);
    }
    const { rows, ...rest } = message.batch;
    applyBatch({ ...rest, upserts: rowDecoder.decode(rows) });
    if (message.alerts.length > 0) options.onAlerts(message.alerts);
    flush();
  }

  function spawn(): void {
    worker = new Worker(options.workerUrl ?? DEFAULT_WORKER_URL, { resourceLimits: WORKER_LIMITS });
    encoder = new QuoteEncoder();
    rowDecoder = new RowDecoder();
    inFlight = 0;
    worker.on('message', onMessage);
    worker.on('error', (err) => options.onError(`engine worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (!stopping) restart(code);
    });
    send({ type: 'settings', settings, now: now() });
    if (sectorMap) send({ type: 'sectorMap', entries: sectorMap, now: now() });
    if (decays) send({ type: 'decays', entries: decays, now: now() });
    if (seeds.size > 0) sendSeeds(seeds);
    if (options.loadSamples) seedThenReplay(worker, options.loadSamples);
    else replayKnown();
  }

  /** A new worker starts empty: give it every known quote (pending ones are among them). */
  function replayKnown(): void {
    pending = new Map();
    if (known.size > 0) sendQuotes([...known.values()]);
  }

  function seedThenReplay(spawned: Worker, load: () => Promise<SampleSeedColumns>): void {
    seeding = true;
    load()
      .then((columns) => {
        if (worker !== spawned || stopping || columns.observedAt.length === 0) return;
        send({ type: 'samples', columns, now: now() }, sampleTransferables(columns));
      }, (error: unknown) => {
        if (worker === spawned && !stopping) options.onError(`engine history not seeded from the stored samples: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        if (worker !== spawned || stopping) return;
        seeding = false;
        replayKnown();
      });
  }

  function sendSeeds(prices: ReadonlyMap<string, { times: number[]; closes: number[] }>): void {
    const columns = priceSeedColumns(prices);
    send({ type: 'prices', columns, now: now() }, [columns.offsets.buffer, columns.times.buffer, columns.closes.buffer] as ArrayBuffer[]);
  }

  function restart(code: number): void {
    const at = now();
    restarts = restarts.filter((t) => at - t < 60_000).concat(at);
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      gaveUp = true;
      options.onError(`engine worker exited (code ${code}) ${restarts.length} times within a minute; not restarting: signals are frozen until the app restarts`);
      return;
    }
    options.onError(`engine worker exited unexpectedly (code ${code}); restarting it with the ${known.size} known quotes`);
    spawn();
  }

  const ticker = setInterval(() => {
    if (inFlight === 0 && !gaveUp && now() - lastSent >= tickMs) send({ type: 'tick', now: now() });
  }, tickMs);
  ticker.unref();

  spawn();

  return {
    pushQuotes(quotes) {
      for (const quote of quotes) {
        const key = quoteKey(quote);
        known.set(key, quote);
        pending.set(key, quote);
      }
      flush();
    },
    setSettings(next) {
      settings = next;
      if (!gaveUp) send({ type: 'settings', settings, now: now() });
    },
    latest() {
      return { full: true, upserts: [...view.values()].sort((a, b) => a.rank - b.rank), removed: [], summary };
    },
    setSectorMap(map) {
      sectorMap = [...map];
      if (!gaveUp) send({ type: 'sectorMap', entries: sectorMap, now: now() });
    },
    seedPrices(prices) {
      for (const [base, series] of prices) seeds.set(base, series);
      if (!gaveUp && prices.size > 0) sendSeeds(prices);
    },
    latestSectors: () => sectors,
    setDecays(table) {
      decays = [...table];
      if (!gaveUp) send({ type: 'decays', entries: decays, now: now() });
    },
    async heap() {
      if (gaveUp) return null;
      const stats = await worker.getHeapStatistics().catch(() => null);
      return stats && { usedBytes: stats.used_heap_size, totalBytes: stats.total_heap_size };
    },
    async stop() {
      stopping = true;
      clearInterval(ticker);
      await worker.terminate();
    },
  };
}

function sampleTransferables(c: SampleSeedColumns): ArrayBuffer[] {
  return [c.key, c.base, c.observedAt, c.rate, c.lastSettledRate, c.intervalHours, c.multiplier, c.markPrice, c.openInterestUsd].map((view) => view.buffer as ArrayBuffer);
}

function priceSeedColumns(prices: ReadonlyMap<string, { times: number[]; closes: number[] }>): PriceSeedColumns {
  const bases = [...prices.keys()];
  const offsets = new Int32Array(bases.length + 1);
  bases.forEach((base, i) => { offsets[i + 1] = offsets[i] + prices.get(base)!.times.length; });
  const times = new Float64Array(offsets[bases.length]);
  const closes = new Float64Array(offsets[bases.length]);
  bases.forEach((base, i) => {
    const series = prices.get(base)!;
    times.set(series.times, offsets[i]);
    closes.set(series.closes, offsets[i]);
  });
  return { bases, offsets, times, closes };
}
