import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { FundingPoint, PricePoint } from '../../shared/domain/quotes.ts';
import { canonicalBase, type SectorMap } from '../../shared/sectors/sectorOf.ts';

/**
 * The event study as one DuckDB SQL query (ASOF joins for "latest at or before", SQL medians):
 * an independent implementation used as the benchmark's baseline and cross-check.
 */
export interface SqlEvent { sector: string; time: number; divergence: number; hit: boolean | null }

const H = 3_600_000;

export async function sqlEventStudy(funding: readonly FundingPoint[], prices: readonly PricePoint[], map: SectorMap, X: number, Z: number, k: number, maxPriceAgeHours = 8) {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await load(db, funding, prices, map);
    const rows = (await db.runAndReadAll(studySql(X, Z, k, maxPriceAgeHours))).getRowObjects();
    const events: SqlEvent[] = rows.map((r) => ({ sector: String(r.sector), time: Number(r.t), divergence: Number(r.d), hit: r.hit === null ? null : Boolean(r.hit) }));
    const base = (await db.runAndReadAll('SELECT count(*) AS points, sum(CASE WHEN hit THEN 1 ELSE 0 END) AS hits FROM outcome')).getRowObjects()[0];
    return { events, basePoints: Number(base.points), baseHits: Number(base.hits ?? 0) };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

async function load(db: DuckDBConnection, funding: readonly FundingPoint[], prices: readonly PricePoint[], map: SectorMap): Promise<void> {
  await db.run(`CREATE TABLE funding (series VARCHAR, asset VARCHAR, sector VARCHAR, time DOUBLE, per8h DOUBLE, max_age DOUBLE);
                CREATE TABLE price (series VARCHAR, asset VARCHAR, sector VARCHAR, time DOUBLE, close DOUBLE);`);
  const fundingRows = await db.createAppender('funding');
  for (const p of funding) {
    const asset = canonicalBase(p.symbol);
    const sector = map.get(asset);
    if (sector === undefined) continue;
    fundingRows.appendVarchar(`${p.venue}|${p.symbol}`); fundingRows.appendVarchar(asset); fundingRows.appendVarchar(sector);
    fundingRows.appendDouble(Math.round(p.time / 60_000) * 60_000); fundingRows.appendDouble((p.rate * 8) / p.intervalHours); fundingRows.appendDouble(p.intervalHours * H);
    fundingRows.endRow();
  }
  fundingRows.closeSync();
  const priceRows = await db.createAppender('price');
  for (const p of prices) {
    const asset = canonicalBase(p.symbol);
    const sector = map.get(asset);
    if (sector === undefined) continue;
    priceRows.appendVarchar(`${p.venue}|${p.symbol}`); priceRows.appendVarchar(asset); priceRows.appendVarchar(sector);
    priceRows.appendDouble(p.time); priceRows.appendDouble(p.close);
    priceRows.endRow();
  }
  priceRows.closeSync();
}

function studySql(X: number, Z: number, k: number, maxPriceAgeHours: number): string {
  const maxAge = maxPriceAgeHours * H;
  return `
  CREATE TEMP TABLE grid AS
    WITH bounds AS (SELECT ceil(min(time) / 28800000) * 28800000 AS first, max(time) AS last FROM funding)
    SELECT (first + 28800000 * range)::DOUBLE AS t FROM bounds, range(0, ((last - first) / 28800000)::BIGINT + 1)
    WHERE first + 28800000 * range <= last;
  CREATE TEMP TABLE fseries AS SELECT DISTINCT series, asset, sector FROM funding;
  CREATE TEMP TABLE pseries AS SELECT DISTINCT series, asset, sector FROM price;
  CREATE TEMP TABLE f_asset AS
    SELECT l.asset, l.sector, l.t, avg(f.per8h) AS f
    FROM (SELECT * FROM grid CROSS JOIN fseries) l ASOF JOIN funding f ON l.series = f.series AND l.t >= f.time
    WHERE l.t - f.time <= f.max_age GROUP BY l.asset, l.sector, l.t;
  CREATE TEMP TABLE f_sector AS SELECT sector, t, median(f) AS fs FROM f_asset GROUP BY sector, t HAVING count(*) >= 3;
  CREATE TEMP TABLE divergence AS
    SELECT s.sector, s.t, s.fs - m.fm AS d FROM f_sector s JOIN (SELECT t, median(fs) AS fm FROM f_sector GROUP BY t) m USING (t);
  CREATE TEMP TABLE r_asset AS
    SELECT l.asset, l.sector, l.t, avg(b.close / a.close - 1) AS r
    FROM (SELECT * FROM grid CROSS JOIN pseries) l
    ASOF JOIN price a ON l.series = a.series AND l.t >= a.time
    ASOF JOIN (SELECT series, time - ${Z * H} AS shifted, time, close FROM price) b ON l.series = b.series AND l.t >= b.shifted
    WHERE l.t - a.time <= ${maxAge} AND l.t + ${Z * H} - b.time <= ${maxAge}
    GROUP BY l.asset, l.sector, l.t;
  CREATE TEMP TABLE outcome AS
    SELECT d.sector, d.t, d.d, (rs.r - rm.r <= -${k}) AS hit
    FROM divergence d
    JOIN (SELECT sector, t, median(r) AS r FROM r_asset GROUP BY sector, t) rs USING (sector, t)
    JOIN (SELECT t, median(r) AS r FROM r_asset GROUP BY t) rm USING (t);
  SELECT d.sector, d.t, d.d, o.hit FROM (
    SELECT sector, t, d, lag(d) OVER w AS before, lag(t) OVER w AS t_before FROM divergence WINDOW w AS (PARTITION BY sector ORDER BY t)
  ) d LEFT JOIN outcome o USING (sector, t)
  WHERE d.d >= ${X} AND d.before < ${X} AND d.t_before = d.t - 28800000
  ORDER BY d.t, d.sector;`;
}
