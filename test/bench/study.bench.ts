import { DEFAULT_STUDY_PARAMS } from '../../electron/engine/study.ts';
import { eventStudy } from '../fixtures/eventStudy.ts';
import { syntheticStudyData } from '../fixtures/studySynthetic.ts';
import { sqlEventStudy } from './studySql.ts';
import type { BenchResult } from './types.ts';

/**
 * Event study over 500 symbols × 1 year of settlements (8-hourly, every 7th symbol 4-hourly:
 * ≈ 630,000 funding rows) with 4-hourly prices (≈ 1.1 M rows), against the same study as DuckDB
 * SQL in the same run. The two must agree event for event, or the benchmark fails.
 */
export async function run(): Promise<BenchResult[]> {
  const { funding, prices, map } = syntheticStudyData({ symbols: 500, days: 365, seed: 11 });
  const params = { ...DEFAULT_STUDY_PARAMS, horizonsHours: [24], thresholdPer8h: 0.00005 };
  eventStudy(funding, prices, map, params); // warm-up: JIT, not measured
  const fastTimes: number[] = [];
  let fast = eventStudy(funding, prices, map, params);
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    fast = eventStudy(funding, prices, map, params);
    fastTimes.push(performance.now() - start);
  }
  const sqlStart = performance.now();
  const sql = await sqlEventStudy(funding, prices, map, params.thresholdPer8h, 24, params.k);
  const sqlMs = performance.now() - sqlStart;
  const [h] = fast.horizons;
  const key = (e: { sector: string; time: number; hit: boolean | null }) => `${e.time} ${e.sector} ${e.hit}`;
  const engineEvents = new Set(h.events.map(key));
  const same = sql.events.length === h.events.length && sql.events.every((e) => engineEvents.has(key(e))) && sql.basePoints === h.all.basePoints;
  if (!same) throw new Error(`study bench: engine and SQL disagree (${h.events.length} vs ${sql.events.length} events, ${h.all.basePoints} vs ${sql.basePoints} base points)`);
  const bothStart = performance.now();
  eventStudy(funding, prices, map, { ...params, horizonsHours: [24, 48] });
  const bothMs = performance.now() - bothStart;
  return [
    { name: `event study, ${funding.length} funding + ${prices.length} price rows, Z = 24 h (${h.events.length} events, median of 3)`, value: fastTimes.sort((a, b) => a - b)[1], unit: 'ms', baseline: sqlMs, target: '≤ 1000 ms' },
    { name: 'event study, same data, Z = 24 h and 48 h', value: bothMs, unit: 'ms', target: '≤ 1000 ms' },
  ];
}
