import { BIGINT, DOUBLE, VARCHAR } from '@duckdb/node-api';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { isVenueId } from '../../../shared/domain/venues.ts';
import { appendColumns, type Database } from './connection.ts';
import type { HistoryRange } from './history.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * How long samples are kept: every minute for 26 h (the engine's 25-h seed reads them), one per
 * venue, symbol and 15 minutes up to 30 days (charts and sector series), nothing older. Up to
 * 4 M samples arrive a day; without this the store grows by gigabytes a month.
 */
export const SAMPLE_RETENTION = { fullMs: 26 * HOUR_MS, thinnedMs: 30 * 24 * HOUR_MS, thinnedStepMs: 15 * MINUTE_MS } as const;

/** Live quotes sampled over time: at most one row per venue, symbol and minute. */
export interface QuoteSampleRepo {
  /** Stores the quotes whose (venue, symbol, minute) is not stored yet; resolves to rows added. */
  insert(quotes: readonly FundingQuote[]): Promise<number>;
  samples(range: HistoryRange): Promise<FundingQuote[]>;
  /** Applies SAMPLE_RETENTION as of `now`; resolves to rows deleted. */
  prune(now: number): Promise<number>;
}

/** Sits between the live quote stream (several updates a second) and the store. */
export interface QuoteSampler {
  /**
   * Stores only quotes from a minute not yet sampled for their venue/symbol; resolves to the rows
   * added by the insert that carried them (with any recorded while the previous insert ran).
   */
  record(quotes: readonly FundingQuote[]): Promise<number>;
}

const TYPES = [VARCHAR, VARCHAR, VARCHAR, DOUBLE, BIGINT, BIGINT, DOUBLE, VARCHAR, DOUBLE, DOUBLE, BIGINT, DOUBLE, DOUBLE, DOUBLE, DOUBLE];

export function createQuoteSampleRepo(db: Database): QuoteSampleRepo {
  return {
    insert(quotes) {
      if (quotes.length === 0) return Promise.resolve(0);
      return db.transaction(`sample ${quotes.length} quotes`, async (connection) => {
        await connection.run('CREATE OR REPLACE TEMP TABLE staging_quote_samples AS SELECT * FROM quote_samples LIMIT 0');
        await appendColumns(connection, { name: 'staging_quote_samples', catalog: 'temp' }, TYPES, toColumns(quotes));
        // Stored minutes are looked up from the batch's first minute on: the table is appended
        // in time order, so the scan reads only its last row groups.
        const from = BigInt(Math.min(...quotes.map((q) => Math.floor(q.observedAt / MINUTE_MS) * MINUTE_MS)));
        const result = await connection.run(
          `INSERT INTO quote_samples SELECT * FROM staging_quote_samples staged
           WHERE NOT EXISTS (SELECT 1 FROM quote_samples stored
             WHERE stored.minute >= $1 AND stored.venue = staged.venue AND stored.symbol = staged.symbol AND stored.minute = staged.minute)
           QUALIFY row_number() OVER (PARTITION BY venue, symbol, minute ORDER BY observed_at) = 1`,
          [from],
        );
        await connection.run('DROP TABLE staging_quote_samples');
        return result.rowsChanged;
      });
    },
    prune(now) {
      const oldest = BigInt(now - SAMPLE_RETENTION.thinnedMs);
      const full = BigInt(now - SAMPLE_RETENTION.fullMs);
      return db.transaction('prune quote samples', async (connection) => {
        const expired = await connection.run('DELETE FROM quote_samples WHERE observed_at < $1', [oldest]);
        const thinned = await connection.run(
          `DELETE FROM quote_samples q USING (
             SELECT venue, symbol, minute FROM quote_samples WHERE observed_at < $1
             QUALIFY row_number() OVER (PARTITION BY venue, symbol, minute // $2 ORDER BY minute, observed_at) > 1) extra
           WHERE q.observed_at < $1 AND q.venue = extra.venue AND q.symbol = extra.symbol AND q.minute = extra.minute`,
          [full, BigInt(SAMPLE_RETENTION.thinnedStepMs)],
        );
        return expired.rowsChanged + thinned.rowsChanged;
      });
    },
    samples(range) {
      const base = range.base.toUpperCase();
      return db.exclusive(`read quote samples of ${base}`, async (connection) => {
        const reader = await connection.runAndReadAll(
          `SELECT * FROM quote_samples WHERE base = $1 AND observed_at >= $2 AND observed_at <= $3 ORDER BY observed_at, venue, symbol`,
          [base, BigInt(range.from ?? Number.MIN_SAFE_INTEGER), BigInt(range.to ?? Number.MAX_SAFE_INTEGER)],
        );
        return reader.getRowObjectsJS().flatMap(toQuote);
      });
    },
  };
}

/**
 * Throttles to one sample per venue/symbol per minute before anything reaches the store.
 * Streams deliver one market's update at a time, so storing each minute's first sample as it
 * comes made a transaction per market: hundreds a minute on the store's one connection, every
 * other store read and write (the journal, the symbol view's history) queued behind them. The
 * samples that come due while an insert runs wait, and go together in the next one: at most one
 * sample insert runs and one waits, whatever the stream's rate (docs/architecture.md, "Durability").
 */
export function createQuoteSampler(repo: QuoteSampleRepo): QuoteSampler {
  const lastMinute = new Map<string, number>();
  let waiting: FundingQuote[] = [];
  /** The insert that will carry `waiting`, once the one before it is done; null when none is queued. */
  let queued: Promise<number> | null = null;
  let previous: Promise<unknown> = Promise.resolve();
  return {
    record(quotes) {
      let due = 0;
      for (const q of quotes) {
        const key = `${q.venue}|${q.symbol}`;
        const minute = Math.floor(q.observedAt / MINUTE_MS);
        if ((lastMinute.get(key) ?? -Infinity) >= minute) continue;
        lastMinute.set(key, minute);
        waiting.push(q);
        due++;
      }
      if (due === 0) return Promise.resolve(0);
      if (!queued) {
        queued = previous.then(() => {
          const batch = waiting;
          waiting = [];
          queued = null;
          return repo.insert(batch);
        });
        previous = queued.catch(() => undefined);
      }
      return queued;
    },
  };
}

function toColumns(quotes: readonly FundingQuote[]): (string | number | bigint | null)[][] {
  const big = (v: number | null) => (v === null ? null : BigInt(v));
  const rows = quotes.map((q) => [
    q.venue, q.symbol, q.base, q.multiplier, BigInt(Math.floor(q.observedAt / MINUTE_MS) * MINUTE_MS), BigInt(q.observedAt),
    q.rate, q.rateKind, q.lastSettledRate, q.intervalHours, big(q.nextFundingTime), q.markPrice, q.indexPrice, q.volume24hUsd, q.openInterestUsd,
  ]);
  return TYPES.map((_, i) => rows.map((r) => r[i]));
}

function toQuote(r: Record<string, unknown>): FundingQuote[] {
  const venue = String(r.venue);
  if (!isVenueId(venue)) return [];
  const num = (v: unknown) => (v === null ? null : Number(v));
  return [{
    venue, symbol: String(r.symbol), base: String(r.base), multiplier: Number(r.multiplier),
    rate: num(r.rate), rateKind: r.rate_kind === 'predicted' ? 'predicted' : 'settled', lastSettledRate: num(r.last_settled_rate),
    intervalHours: Number(r.interval_hours), nextFundingTime: num(r.next_funding_time), markPrice: num(r.mark_price),
    indexPrice: num(r.index_price), volume24hUsd: num(r.volume_24h_usd), openInterestUsd: num(r.open_interest_usd),
    observedAt: Number(r.observed_at),
  }];
}
