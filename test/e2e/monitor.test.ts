import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import type { Host } from '../../electron/host/server.ts';
import { VENUES } from '../../shared/domain/venues.ts';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';
import { assetOf, MonitorPage, parsePct } from './monitorPage.ts';

let session: DemoSession;
let host: Host;
let page: Page;
let pageErrors: string[];
let monitor: MonitorPage;

beforeAll(async () => {
  session = await openDemoSession({ name: 'monitor', viewport: { width: 1600, height: 900 } });
  ({ host, page, pageErrors } = session);
  monitor = new MonitorPage(page);
});
afterAll(() => session?.close());

describe('the monitor in Chromium against the demo host', () => {
  it('shows one row per asset, read through the grid roles, with the token gone from the address bar', async () => {
    await monitor.dataRows().first().waitFor({ timeout: 60_000 });
    expect(await monitor.rowCount()).toBeGreaterThan(10);
    const assets = await monitor.cellTexts(await monitor.columnIndex(/^Asset/));
    expect(assets.every((a) => /^[A-Z0-9]+$/.test(a))).toBe(true);
    const spreads = await monitor.cellTexts(await monitor.columnIndex(/^Spread% \/8h/));
    expect(spreads.some((s) => /%$/.test(s))).toBe(true);
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => page.getByLabel('Mode demo').isVisible()).toBe(true);
    await screenshot(page, 'e2e-monitor');
  });

  it('renders only the visible rows of the virtualised grid', async () => {
    const rendered = await monitor.dataRows().count();
    const total = await monitor.rowCount();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThanOrEqual(Math.min(total, 60));
  });

  it('the next-settlement countdowns tick', async () => {
    const column = await monitor.columnIndex(/^Next/);
    const first = (await monitor.cellTexts(column, 1))[0];
    // hh:mm:ss, or mm:ss after the ◆ of an open window.
    expect(first).toMatch(/\d\d:\d\d:\d\d|◆ \d\d:\d\d/);
    await expect.poll(async () => (await monitor.cellTexts(column, 1))[0], { timeout: 5_000 }).not.toBe(first);
  });

  it('at 1900 px every column of the eight venues is shown, fits and no header or cell text is cut off', async () => {
    // Wide enough that no column is dropped for room (monitorWidth.test.ts covers 1280 and 1600, where some are).
    await page.setViewportSize({ width: 1900, height: 900 });
    try {
      const fit = await monitor.grid.evaluate((grid) => {
        const cells = [...grid.querySelectorAll<HTMLElement>('[role=columnheader], [role=gridcell]')];
        const clipped = cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => `${c.getAttribute('aria-colindex')}: ${c.textContent} needs ${c.scrollWidth} px, has ${c.clientWidth}`);
        return { overflow: grid.scrollWidth - grid.clientWidth, clipped, cells: cells.length };
      });
      expect(fit.cells).toBeGreaterThan(100);
      expect(fit.overflow).toBe(0);
      expect(fit.clipped).toEqual([]);
      // A countdown inside its window gains a ◆ and bold type (and drops its hours), after the
      // widest leg mark (LS): it must fit whatever the hour of the run.
      const next = await monitor.columnIndex(/^Next/);
      const windowOpen = await monitor.grid.evaluate((grid, column) => {
        const cell = grid.querySelector<HTMLElement>(`[role=gridcell][aria-colindex="${column}"]`)!;
        const shown = [...cell.children] as HTMLElement[];
        const probe = document.createElement('span');
        const mark = document.createElement('span');
        mark.className = 'unit';
        mark.textContent = 'LS';
        const countdown = document.createElement('time');
        countdown.className = 'num countdown window-open';
        countdown.textContent = '◆ 09:59';
        probe.append(mark, ' ', countdown);
        for (const child of shown) child.style.display = 'none';
        cell.append(probe);
        // Sub-pixel widths: scrollWidth rounds, and a 0.2 px overflow already draws an ellipsis.
        const style = getComputedStyle(cell);
        const fits = probe.getBoundingClientRect().width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) <= cell.getBoundingClientRect().width;
        probe.remove();
        for (const child of shown) child.style.display = '';
        return fits;
      }, next);
      expect(windowOpen).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1600, height: 900 });
    }
  });

  it('at 1024 px four venue columns (the fewest kept) and the key columns do not fit: the grid scrolls sideways to its last column while rank and Asset stay in view', async () => {
    // At 1280 the grid fits (monitorWidth.test.ts); below about 1090 px it cannot.
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      const gridBox = (await monitor.grid.boundingBox())!;
      expect(await monitor.grid.evaluate((g) => g.scrollWidth > g.clientWidth)).toBe(true);
      await monitor.grid.evaluate((g) => (g.scrollLeft = g.scrollWidth));
      const signal = (await monitor.grid.getByRole('columnheader', { name: /^Signal/ }).boundingBox())!;
      expect(signal.x + signal.width).toBeLessThanOrEqual(gridBox.x + gridBox.width);
      const asset = monitor.grid.getByRole('columnheader', { name: /^Asset/ });
      const assetBox = (await asset.boundingBox())!;
      expect(assetBox.x).toBeGreaterThanOrEqual(gridBox.x);
      // The Asset header is what is drawn at its place: the scrolled columns pass beneath it.
      const onTop = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[role=columnheader]')?.textContent, [assetBox.x + 10, assetBox.y + 10]);
      expect(onTop).toMatch(/^Asset/);
      await screenshot(page, 'e2e-monitor-1024-scrolled');
    } finally {
      await monitor.grid.evaluate((g) => (g.scrollLeft = 0));
      await page.setViewportSize({ width: 1600, height: 900 });
    }
  });

  it('clicking the spread header sorts by spread, descending then ascending, and says so in aria-sort', async () => {
    const header = monitor.grid.getByRole('columnheader', { name: /Spread \(% \/8h\)/ });
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const column = Number(await header.getAttribute('aria-colindex'));
    const desc = (await monitor.cellTexts(column)).map(parsePct).filter((v): v is number => v !== null);
    expect(desc.length).toBeGreaterThan(3);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const asc = (await monitor.cellTexts(column)).map(parsePct).filter((v): v is number => v !== null);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await screenshot(page, 'e2e-monitor-sorted');
  });

  it('search narrows the rows to the matching assets', async () => {
    const asset = (await monitor.cellTexts(await monitor.columnIndex(/^Asset/), 1))[0];
    await page.keyboard.press('/');
    await page.keyboard.type(asset);
    await expect.poll(async () => (await monitor.cellTexts(await monitor.columnIndex(/^Asset/))).every((a) => a.includes(asset))).toBe(true);
    await page.getByRole('searchbox', { name: 'Search assets' }).press('Escape');
    await expect.poll(() => monitor.rowCount()).toBeGreaterThan(1);
  });

  it('j then Enter opens the symbol view with its charts, legend and legs; Esc goes back', async () => {
    await monitor.grid.focus();
    await page.keyboard.press('j');
    const selected = monitor.grid.locator('[role=row][aria-selected=true]');
    const base = await assetOf(selected);
    await page.keyboard.press('Enter');
    const view = page.getByRole('region', { name: `Symbol ${base}` });
    await view.waitFor();
    await view.getByRole('button', { name: `Backfill 30 days of funding history for ${base}` }).click();
    await view.getByText(/Backfill: \d+ settlements added/).waitFor({ timeout: 60_000 });
    const legend = view.getByRole('list', { name: 'Chart legend with last values' });
    await expect.poll(() => legend.getByRole('listitem').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await legend.textContent()).toMatch(/% \/8h/);
    // The trader's result stays: no background run follows it and puts its summary over it.
    expect(await view.getByText(/^Backfill: \d+ settlements added/).isVisible()).toBe(true);
    expect(await view.getByText(/Background backfill/).count()).toBe(0);
    expect(await view.locator('canvas').count()).toBeGreaterThan(0);
    // The legend follows the crosshair: hovering the chart shows the values at that time.
    await view.getByRole('img', { name: /Funding history per venue/ }).hover({ position: { x: 400, y: 120 } });
    await expect.poll(() => legend.getByRole('listitem').first().textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(await view.getByRole('table', { name: `Current legs of ${base}` }).getByRole('row').count()).toBeGreaterThan(1);
    // Lightweight Charts' licence: the attribution notice and a link to TradingView, on the chart (logo) and under it.
    expect(await view.locator('a#tv-attr-logo[href^="https://www.tradingview.com/"]').count()).toBe(1);
    expect(await view.getByRole('link', { name: 'tradingview.com' }).getAttribute('href')).toBe('https://www.tradingview.com/');
    expect(await view.getByText(/TradingView Lightweight Charts™, copyright © TradingView, Inc\./).isVisible()).toBe(true);
    await screenshot(page, 'e2e-symbol');
    await page.keyboard.press('Escape');
    await monitor.grid.waitFor();
  });

  it('? lists the keyboard shortcuts and Esc closes the list', async () => {
    await page.keyboard.press('?');
    const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await list.waitFor();
    expect(await list.textContent()).toContain('Kill switch');
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
  });

  it('the funding-windows screen lists upcoming settlements with live countdowns', async () => {
    await page.keyboard.press('2');
    const table = page.getByRole('table', { name: 'Upcoming settlements' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    const firstCountdown = table.locator('tbody tr').first().locator('time');
    const before = await firstCountdown.textContent();
    await expect.poll(() => firstCountdown.textContent(), { timeout: 5_000 }).not.toBe(before);
    await screenshot(page, 'e2e-windows');
    await page.keyboard.press('1');
  });

  it('the kill switch is on every screen and reachable by keyboard (Ctrl+Shift+K opens its confirmation with Engage focused, Esc cancels)', async () => {
    for (const key of ['1', '2', '4', '5']) {
      await page.keyboard.press(key);
      expect(await page.getByRole('button', { name: 'Kill switch' }).isVisible()).toBe(true);
      if (key === '4') await screenshot(page, 'e2e-alerts');
    }
    await page.keyboard.press('1');
    await page.keyboard.press('Control+Shift+K');
    const dialog = page.getByRole('alertdialog', { name: 'Engage the kill switch?' });
    await dialog.waitFor();
    // "hotkey, Enter" must engage, never cancel silently; Esc is the way out.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Engage kill switch');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Tab order reaches it too.
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Kill switch');
    }
    expect(reached).toBe(true);
  });

  it('a venue taken down in the simulator shows as failing in the status bar, the others stay up', async () => {
    const sim = host.simulator!;
    const venue = sim.venues.includes('bybit') ? 'bybit' : sim.venues[0];
    sim.faults.setDown(venue, true);
    const chip = page.locator(`footer [data-venue="${venue}"]`);
    // A late poll under load counts an error while the venue stays ok: wait for the state itself.
    await expect.poll(async () => (await chip.getAttribute('aria-label')) ?? '', { timeout: 90_000, interval: 1_000 }).toMatch(/ (degraded|down)/);
    expect(await chip.getAttribute('title')).toMatch(/last error: /);
    expect(await page.locator('footer').getByRole('button', { name: /^Venues: / }).getAttribute('aria-label')).toMatch(new RegExp(`\\d (degraded|down) \\([^)]*${VENUES[venue].label}`));
    const others = page.locator(`footer [data-venue]:not([data-venue="${venue}"])[data-status="ok"]`);
    expect(await others.count()).toBeGreaterThan(0);
    await screenshot(page, 'e2e-venue-fault');
  });

  it("once the failing venue's quotes pass its staleness bound, its legs are marked stale in the grid", async () => {
    const sim = host.simulator!;
    const venue = sim.venues.includes('bybit') ? 'bybit' : sim.venues[0];
    const column = await monitor.columnIndex(new RegExp(`^${venue === 'bybit' ? 'Bybit' : '.'}`));
    const staleMarks = monitor.grid.locator(`[role=gridcell][aria-colindex="${column}"] [aria-label="stale"]`);
    await expect.poll(() => staleMarks.count(), { timeout: 100_000, interval: 2_000 }).toBeGreaterThan(0);
    await screenshot(page, 'e2e-stale-legs');
    sim.faults.setDown(venue, false);
  });

  it('no page errors were raised along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('access to the host', () => {
  it('a WebSocket without the token is refused', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('the host accepted a WebSocket without a token')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
  });

  it('a page opened without the token shows it cannot connect and shows no market data', async () => {
    const stranger = await session.browser.newContext();
    const p = await stranger.newPage();
    await p.goto(`http://127.0.0.1:${host.port}/`);
    await p.getByText(/disconnected/).waitFor({ timeout: 20_000 });
    expect(await p.getByRole('row').count()).toBe(0);
    await screenshot(p, 'e2e-no-token');
    await stranger.close();
  });
});
