/**
 * Child process of backend.bench.ts: runs the real backend (six venues, engine worker, DuckDB)
 * against a simulator URL, waits until every venue has delivered quotes, then measures for a
 * few seconds and prints one JSON line. A separate process so its memory is its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/backend/backend.ts';
import { createStreamBatcher } from '../../electron/backend/streams/streamBatcher.ts';
import type { FundingQuote } from '../../shared/domain/quotes.ts';
import { TicketSchema, type Ticket } from '../../shared/domain/ticket.ts';

const [baseUrl, measureMs = '8000'] = process.argv.slice(2);
const started = performance.now();
const venuesSeen = new Set<string>();
const latencies: number[] = [];
let quotesPublished = 0;
let firstAllVenuesMs: number | null = null;

const batcher = createStreamBatcher((name, payload) => {
  if (name !== 'quotes') return;
  const now = Date.now();
  for (const q of payload as FundingQuote[]) {
    venuesSeen.add(q.venue);
    latencies.push(now - q.observedAt);
  }
  quotesPublished += (payload as FundingQuote[]).length;
  if (firstAllVenuesMs === null && venuesSeen.size === 6) firstAllVenuesMs = performance.now() - started;
});

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

const backend = await createBackend({ mode: 'paper', dataDir: mkdtempSync(join(tmpdir(), 'ft-bench-')), baseUrl, publish: batcher.publish, pollScale: 0.2 });
const afterStart = memoryMb();
while (firstAllVenuesMs === null && performance.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
const afterQuotes = memoryMb();
await backend.handlers['ticket.preview'](btcTicket((await backend.handlers['markets.snapshot'](undefined)).quotes));
const afterPreview = memoryMb();
latencies.length = 0;
quotesPublished = 0;
await new Promise((r) => setTimeout(r, Number(measureMs)));
const memory = process.memoryUsage();
const sorted = [...latencies].sort((a, b) => a - b);
const pick = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
console.log(JSON.stringify({
  firstAllVenuesMs,
  rssMb: memory.rss / 2 ** 20,
  heapMb: memory.heapUsed / 2 ** 20,
  quotes: backend.handlers ? (await backend.handlers['markets.snapshot'](undefined)).quotes.length : 0,
  quotesPerSecond: quotesPublished / (Number(measureMs) / 1000),
  latencyP50: pick(50),
  latencyP95: pick(95),
  afterStartRssMb: afterStart.rss, afterStartHeapMb: afterStart.heap,
  afterQuotesRssMb: afterQuotes.rss, afterQuotesHeapMb: afterQuotes.heap,
  afterPreviewRssMb: afterPreview.rss, afterPreviewHeapMb: afterPreview.heap,
}));
await backend.stop();
process.exit(0);
