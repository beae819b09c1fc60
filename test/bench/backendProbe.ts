/**
 * Child process of backend.bench.ts: runs the real backend (every venue, or the comma-separated
 * list given; engine worker, DuckDB) against a simulator URL, waits until every venue has
 * delivered quotes, then measures for a few seconds (memory, and CPU time used while measuring)
 * and prints one JSON line. A separate process so its memory and CPU are its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createBackend } from '../../electron/backend/backend.ts';
import { createStreamBatcher } from '../../electron/backend/streams/streamBatcher.ts';
import type { FundingQuote } from '../../shared/domain/quotes.ts';
import type { SignalsBatch } from '../../shared/domain/signals.ts';
import { TicketSchema, type Ticket } from '../../shared/domain/ticket.ts';
import { VENUE_IDS, isVenueId } from '../../shared/domain/venues.ts';
import { LOOP_SAMPLE_MS, loopLateness } from './loopDelay.ts';

const [baseUrl, measureMs = '8000', venueList = VENUE_IDS.join(',')] = process.argv.slice(2);
const venues = venueList.split(',').filter(isVenueId);
const started = performance.now();
const venuesSeen = new Set<string>();
const latencies: number[] = [];
let quotesPublished = 0;
let firstAllVenuesMs: number | null = null;

/**
 * When a quote of each base was last handed over parsed (market data publishes it the moment a
 * venue's answer is parsed): the start of the path to the engine's row. The latest stamp, not
 * the first pending one: a quote that changes no shown figure makes no row, and timing a later
 * venue's row change from it would add the gap between two venues' polls. Stamps that no row
 * follows expire after PENDING_MS.
 */
const parsedAt = new Map<string, number>();
const PENDING_MS = 2_000;
const rowLatencies: number[] = [];

const batcher = createStreamBatcher((name, payload) => {
  const now = performance.now();
  if (name === 'signals') {
    for (const row of (payload as SignalsBatch).upserts) {
      const at = parsedAt.get(row.base);
      if (at !== undefined && now - at <= PENDING_MS) rowLatencies.push(now - at);
      parsedAt.delete(row.base);
    }
    return;
  }
  if (name !== 'quotes') return;
  const wall = Date.now();
  for (const q of payload as FundingQuote[]) {
    venuesSeen.add(q.venue);
    latencies.push(wall - q.observedAt);
  }
  quotesPublished += (payload as FundingQuote[]).length;
  if (firstAllVenuesMs === null && venuesSeen.size === venues.length) firstAllVenuesMs = performance.now() - started;
});

const publish: typeof batcher.publish = (name, payload) => {
  if (name === 'quotes') for (const q of payload as FundingQuote[]) parsedAt.set(q.base, performance.now());
  batcher.publish(name, payload);
};

/** Resident and used-heap memory now, in MB. */
function memoryMb(): { rss: number; heap: number } {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20 };
}

/** A BTC pair across the first two venues quoting it: the preview reads both books and accounts. */
function btcTicket(quotes: readonly FundingQuote[]): Ticket {
  const [low, high] = quotes.filter((q) => q.base === 'BTC');
  if (!low || !high) throw new Error('probe: fewer than two venues quote BTC');
  return TicketSchema.parse({
    ticketId: 'probe-preview', kind: 'perp-perp', base: 'BTC',
    legs: [
      { venue: low.venue, symbol: low.symbol, side: 'buy', instrument: 'perp' },
      { venue: high.venue, symbol: high.symbol, side: 'sell', instrument: 'perp' },
    ],
    quantity: 0.05, leverage: 3, basisStopPct: 0.01, takeProfitSpreadPer8h: null, maxHoldingHours: 72,
  });
}

const backend = await createBackend({ mode: 'paper', dataDir: mkdtempSync(join(tmpdir(), 'ft-bench-')), baseUrl, publish, pollScale: 0.2, venues });
const afterStart = memoryMb();
while (firstAllVenuesMs === null && performance.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
const afterQuotes = memoryMb();
await backend.handlers['ticket.preview'](btcTicket((await backend.handlers['markets.snapshot'](undefined)).quotes));
const afterPreview = memoryMb();
latencies.length = 0;
rowLatencies.length = 0;
quotesPublished = 0;
const cpuBefore = process.cpuUsage();
// The main thread's event-loop delay while polling: the kill switch and the IPC binding share it.
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
loopDelay.enable();
await new Promise((r) => setTimeout(r, Number(measureMs)));
loopDelay.disable();
const cpu = process.cpuUsage(cpuBefore);
const memory = process.memoryUsage();
const { store: storeMemory, engineWorker, marketWorker } = await backend.memory();
// The heap still reachable after a full collection: what the backend keeps, not garbage yet to go.
setFlagsFromString('--expose-gc');
(runInNewContext('gc') as () => void)();
const liveHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
/** Compiled code and bytecode on V8's heap: what loading modules (ccxt's every exchange class) costs. */
const codeMb = getHeapSpaceStatistics().filter((space) => space.space_name.startsWith('code')).reduce((sum, space) => sum + space.space_used_size, 0) / 2 ** 20;
const sorted = [...latencies].sort((a, b) => a - b);
const percentile = (values: number[], p: number) => (values.length ? values[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] : NaN);
const pick = (p: number) => percentile(sorted, p);
const rowsSorted = [...rowLatencies].sort((a, b) => a - b);
console.log(JSON.stringify({
  firstAllVenuesMs,
  venues: venues.length,
  cpuPercent: ((cpu.user + cpu.system) / 1000 / Number(measureMs)) * 100,
  rssMb: memory.rss / 2 ** 20,
  heapMb: memory.heapUsed / 2 ** 20,
  heapTotalMb: memory.heapTotal / 2 ** 20,
  liveHeapMb,
  externalMb: memory.external / 2 ** 20,
  arrayBuffersMb: memory.arrayBuffers / 2 ** 20,
  codeMb,
  duckdbMb: storeMemory.usedBytes / 2 ** 20,
  engineWorkerHeapMb: (engineWorker?.usedBytes ?? NaN) / 2 ** 20,
  engineWorkerHeapTotalMb: (engineWorker?.totalBytes ?? NaN) / 2 ** 20,
  marketWorkerHeapMb: (marketWorker?.usedBytes ?? NaN) / 2 ** 20,
  marketWorkerHeapTotalMb: (marketWorker?.totalBytes ?? NaN) / 2 ** 20,
  duckdbSpilledMb: storeMemory.spilledBytes / 2 ** 20,
  duckdbLimit: storeMemory.limit,
  duckdbFile: storeMemory.fileSize,
  quotes: backend.handlers ? (await backend.handlers['markets.snapshot'](undefined)).quotes.length : 0,
  quotesPerSecond: quotesPublished / (Number(measureMs) / 1000),
  latencyP50: pick(50),
  latencyP95: pick(95),
  rowLatencyP50: percentile(rowsSorted, 50),
  rowLatencyP95: percentile(rowsSorted, 95),
  rowsMeasured: rowsSorted.length,
  ...loopLateness(loopDelay),
  afterStartRssMb: afterStart.rss, afterStartHeapMb: afterStart.heap,
  afterQuotesRssMb: afterQuotes.rss, afterQuotesHeapMb: afterQuotes.heap,
  afterPreviewRssMb: afterPreview.rss, afterPreviewHeapMb: afterPreview.heap,
}));
await backend.stop();
process.exit(0);
