/**
 * The top rows' capacity (docs/domain.md §4 "Capacity"): every pass reads the order books of
 * the best-ranked pairs' legs and works out what each pair takes before its average fill is the
 * trader's impact from the mid. Bounded and gentle on the venues: the top `pairs` rows only, a
 * few levels a side, one book in flight per venue (ccxt's own rate limit still applies), a
 * pass every `everyMs`. A leg whose book could not be read says why; nothing is estimated.
 */
import type { CapacitySnapshot, LegCapacity, PairCapacity } from '../../../shared/domain/capacity.ts';
import type { Leg, Opportunity } from '../../../shared/domain/signals.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { extremeLeg } from '../../../shared/funding/spread.ts';
import { legCapacity, pairCapacity } from '../../../shared/risk/capacity.ts';
import { startPeriodicJob } from '../jobs/periodicJob.ts';
import type { CoinBook } from './marketUnits.ts';

/** Ranked pairs whose books are read each pass. */
export const CAPACITY_PAIRS = 30;
export const CAPACITY_EVERY_MS = 45_000;
/** The first pass waits for the venues' first polls and the engine's first ranking. */
export const CAPACITY_FIRST_AFTER_MS = 10_000;
/** Levels a side: every venue's book endpoint takes 50 (KuCoin rounds it up to 100; Hyperliquid sends its 20). */
export const CAPACITY_BOOK_LEVELS = 50;

export interface CapacityBooksOptions {
  /** The engine's rows now, any order. */
  rows(): readonly Opportunity[];
  orderBook(venue: VenueId, symbol: string, limit: number): Promise<CoinBook>;
  impactBps(): number;
  publish(snapshot: CapacitySnapshot): void;
  /** The venues' clock (the books' read times). */
  now(): number;
  onError(error: unknown): void;
  pairs?: number;
  everyMs?: number;
  firstAfterMs?: number;
}

export interface CapacityBooks {
  /** The last pass's snapshot; null before the first pass that had pairs. */
  latest(): CapacitySnapshot | null;
  /** Runs one pass now (tests; the job runs them on its own schedule). */
  pass(): Promise<CapacitySnapshot | null>;
  stop(): Promise<void>;
}

interface LegRead {
  venue: VenueId;
  symbol: string;
  side: 'buy' | 'sell';
}

/** The best-ranked rows' pairs and their two legs (the long venue's lowest-rate leg, the short venue's highest), fresh legs only. */
export function topPairs(rows: readonly Opportunity[], count: number): Array<{ base: string; long: Leg; short: Leg }> {
  const ranked = rows.filter((row) => row.longVenue !== null && row.shortVenue !== null).sort((a, b) => a.rank - b.rank);
  const pairs: Array<{ base: string; long: Leg; short: Leg }> = [];
  for (const row of ranked) {
    if (pairs.length === count) break;
    const fresh = row.legs.filter((leg) => !leg.stale);
    const long = extremeLeg(fresh, row.longVenue!, 'buy');
    const short = extremeLeg(fresh, row.shortVenue!, 'sell');
    if (long && short) pairs.push({ base: row.base, long, short });
  }
  return pairs;
}

function readError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function startCapacityBooks(options: CapacityBooksOptions): CapacityBooks {
  const everyMs = options.everyMs ?? CAPACITY_EVERY_MS;
  let latest: CapacitySnapshot | null = null;

  async function readLeg(read: LegRead, impactBps: number): Promise<LegCapacity> {
    const { venue, symbol } = read;
    try {
      const book = await options.orderBook(venue, symbol, CAPACITY_BOOK_LEVELS);
      const figure = legCapacity(book, read.side, impactBps);
      if (!figure) return { venue, symbol, notionalUsd: null, atLeast: false, bookAt: options.now(), error: 'the book has no bid or no ask' };
      return { venue, symbol, ...figure, bookAt: options.now(), error: null };
    } catch (error) {
      return { venue, symbol, notionalUsd: null, atLeast: false, bookAt: null, error: readError(error) };
    }
  }

  /** Each venue's legs one after another, the venues side by side. */
  async function readAll(reads: readonly LegRead[], impactBps: number): Promise<Map<LegRead, LegCapacity>> {
    const byVenue = new Map<VenueId, LegRead[]>();
    for (const read of reads) byVenue.set(read.venue, [...(byVenue.get(read.venue) ?? []), read]);
    const results = new Map<LegRead, LegCapacity>();
    await Promise.all([...byVenue.values()].map(async (queue) => {
      for (const read of queue) results.set(read, await readLeg(read, impactBps));
    }));
    return results;
  }

  async function pass(): Promise<CapacitySnapshot | null> {
    const pairs = topPairs(options.rows(), options.pairs ?? CAPACITY_PAIRS);
    if (pairs.length === 0) return latest;
    const impactBps = options.impactBps();
    const reads = pairs.map(({ long, short }) => ({
      long: { venue: long.venue, symbol: long.symbol, side: 'buy' } as LegRead,
      short: { venue: short.venue, symbol: short.symbol, side: 'sell' } as LegRead,
    }));
    const results = await readAll(reads.flatMap((r) => [r.long, r.short]), impactBps);
    const capacities = pairs.map(({ base }, i): PairCapacity => {
      const long = results.get(reads[i].long)!;
      const short = results.get(reads[i].short)!;
      const figure = pairCapacity(
        long.notionalUsd === null ? null : { notionalUsd: long.notionalUsd, atLeast: long.atLeast },
        short.notionalUsd === null ? null : { notionalUsd: short.notionalUsd, atLeast: short.atLeast },
      );
      return { base, long, short, notionalUsd: figure?.notionalUsd ?? null, atLeast: figure?.atLeast ?? false };
    });
    latest = { impactBps, computedAt: options.now(), everyMs, pairs: capacities };
    options.publish(latest);
    return latest;
  }

  const job = startPeriodicJob(pass, options.onError, {
    firstAfterMs: options.firstAfterMs ?? CAPACITY_FIRST_AFTER_MS,
    everyMs,
  });
  return { latest: () => latest, pass, stop: () => job.stop() };
}
