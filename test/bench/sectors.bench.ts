import { SectorSeries } from '../../electron/engine/sectorSeries.ts';
import { computeSectorState, SampleCursors } from '../../electron/engine/sectors.ts';
import { ENGINE_SECTOR_OPTIONS, SECTOR_SAMPLE_MS } from '../../electron/engine/sectorTracker.ts';
import type { BenchResult } from './types.ts';

const ASSETS = 500;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 8);
const SECTORS = ['Layer 1', 'Layer 2', 'DeFi', 'DEX', 'Meme', 'Gaming', 'AI', 'Infrastructure', 'Liquid staking', 'RWA', 'Exchange tokens', 'Privacy'];

/** A deterministic pseudo-random walk (no Math.random: every run measures the same work). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * 500 assets in 12 sectors as the engine worker holds them: 3 days of seeded 4-h closes, then
 * 7 days of live samples every 15 min (the z-score window reaches 160 h back).
 */
function histories(): SectorSeries[] {
  const random = lcg(42);
  const start = NOW - 7 * 24 * HOUR;
  const seedTimes = Array.from({ length: 18 }, (_, k) => start - (18 - k) * 4 * HOUR);
  return Array.from({ length: ASSETS }, (_, a) => {
    const series = new SectorSeries(`A${a}`);
    series.seed(seedTimes, seedTimes.map(() => 50 + random() * 50));
    let level = 0.0001 + (random() - 0.5) * 0.0004;
    for (let t = start; t <= NOW; t += SECTOR_SAMPLE_MS) {
      level += (random() - 0.5) * 0.00002;
      series.record(t, SECTOR_SAMPLE_MS, level, 100 + random(), 1e7 * (1 + random()));
    }
    return series;
  });
}

/** Median per-tick time and CPU time of `tick` over 50 ticks one second apart, after 10 warm-up ticks. */
function measure(tick: (now: number) => void): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < 60; k++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    tick(NOW + k * 1000);
    if (k >= 10) {
      walls.push(performance.now() - started);
      cpus.push(process.cpuUsage(cpu).user / 1000);
    }
  }
  const median = (values: number[]) => values.sort((x, y) => x - y)[values.length >> 1];
  return { wall: median(walls), cpu: median(cpus) };
}

/**
 * The engine's per-tick sector recompute (prune, history views, snapshot with cursors kept from
 * the previous tick), against the same recompute locating every look-back afresh each tick.
 */
export async function run(): Promise<BenchResult[]> {
  const series = histories();
  const map = new Map(series.map((s, a) => [s.base, SECTORS[a % SECTORS.length]]));
  const cursors = new SampleCursors();
  const recompute = (now: number, kept: SampleCursors) => {
    for (const s of series) s.prune(now - 170 * HOUR);
    computeSectorState(now, series.map((s) => s.history()), map, ENGINE_SECTOR_OPTIONS, kept);
  };
  const kept = measure((now) => recompute(now, cursors));
  const afresh = measure((now) => recompute(now, new SampleCursors()));
  const what = `${ASSETS} assets × 7 days of 15-min samples + 3 days of 4-h closes, ${SECTORS.length} sectors`;
  return [
    { name: `sector snapshot per engine tick (${what}; median of 50)`, value: kept.wall, unit: 'ms', baseline: afresh.wall, target: '≤ 1 ms' },
    { name: 'sector snapshot per engine tick, CPU time (the machine may be shared)', value: kept.cpu, unit: 'ms', baseline: afresh.cpu, target: '≤ 1 ms' },
  ];
}
