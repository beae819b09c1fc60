import type { FundingQuote, PricePoint } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { Logger } from '../log/logger.ts';
import { startPeriodicJob, type PeriodicJob, type PeriodicSchedule } from '../jobs/periodicJob.ts';

const HOUR = 3_600_000;
const CANDLE_MS = 4 * HOUR;

/** One base's price source: the venue quoting it with the most 24-h volume. */
export interface PriceTarget {
  base: string;
  venue: VenueId;
  symbol: string;
  /** Units of the base per contract price (`1000PEPE` → 1000): closes are divided by it when seeded. */
  multiplier: number;
}

/** Seeded closes per base: times ascending (each close's own time), prices per unit of the base. */
export type PriceSeed = Map<string, { times: number[]; closes: number[] }>;

export interface PriceBackfillDeps {
  /** The quotes polled live (every base in them is watched). */
  quotes(): FundingQuote[];
  priceHistory(venue: VenueId, symbol: string, since: number, timeframe: '4h'): Promise<PricePoint[]>;
  store: { history: { insertPrices(points: readonly PricePoint[]): Promise<number> } };
  /** Hands the closes to the engine worker. */
  seed(prices: PriceSeed): void;
  log: Pick<Logger, 'info' | 'warn'>;
  now(): number;
  /** Pause between two requests to the same venue (rate-limit courtesy on top of ccxt's own). */
  delayMs?: number;
  days?: number;
  /** Checked before each request: a stopping backend does not wait for a whole pass. */
  aborted?(): boolean;
}

export interface PriceBackfillReport {
  targets: number;
  stored: number;
  failed: Array<{ venue: VenueId; symbol: string; error: string }>;
}

/** Every live base once, on its most traded venue (ties: the venue and symbol sorting first). */
export function priceTargets(quotes: readonly FundingQuote[]): PriceTarget[] {
  const best = new Map<string, FundingQuote>();
  for (const quote of quotes) {
    const current = best.get(quote.base);
    if (!current || volumeOf(quote) > volumeOf(current) || (volumeOf(quote) === volumeOf(current) && keyOf(quote) < keyOf(current))) best.set(quote.base, quote);
  }
  return [...best.values()].sort((a, b) => (a.base < b.base ? -1 : 1)).map(({ base, venue, symbol, multiplier }) => ({ base, venue, symbol, multiplier }));
}

const volumeOf = (quote: FundingQuote): number => quote.volume24hUsd ?? -1;
const keyOf = (quote: FundingQuote): string => `${quote.venue}|${quote.symbol}`;

/**
 * One pass: the last `days` of 4-h closes for every watched base, stored and then seeded into
 * the engine. Venues run side by side, each strictly one request at a time with a pause between
 * requests, so no venue ever sees more than one of ours in flight. A failing symbol is logged
 * and skipped.
 */
export async function backfillWatchedPrices(deps: PriceBackfillDeps): Promise<PriceBackfillReport> {
  const targets = priceTargets(deps.quotes());
  const since = deps.now() - (deps.days ?? 3) * 24 * HOUR;
  const byVenue = new Map<VenueId, PriceTarget[]>();
  for (const target of targets) {
    const list = byVenue.get(target.venue);
    if (list) list.push(target); else byVenue.set(target.venue, [target]);
  }
  const report: PriceBackfillReport = { targets: targets.length, stored: 0, failed: [] };
  const seed: PriceSeed = new Map();
  deps.log.info('price backfill started', { targets: targets.length, venues: byVenue.size });
  await Promise.all([...byVenue].map(([venue, list]) => backfillVenue(deps, venue, list, since, report, seed)));
  if (seed.size > 0) deps.seed(seed);
  deps.log.info('price backfill finished', { targets: report.targets, stored: report.stored, failed: report.failed.length });
  return report;
}

async function backfillVenue(deps: PriceBackfillDeps, venue: VenueId, targets: PriceTarget[], since: number, report: PriceBackfillReport, seed: PriceSeed): Promise<void> {
  const delayMs = deps.delayMs ?? 250;
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    if (deps.aborted?.()) return;
    if (i > 0 && delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    try {
      const points = await deps.priceHistory(venue, target.symbol, since, '4h');
      // Not `report.stored += await …`: that reads the total before the await and loses the other venues' counts.
      const stored = await deps.store.history.insertPrices(points);
      report.stored += stored;
      if (points.length > 0) seed.set(target.base, seedOf(points, target.multiplier));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.failed.push({ venue, symbol: target.symbol, error: message });
      deps.log.warn('price backfill: symbol skipped', { venue, symbol: target.symbol, error: message });
    }
  }
}

/** Closes are stamped when they became known (a candle's end), so the engine takes their times as they are. */
function seedOf(points: readonly PricePoint[], multiplier: number): { times: number[]; closes: number[] } {
  const sorted = [...points].sort((a, b) => a.time - b.time);
  return { times: sorted.map((p) => p.time), closes: sorted.map((p) => p.close / multiplier) };
}

export type PriceBackfillJob = PeriodicJob<PriceBackfillReport>;

/**
 * Runs a pass once quotes are in (`firstAfterMs` after start, so the pollers have listed the
 * live bases), then every `everyMs` (4 h: one new candle). Passes never overlap.
 */
export function startPriceBackfill(deps: PriceBackfillDeps, options: Partial<PeriodicSchedule> = {}): PriceBackfillJob {
  return startPeriodicJob(
    (aborted) => backfillWatchedPrices({ ...deps, aborted }),
    (error) => deps.log.warn('price backfill failed', { error: error instanceof Error ? error.message : String(error) }),
    { firstAfterMs: options.firstAfterMs ?? 20_000, everyMs: options.everyMs ?? CANDLE_MS },
  );
}
