/**
 * The monitor redraws only what changed (docs/screens.md, "The monitor redraws only what
 * changed"): React components are counted as they render, through the hook React offers its
 * developer tools, in the production build in Chromium. A batch that moves one quote re-renders
 * that row and the cells reading the quote, not every visible row, nor the row's other venue cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { collectPageErrors, launchChromium } from './browser.ts';
import { startSyntheticHost, type SyntheticHost } from './syntheticHost.ts';
import type { VenueId } from '../../shared/domain/venues.ts';

const RENDERER_DIR = join(new URL('../../', import.meta.url).pathname, 'dist/renderer');
/** Few enough that every row is in view. */
const ASSETS = 12;
/** Cells that follow the clock every second (the countdown; the capacity figure's age). */
const CLOCK_CELLS = new Set(['cell-next', 'cell-capacity']);

interface Rendered {
  /** The row's element id ('' outside a monitor row). */
  row: string;
  /** The cell's column class (cell-rank, cell-venue-okx…); '' for the row itself. */
  cell: string;
}

/**
 * Installed before the app loads: React calls `onCommitFiberRoot` after every commit. A function
 * component rendered in that commit when it is new or carries the PerformedWork flag; subtrees
 * React skipped keep their old fibers (the walk does not enter them), as React's own tools do.
 */
function installRenderCounter(): void {
  const w = window as unknown as { __rendered: Rendered[]; __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown };
  w.__rendered = [];
  type Fiber = { tag: number; flags: number; child: Fiber | null; sibling: Fiber | null; alternate: Fiber | null; stateNode: unknown };
  const FUNCTION = new Set([0, 11, 15]);
  const HOST = 5;
  const hostOf = (fiber: Fiber): Element | null => {
    for (let f: Fiber | null = fiber; f; f = f.child) if (f.tag === HOST) return f.stateNode as Element;
    return null;
  };
  const record = (fiber: Fiber): void => {
    const el = hostOf(fiber);
    const row = el?.closest('.grid-row');
    const cell = el?.closest('[role=gridcell]');
    w.__rendered.push({ row: row?.id ?? '', cell: cell ? ([...cell.classList].find((c) => c.startsWith('cell-')) ?? '') : '' });
  };
  const walk = (next: Fiber, prev: Fiber | null): void => {
    if (FUNCTION.has(next.tag) && (prev === null || (next.flags & 1) === 1)) record(next);
    if (prev !== null && next.child === prev.child) return;
    for (let c = next.child; c; c = c.sibling) walk(c, c.alternate);
  };
  let id = 0;
  w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => ++id,
    checkDCE: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => walk(root.current, root.current.alternate),
  };
}

let host: SyntheticHost;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  host = await startSyntheticHost(RENDERER_DIR, ASSETS, 0);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  pageErrors = collectPageErrors(page);
  await page.addInitScript(installRenderCounter);
  await page.goto(host.url);
  await page.locator(`[role=grid] [role=row][aria-rowindex="${ASSETS + 1}"]`).waitFor({ timeout: 60_000 });
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const renderedSince = (from: number): Promise<Rendered[]> => page.evaluate((n) => (window as unknown as { __rendered: Rendered[] }).__rendered.slice(n), from);
const renderCount = (): Promise<number> => page.evaluate(() => (window as unknown as { __rendered: Rendered[] }).__rendered.length);

describe('the monitor re-renders only the cells a batch changed', () => {
  it('counts renders: the first snapshot renders every row and cell', async () => {
    const all = await renderedSince(0);
    const rows = new Set(all.filter((r) => r.row !== '' && r.cell === '').map((r) => r.row));
    expect(rows.size).toBe(ASSETS);
  });

  it('a batch moving one quote re-renders that row and its changed cells only', async () => {
    const marked = (): Promise<string[]> => page.locator('[role=grid] .leg-long, [role=grid] .leg-short').evaluateAll((els) => els.map((e) => {
      const cell = e.closest('[role=gridcell]')!;
      return `${cell.closest('.grid-row')!.id} ${[...cell.classList].find((c) => c.startsWith('cell-'))}`;
    }));
    const markedBefore = await marked();
    const from = await renderCount();
    const [key] = host.push(1);
    const [base, venue] = key.split('|') as [string, VenueId];
    const rowId = `monitor-row-${base}`;
    const cellOf = (v: string) => `cell-venue-${v}`;
    // The batch has landed once the moved row rendered; a frame later everything it caused is committed.
    await expect.poll(async () => (await renderedSince(from)).some((r) => r.row === rowId && r.cell === cellOf(venue))).toBe(true);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const rendered = (await renderedSince(from)).filter((r) => r.row !== '' && !CLOCK_CELLS.has(r.cell));

    // No other row re-rendered, though every row is in view.
    expect([...new Set(rendered.map((r) => r.row))]).toEqual([rowId]);
    const cells = new Set(rendered.map((r) => r.cell));
    expect(cells.has('')).toBe(true);
    expect(cells.has(cellOf(venue))).toBe(true);
    // Its other venue cells (their quotes only had their time moved) did not, unless the pair's long/short mark moved to or from them.
    const markedNow = [...markedBefore, ...(await marked())];
    for (const c of [...cells].filter((c) => c.startsWith('cell-venue-') && c !== cellOf(venue))) expect(markedNow).toContain(`${rowId} ${c}`);
    // Cells that read nothing the quote moved stayed as they were.
    for (const still of ['cell-rank', 'cell-oi']) expect(cells.has(still)).toBe(false);
    expect(cells.size - 1).toBeLessThan(await page.locator(`#${rowId} [role=gridcell]`).count());
    expect(pageErrors).toEqual([]);
  });
});
