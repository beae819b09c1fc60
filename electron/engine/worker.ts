/**
 * The engine's worker thread: owns the engine state, turns messages into recomputes and posts
 * the results. The only engine module that touches Node (and reads a clock: to time itself).
 */
import { parentPort } from 'node:worker_threads';
import type { Alert, SignalsBatch } from '../../shared/domain/signals.ts';
import { SignalEngine, type EngineOutput } from './engine.ts';
import { QuoteDecoder } from './quoteColumns.ts';
import { RowEncoder, rowTransferables } from './rowColumns.ts';
import type { FromEngine, ToEngine } from './workerMessages.ts';
import type { SectorSnapshot } from './sectors.ts';

if (!parentPort) throw new Error('electron/engine/worker.ts must run as a worker thread (new Worker(url)), not as a script');
const port = parentPort;

let engine: SignalEngine | null = null;
const decoder = new QuoteDecoder();
const rowEncoder = new RowEncoder();

function post(message: FromEngine): void {
  port.postMessage(message);
}

/** The one answer to a message: its rows as transferred columns, its alerts and sector snapshot. */
function postSignals({ upserts, ...rest }: SignalsBatch, alerts: Alert[], sectors: SectorSnapshot | null): void {
  const rows = rowEncoder.encode(upserts);
  const message: FromEngine = { type: 'signals', batch: { ...rest, rows }, alerts, sectors };
  port.postMessage(message, rowTransferables(rows));
}

function emptyBatch(): SignalsBatch {
  return { full: false, upserts: [], removed: [], summary: { btcEthDivergencePer8h: null, btcEthDiverging: false, assets: 0, triggered: 0, computedAt: 0, computeMs: 0 } };
}

function handle(message: ToEngine): EngineOutput {
  if (message.type === 'settings') {
    if (!engine) engine = new SignalEngine(message.settings);
    return engine.setSettings(message.settings, message.now);
  }
  if (!engine) throw new Error(`engine worker got "${message.type}" before its settings`);
  switch (message.type) {
    case 'quotes':
      return engine.apply(decoder.decode(message.columns), message.now);
    case 'tick':
      return engine.apply([], message.now);
    case 'snapshot':
      return engine.recomputeAll(message.now);
    case 'sectorMap':
      return engine.setSectorMap(new Map(message.entries), message.now);
    case 'prices': {
      const { bases, offsets, times, closes } = message.columns;
      return engine.seedPrices(bases, offsets, times, closes, message.now);
    }
    case 'samples':
      return engine.seedSamples(message.columns, message.now);
    case 'decays':
      return engine.setDecays(new Map(message.entries), message.now);
  }
}

port.on('message', (message: ToEngine) => {
  const started = performance.now();
  let batch: SignalsBatch = emptyBatch();
  let alerts: Alert[] = [];
  let sectors: SectorSnapshot | null = null;
  try {
    ({ batch, alerts, sectors } = handle(message));
    batch.summary = { ...batch.summary, computeMs: performance.now() - started };
  } catch (err) {
    post({ type: 'error', message: `engine worker, "${message?.type}" message: ${err instanceof Error ? err.message : String(err)}` });
    if (engine) batch = { ...engine.snapshot(), full: false, upserts: [] };
  }
  postSignals(batch, alerts, sectors);
});
