import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { BenchResult } from './types.ts';

/**
 * The backend as a trader runs it: six venues of 500 symbols each (the simulator in its own
 * process), the engine worker and DuckDB. Figures: time to first quotes from all six venues,
 * resident memory (target ≤ 400 MB) against a bare Node process, and the latency from a venue
 * answer parsed to the renderer-bound batch published (part of the ≤ 50 ms ingest-to-paint budget).
 */
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

export async function run(): Promise<BenchResult[]> {
  const sim = node(['electron/simulator/main.ts', '--port', '0', '--seed', '3', '--size', '500']);
  try {
    const url = (await firstLine(sim, /^listening /)).replace('listening ', '').trim();
    const probe = node(['test/bench/backendProbe.ts', url, '8000']);
    const figures = JSON.parse(await firstLine(probe, /^\{/)) as Record<string, number>;
    await once(probe, 'exit');
    const bare = node(['-e', 'console.log(JSON.stringify({ rssMb: process.memoryUsage().rss / 2 ** 20 }))']);
    const bareRss = (JSON.parse(await firstLine(bare, /^\{/)) as { rssMb: number }).rssMb;
    return [
      { name: 'backend: first quotes from all 6 venues', value: figures.firstAllVenuesMs, unit: 'ms', target: '≤ 3000 (cold start budget)' },
      { name: `backend: resident memory, ${figures.quotes} quotes`, value: figures.rssMb, unit: 'MB', baseline: bareRss, target: '≤ 400' },
      ...(['Start', 'Quotes', 'Preview'] as const).flatMap((phase) => [
        { name: `backend: RSS after ${PHASES[phase]}`, value: figures[`after${phase}RssMb`], unit: 'MB' },
        { name: `backend: heap used after ${PHASES[phase]}`, value: figures[`after${phase}HeapMb`], unit: 'MB' },
      ]),
      { name: 'backend: quote parsed → batch published p50', value: figures.latencyP50, unit: 'ms' },
      { name: 'backend: quote parsed → batch published p95', value: figures.latencyP95, unit: 'ms', target: '≤ 50 (whole path to paint)' },
      { name: 'backend: quotes published per second', value: figures.quotesPerSecond, unit: 'quotes/s' },
    ];
  } finally {
    sim.kill('SIGTERM');
  }
}
