/**
 * Renderer figures in Chromium: frame times while scrolling the 3,000-row monitor under 3,000
 * quotes/s pushed once a second (p95 of requestAnimationFrame deltas in the page), the main
 * thread's CPU per frame from a Chrome trace (mean, median, p95), rows in the DOM while doing so,
 * and cold start to the first painted rows (synthetic 3,000-asset feed, and the real demo host
 * with its simulator). docs/architecture.md, "Renderer performance", keeps the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { startHost } from '../../electron/host/server.ts';
import { launchChromium } from '../e2e/browser.ts';
import { startSyntheticHost } from '../e2e/syntheticHost.ts';
import { percentile } from './sampleStats.ts';
import type { BenchResult } from './types.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const ASSETS = 3000;
/** The load: 3,000 quotes changing every second (the rows holding them are upserted). */
const CHANGES_PER_SECOND = 3000;
const FRAMES = 600;
const FIRST_ROW = '[role=grid] [role=row][aria-rowindex="2"]';

/**
 * A production build of today's sources of its own: dist/renderer may be an older build, or the
 * end-to-end tests' one (VITE_CHECK_CONTRACT=1 parses every stream frame, far slower).
 */
async function freshBuild(outDir: string): Promise<void> {
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** ms from navigation start to the frame after the first row exists. */
async function firstRowPaintMs(page: Page): Promise<number> {
  await page.waitForSelector(FIRST_ROW, { timeout: 60_000 });
  return page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
}

/** rAF deltas over `frames` frames; when `scroll`, the grid moves 60 px every frame, wrapping at the end. */
function frameDeltas(page: Page, frames: number, scroll: boolean): Promise<{ deltas: number[]; maxRows: number }> {
  return page.evaluate(
    ({ frames, scroll }) =>
      new Promise<{ deltas: number[]; maxRows: number }>((resolve) => {
        const grid = document.querySelector<HTMLElement>('[role=grid]')!;
        const deltas: number[] = [];
        let maxRows = 0;
        let last = 0;
        const step = (t: number) => {
          if (last) deltas.push(t - last);
          last = t;
          // A mark in the trace per frame, to share the main thread's CPU out by frame.
          console.timeStamp('bench-frame');
          if (scroll) grid.scrollTop = grid.scrollTop + 60 >= grid.scrollHeight - grid.clientHeight ? 0 : grid.scrollTop + 60;
          maxRows = Math.max(maxRows, grid.querySelectorAll('[role=row]').length - 1);
          if (deltas.length < frames) requestAnimationFrame(step);
          else resolve({ deltas, maxRows });
        };
        requestAnimationFrame(step);
      }),
    { frames, scroll },
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  tdur?: number;
  args?: { name?: string };
}

interface MainThread {
  /** Thread time of each main-thread task, ms. */
  tasks: number[];
  /** Thread time of the tasks started in each frame (between two of the page's frame marks), ms. */
  perFrame: number[];
}

/**
 * Main-thread CPU (thread time, not wall time) of the page's tasks while `work` runs, from a
 * Chrome trace. Unlike frame deltas it does not grow when other processes share the cores.
 */
async function mainThreadTasks(page: Page, work: () => Promise<unknown>): Promise<MainThread> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  // RunTask (one per main-thread task) is only in the disabled-by-default timeline category.
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await work();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('renderer bench: the trace has no CrRendererMain thread');
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const runs = mine.filter((e) => e.ph === 'X' && e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const marks = mine.filter((e) => e.name === 'TimeStamp').map((e) => e.ts).sort((a, b) => a - b);
  const perFrame = marks.slice(1).map(() => 0);
  let frame = 0;
  for (const task of runs) {
    while (frame < marks.length - 1 && marks[frame + 1] <= task.ts) frame++;
    if (task.ts >= marks[0] && frame < perFrame.length) perFrame[frame] += (task.tdur ?? 0) / 1000;
  }
  return { tasks: runs.map((e) => (e.tdur ?? 0) / 1000), perFrame };
}

async function syntheticFigures(rendererDir: string): Promise<BenchResult[]> {
  const host = await startSyntheticHost(rendererDir, ASSETS, CHANGES_PER_SECOND);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(host.url);
    const coldMs = await firstRowPaintMs(page);
    const rowCount = Number(await page.getAttribute('[role=grid]', 'aria-rowcount')) - 1;
    if (rowCount !== ASSETS) throw new Error(`renderer bench: expected ${ASSETS} rows in the monitor, the grid reports ${rowCount}`);
    const idle = await frameDeltas(page, FRAMES / 2, false);
    let scrolling = { deltas: [0], maxRows: 0 };
    const { tasks, perFrame } = await mainThreadTasks(page, async () => (scrolling = await frameDeltas(page, FRAMES, true)));
    const cpuPerFrame = tasks.reduce((a, b) => a + b, 0) / scrolling.deltas.length;
    return [
      // Frame times are wall-clock: on a shared machine they say as much about the load as about the renderer.
      { name: `renderer: 1-min load average during the run (${cpus().length} cores)`, value: loadavg()[0], unit: '' },
      { name: `renderer: scroll frame time p95 (${ASSETS} rows, ${CHANGES_PER_SECOND} quotes/s; baseline idle p95)`, value: percentile(scrolling.deltas, 95), unit: 'ms', baseline: percentile(idle.deltas, 95), target: '≤ 8.3 ms (120 Hz)' },
      { name: 'renderer: scroll frame time p50', value: percentile(scrolling.deltas, 50), unit: 'ms' },
      { name: 'renderer: main-thread CPU per scrolled frame (thread time), mean', value: cpuPerFrame, unit: 'ms', target: '≤ 16.7 ms' },
      { name: 'renderer: main-thread CPU per scrolled frame (thread time), median', value: percentile(perFrame, 50), unit: 'ms', target: '≤ 4 ms' },
      { name: 'renderer: main-thread CPU per scrolled frame (thread time), p95', value: percentile(perFrame, 95), unit: 'ms' },
      { name: 'renderer: main-thread tasks over 16.7 ms CPU while scrolling', value: tasks.filter((t) => t > 16.7).length, unit: `of ${tasks.length}` },
      { name: 'renderer: rows in the DOM while scrolling (baseline: all rows)', value: scrolling.maxRows, unit: 'rows', baseline: ASSETS },
      { name: `renderer: cold start to first painted rows, synthetic ${ASSETS} assets`, value: coldMs, unit: 'ms', target: '≤ 3000 ms' },
    ];
  } finally {
    await browser.close();
    await host.close();
  }
}

async function demoColdStart(rendererDir: string): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-bench-renderer-'));
  const browser = await launchChromium();
  try {
    const started = performance.now();
    const host = await startHost({ port: 0, demo: true, dataDir, rendererDir });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await page.goto(host.url);
      await firstRowPaintMs(page);
      return { name: 'renderer: cold start of the demo (host + simulator + page) to first painted rows', value: performance.now() - started, unit: 'ms', target: '≤ 3000 ms' };
    } finally {
      await host.close();
    }
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  // RENDERER_BENCH_DIR: measure that build instead (another commit's, for a before/after pair).
  const given = process.env.RENDERER_BENCH_DIR;
  const rendererDir = given ?? mkdtempSync(join(tmpdir(), 'ft-bench-renderer-build-'));
  try {
    if (!given) await freshBuild(rendererDir);
    return [...(await syntheticFigures(rendererDir)), await demoColdStart(rendererDir)];
  } finally {
    if (!given) rmSync(rendererDir, { recursive: true, force: true });
  }
}
