import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { V8_MEMORY_FLAGS } from '../../build/launch.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';
import { ccxtImportScript, memoryRows, type CcxtImportFigures, type MarketsFigures } from './memoryRows.ts';
import { IDLE_LOOP_SCRIPT } from './loopDelay.ts';
import type { BenchResult } from './types.ts';

/**
 * The backend as a trader runs it: every venue of 500 symbols each (the simulator in its own
 * process), the engine worker and DuckDB. Figures: time to first quotes from all venues,
 * resident memory (target ≤ 400 MB; launched as the scripts do, and with V8's defaults) against a
 * bare Node process, and the latency from a venue request sent (a quote's `observedAt`) to the
 * renderer-bound batch published: it includes the HTTP round trip to the simulator, which shares
 * the two cores. The parse-to-paint part of the ≤ 50 ms budget is measured from the moment a
 * venue's answer is parsed to the engine's row for that asset published (through the worker and
 * the frame batcher); the renderer bench measures the rest. Baselines: the same figures with
 * V8's default young generation (a smaller one scavenges more often); memory and CPU with every
 * venue against the first six alone (the terminal's venues before Aster), and the first three alone
 * (four switched off), in the same run.
 */
/** As `npm start` and `npm run web` launch it: V8's memory flags. */
const LAUNCH_FLAGS = V8_MEMORY_FLAGS;

function node(args: string[]): ChildProcess {
  return spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function firstLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  let buffer = '';
  for await (const chunk of child.stdout!) {
    buffer += String(chunk);
    const match = buffer.split('\n').find((line) => pattern.test(line));
    if (match) return match;
  }
  throw new Error(`child exited before printing ${pattern}`);
}

/** The probe's memory phases, as the table names them. */
const PHASES = { Start: 'start', Quotes: 'all venues quote', Preview: 'a ticket preview' } as const;

async function probe<T = Record<string, number>>(args: string[]): Promise<T> {
  const child = node(args);
  const figures = JSON.parse(await firstLine(child, /^\{/)) as T;
  await once(child, 'exit');
  return figures;
}

export async function run(): Promise<BenchResult[]> {
  const sim = node(['electron/simulator/main.ts', '--port', '0', '--seed', '3', '--size', '500']);
  try {
    const url = (await firstLine(sim, /^listening /)).replace('listening ', '').trim();
    const figures = await probe([...LAUNCH_FLAGS, 'test/bench/backendProbe.ts', url, '8000']);
    const defaultFlags = await probe(['test/bench/backendProbe.ts', url, '8000']);
    const sixVenues = await probe([...LAUNCH_FLAGS, 'test/bench/backendProbe.ts', url, '8000', VENUE_IDS.slice(0, 6).join(',')]);
    // Three venues on: a venue switched off is never opened (docs/venues.md, "Venue choice").
    const threeVenues = await probe([...LAUNCH_FLAGS, 'test/bench/backendProbe.ts', url, '8000', VENUE_IDS.slice(0, 3).join(',')]);
    const markets = await probe<MarketsFigures>(['--expose-gc', 'test/bench/marketsProbe.ts', url]);
    const ccxtImport = {} as CcxtImportFigures;
    for (const what of ['barrel', 'rest', 'pro'] as const) ccxtImport[what] = await probe(['--expose-gc', '--input-type=module', '-e', ccxtImportScript(what)]);
    const idleLoop = await probe<{ loopDelayP50Ms: number; loopDelayP99Ms: number }>(['--input-type=module', '-e', IDLE_LOOP_SCRIPT(4_000)]);
    const bare = node(['-e', 'console.log(JSON.stringify({ rssMb: process.memoryUsage().rss / 2 ** 20 }))']);
    const bareRss = (JSON.parse(await firstLine(bare, /^\{/)) as { rssMb: number }).rssMb;
    return [
      { name: `backend: first quotes from all ${figures.venues} venues`, value: figures.firstAllVenuesMs, unit: 'ms', baseline: sixVenues.firstAllVenuesMs, target: '≤ 3000 (cold start budget)' },
      { name: `backend: resident memory, ${figures.venues} venues (baseline: the first 6)`, value: figures.rssMb, unit: 'MB', baseline: sixVenues.rssMb },
      { name: `backend: resident memory, 3 venues on (baseline: all ${figures.venues})`, value: threeVenues.rssMb, unit: 'MB', baseline: figures.rssMb },
      { name: `backend: heap used after all venues quote, 3 venues on (baseline: all ${figures.venues})`, value: threeVenues.afterQuotesHeapMb, unit: 'MB', baseline: figures.afterQuotesHeapMb },
      { name: `backend: CPU while polling, ${figures.venues} venues (baseline: the first 6)`, value: figures.cpuPercent, unit: '% of a core', baseline: sixVenues.cpuPercent },
      { name: `backend: resident memory, ${figures.quotes} quotes`, value: figures.rssMb, unit: 'MB', baseline: bareRss, target: '≤ 400' },
      { name: 'backend: same, V8 default young generation', value: defaultFlags.rssMb, unit: 'MB', baseline: figures.rssMb },
      ...(['Start', 'Quotes', 'Preview'] as const).flatMap((phase) => [
        { name: `backend: RSS after ${PHASES[phase]}`, value: figures[`after${phase}RssMb`], unit: 'MB' },
        { name: `backend: heap used after ${PHASES[phase]}`, value: figures[`after${phase}HeapMb`], unit: 'MB' },
      ]),
      ...memoryRows(figures, sixVenues, markets, ccxtImport),
      { name: 'backend: venue request sent → batch published p50', value: figures.latencyP50, unit: 'ms' },
      { name: 'backend: venue request sent → batch published p95 (incl. HTTP)', value: figures.latencyP95, unit: 'ms', baseline: defaultFlags.latencyP95 },
      { name: `backend: venue answer parsed → engine row published p50 (${figures.rowsMeasured} rows)`, value: figures.rowLatencyP50, unit: 'ms' },
      { name: 'backend: venue answer parsed → engine row published p95', value: figures.rowLatencyP95, unit: 'ms', baseline: defaultFlags.rowLatencyP95, target: '≤ 50 (whole path to paint)' },
      { name: 'backend: quotes published per second', value: figures.quotesPerSecond, unit: 'quotes/s' },
      // Beyond the 5 ms sampling period (loopDelay.ts); baseline: a bare Node process's idle loop, measured alike in this run.
      { name: 'backend: main-thread event-loop delay p50 while polling (baseline: an idle process)', value: figures.loopDelayP50Ms, unit: 'ms', baseline: idleLoop.loopDelayP50Ms },
      { name: `backend: main-thread event-loop delay p99 while polling, ${Math.round(figures.quotesPerSecond)} quotes/s (baseline: an idle process)`, value: figures.loopDelayP99Ms, unit: 'ms', baseline: idleLoop.loopDelayP99Ms, target: '≤ 5 ms at 1,400 quotes/s' },
      { name: 'backend: main-thread event-loop delay p99, the first 6 venues', value: sixVenues.loopDelayP99Ms, unit: 'ms' },
    ];
  } finally {
    sim.kill('SIGTERM');
  }
}
