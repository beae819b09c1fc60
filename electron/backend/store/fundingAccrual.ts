import type { DuckDBConnection } from '@duckdb/node-api';
import {
  ACCRUAL_WINDOWS_DAYS, TIMELINE_BUCKET_HOURS, TIMELINE_DAYS, type AccrualRow, type FundingAccrual,
} from '../../../shared/domain/fundingAccrual.ts';
import { isVenueId } from '../../../shared/domain/venues.ts';
import type { Database } from './connection.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const BUCKET_MS = TIMELINE_BUCKET_HOURS * HOUR_MS;

/**
 * Every settlement of the last 30 days, one per venue, symbol and minute, best source first
 * (docs/domain.md, "Accumulated funding"):
 * 0. the stored funding history (the venue's own record, backfilled or imported);
 * 1. the live samples' last settled rate: a sample names the settlement one interval before
 *    its next one, and the first sample after it is the closest to what was paid;
 * 2. for venues that publish no settled rate, the last prediction before the settlement.
 * Times are bucketed to the minute for the merge: venues stamp settlements a few ms late.
 */
const SETTLEMENTS = `
  WITH sources AS (
    SELECT venue, symbol, base, time, rate, interval_hours, 0 AS src FROM funding_history WHERE time > $from AND time <= $now
    UNION ALL
    SELECT venue, symbol, any_value(base), next_funding_time - CAST(round(interval_hours * ${HOUR_MS}) AS BIGINT) AS time,
           arg_min(last_settled_rate, observed_at), interval_hours, 1
      FROM quote_samples WHERE observed_at > $from AND last_settled_rate IS NOT NULL AND next_funding_time IS NOT NULL
      GROUP BY venue, symbol, interval_hours, next_funding_time
    UNION ALL
    SELECT venue, symbol, any_value(base), next_funding_time AS time, arg_max(rate, observed_at), arg_max(interval_hours, observed_at), 2
      FROM quote_samples WHERE observed_at > $from AND last_settled_rate IS NULL AND rate_kind = 'predicted' AND rate IS NOT NULL
        AND next_funding_time <= $now
      GROUP BY venue, symbol, next_funding_time
  )
  SELECT * FROM sources WHERE time > $from AND time <= $now
  QUALIFY row_number() OVER (PARTITION BY venue, symbol, time // 60000 ORDER BY src) = 1`;

/** Accumulated funding and the 7-day timeline per venue symbol, in one pass over the store. */
export function readFundingAccrual(db: Database, now: number): Promise<FundingAccrual> {
  const firstEnd = Math.ceil(now / BUCKET_MS) * BUCKET_MS - (BUCKETS - 1) * BUCKET_MS;
  return db.exclusive('read accumulated funding', async (connection) => {
    await connection.run(`CREATE OR REPLACE TEMP TABLE accrual_settlements AS ${SETTLEMENTS}`, {
      from: BigInt(now - ACCRUAL_WINDOWS_DAYS[2] * DAY_MS), now: BigInt(now),
    });
    try {
      const series = await timelines(connection, firstEnd);
      return { asOf: now, rows: await accrualRows(connection, now, series), timeline: { firstEnd, buckets: BUCKETS } };
    } finally {
      await connection.run('DROP TABLE accrual_settlements');
    }
  });
}

const BUCKETS = (TIMELINE_DAYS * 24) / TIMELINE_BUCKET_HOURS;
const seriesKey = (venue: unknown, symbol: unknown) => `${String(venue)}|${String(symbol)}`;

async function accrualRows(connection: DuckDBConnection, now: number, series: ReadonlyMap<string, Array<number | null>>): Promise<AccrualRow[]> {
  const [d1, d7] = ACCRUAL_WINDOWS_DAYS.map((days) => BigInt(now - days * DAY_MS));
  const reader = await connection.runAndReadAll(
    `SELECT venue, symbol, any_value(base) AS base, arg_max(interval_hours, time) AS ih,
            coalesce(sum(rate) FILTER (WHERE time > $d1), 0) AS s1, count(*) FILTER (WHERE time > $d1) AS n1,
            coalesce(sum(rate) FILTER (WHERE time > $d7), 0) AS s7, count(*) FILTER (WHERE time > $d7) AS n7,
            sum(rate) AS s30, count(*) AS n30, count(*) FILTER (WHERE src = 0) AS hist
       FROM accrual_settlements GROUP BY venue, symbol ORDER BY venue, symbol`,
    { d1, d7 },
  );
  const rows: AccrualRow[] = [];
  for (const r of reader.getRowObjectsJS()) {
    const venue = String(r.venue);
    if (!isVenueId(venue)) continue;
    const intervalHours = Number(r.ih);
    rows.push({
      venue, symbol: String(r.symbol), base: String(r.base), intervalHours,
      sums: [Number(r.s1), Number(r.s7), Number(r.s30)],
      settlements: [Number(r.n1), Number(r.n7), Number(r.n30)],
      expected: expectedSettlements(intervalHours),
      fromHistory: Number(r.hist),
      per8h: series.get(seriesKey(venue, r.symbol)) ?? new Array<number | null>(BUCKETS).fill(null),
    });
  }
  return rows;
}

/** Settlements a full window holds at this interval. */
function expectedSettlements(intervalHours: number): [number, number, number] {
  const [a, b, c] = ACCRUAL_WINDOWS_DAYS.map((days) => Math.floor((days * 24) / intervalHours));
  return [a, b, c];
}

/**
 * Per venue symbol and 8-h bucket, its settlements' mean rate scaled to 8 h (so a 1-h venue with
 * a missing hour is not read as paying less). A settlement at a bucket's end belongs to it.
 */
async function timelines(connection: DuckDBConnection, firstEnd: number): Promise<Map<string, Array<number | null>>> {
  const reader = await connection.runAndReadAll(
    `SELECT venue, symbol, CAST(ceil((time - $firstEnd) / ${BUCKET_MS}) AS INTEGER) AS bucket, avg(rate * ${TIMELINE_BUCKET_HOURS} / interval_hours) AS per8h
       FROM accrual_settlements WHERE time > $firstEnd - ${BUCKET_MS} GROUP BY ALL`,
    { firstEnd: BigInt(firstEnd) },
  );
  const series = new Map<string, Array<number | null>>();
  for (const r of reader.getRowObjectsJS()) {
    const key = seriesKey(r.venue, r.symbol);
    let values = series.get(key);
    if (!values) series.set(key, (values = new Array<number | null>(BUCKETS).fill(null)));
    values[Number(r.bucket)] = Number(r.per8h);
  }
  return series;
}
