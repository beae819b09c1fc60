import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { collectPageErrors, screenshot } from './browser.ts';
import { useDemoHost } from './demoSession.ts';
import { clippedCells } from './layout.ts';
import { MonitorPage } from './monitorPage.ts';

const demo = useDemoHost('width');

/**
 * What a funding trader decides on: the venues' rates (four at 1280, six at 1600; a best pair's leg
 * on a venue whose column gave way is named in its Asset cell), the spread, its APR, what the book
 * holds (Capacity, OI) and the price gap, the expected net, break-even, the next settlement, the
 * signal (docs/screens.md, "The monitor fits the window").
 */
const KEY_COLUMNS = [/^#/, /^Asset/, /^Binance/, /^Bybit/, /^OKX/, /^Bitget/, /^Spread% \/8h/, /^SpreadAPR/, /^OIUSD/, /^CapacityUSD/, /^Basis%/, /^Exp\. net/, /^Break-even/, /^Next/, /^Signal/];
const KEY_COLUMNS_1600 = [...KEY_COLUMNS, /^Gate/, /^Hyperliquid/, /^n8-h/];
/** Venue headers read "<venue>% /8h"; the spread's reads "Spread% /8h". */
const venueHeaders = (grid: Locator) => grid.getByRole('columnheader').evaluateAll((hs) => hs.map((h) => h.textContent ?? '').filter((t) => /% \/8h$/.test(t) && !/^Spread/.test(t)));

describe.each([{ width: 1280, height: 800 }, { width: 1600, height: 900 }])('the monitor fits $width×$height', (viewport) => {
  let page: Page;
  let pageErrors: string[];
  let monitor: MonitorPage;

  beforeAll(async () => {
    page = await (await demo.browser().newContext({ viewport })).newPage();
    pageErrors = collectPageErrors(page);
    await page.goto(demo.host().url);
    monitor = new MonitorPage(page);
    await monitor.dataRows().first().waitFor({ timeout: 60_000 });
  });

  it('no cell is cut; every key column is in the window and the grid does not scroll sideways', async () => {
    expect(await clippedCells(monitor.grid)).toEqual([]);
    await screenshot(page, `e2e-monitor-${viewport.width}x${viewport.height}`);
    expect(await venueHeaders(monitor.grid)).toHaveLength(viewport.width < 1600 ? 4 : 6);
    const grid = (await monitor.grid.boundingBox())!;
    expect(grid.x + grid.width).toBeLessThanOrEqual(viewport.width);
    for (const name of viewport.width < 1600 ? KEY_COLUMNS : KEY_COLUMNS_1600) {
      const header = monitor.grid.getByRole('columnheader').nth((await monitor.columnIndex(name)) - 1);
      const box = (await header.boundingBox())!;
      expect(box.x + box.width, `${name} ends inside the grid`).toBeLessThanOrEqual(grid.x + grid.width);
    }
    expect(await monitor.grid.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    // Both legs of every row's best pair stay named: ▲/▼ in a venue column, or in the Asset cell (its tooltip says it in words) when that column gave way.
    const spread = await monitor.columnIndex(/^Spread% \/8h/);
    const rows = await monitor.dataRows().evaluateAll((els, col) => els.filter((r) => /\d/.test(r.querySelector(`[aria-colindex="${col}"]`)?.textContent ?? ''))
      .map((r) => `${r.textContent ?? ''} ${[...r.querySelectorAll('[aria-colindex="2"] [title]')].map((e) => e.getAttribute('title')).join(' ')}`), spread);
    expect(rows.length).toBeGreaterThan(0);
    for (const text of rows) {
      expect(text, text.slice(0, 60)).toMatch(/▲|long on /);
      expect(text, text.slice(0, 60)).toMatch(/▼|short on /);
    }
  });

  it('numbers are right-aligned: the spreads of a column end at the same x', async () => {
    const column = await monitor.columnIndex(/^Spread% \/8h/);
    const ends = await monitor.dataRows().evaluateAll((rows, col) => rows.slice(0, 8).map((r) => {
      const span = r.querySelector(`[aria-colindex="${col}"] .num`)!.getBoundingClientRect();
      return Math.round(span.right);
    }), column);
    expect(new Set(ends).size).toBe(1);
  });

  it('the status bar stays on one line: a compact chip per venue, room for a dozen more, and the kill switch whole in the window', async () => {
    const bar = page.getByRole('contentinfo', { name: 'Status bar' });
    const kill = bar.getByRole('button', { name: /kill switch/i }).first();
    const [barBox, killBox] = [(await bar.boundingBox())!, (await kill.boundingBox())!];
    expect(barBox.height).toBeLessThan(36);
    expect(killBox.height).toBeLessThan(28);
    expect(killBox.x + killBox.width).toBeLessThanOrEqual(viewport.width);
    const { health } = await demo.host().backend.handlers['markets.snapshot'](undefined);
    const chips = bar.getByRole('list', { name: 'Venue health' }).getByRole('listitem');
    expect(await chips.count()).toBe(health.length);
    // Every chip is whole inside its row (none cut by the row's hidden overflow) and named in full.
    const fit = await bar.getByRole('list', { name: 'Venue health' }).evaluate((list) => {
      const row = list.getBoundingClientRect();
      const items = [...list.children].map((li) => li.getBoundingClientRect());
      return { cut: items.filter((r) => r.right > row.right + 0.5 || r.left < row.left - 0.5).length, widest: Math.max(...items.map((r) => r.width)) };
    });
    expect(fit.cut).toBe(0);
    for (const venue of health.map((h) => h.venue)) {
      expect(await chips.and(page.locator(`[data-venue="${venue}"]`)).getAttribute('aria-label')).toMatch(/^\S.* (ok|degraded|down|starting)( stale)?, \d+ errors$/);
    }
    // Room for 13 venues' chips in all (docs/screens.md, "Status bar") before anything has to give.
    const free = await bar.evaluate((footer) => {
      const area = footer.querySelector('.kill-area')!;
      return area.getBoundingClientRect().left - area.previousElementSibling!.getBoundingClientRect().right;
    });
    expect(free, `free ${free} px beside chips of ${fit.widest} px`).toBeGreaterThanOrEqual((13 - health.length) * (fit.widest + 4));
  });

  it("the venue summary names the worst state and opens every venue's figures; Esc closes the list", async () => {
    const bar = page.getByRole('contentinfo', { name: 'Status bar' });
    const summary = bar.getByRole('button', { name: /^Venues: / });
    expect(await summary.getAttribute('aria-label')).toMatch(/\d+ ok$/);
    await summary.click();
    const list = page.getByRole('dialog', { name: 'Venue health details' });
    await list.waitFor();
    const { health } = await demo.host().backend.handlers['markets.snapshot'](undefined);
    expect(await list.locator('tbody tr').count()).toBe(health.length);
    expect(await list.locator('tbody').textContent()).toContain('KuCoin Futures');
    await screenshot(page, `e2e-venue-list-${viewport.width}x${viewport.height}`);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('Columns… hides a column and brings it back; a column with no room says so', async () => {
    await page.getByText(/^Columns/).click();
    const box = page.getByRole('group', { name: 'Monitor columns' }).getByRole('checkbox', { name: /^Spread \(APR\)/ });
    await box.uncheck();
    await expect.poll(() => monitor.columnIndex(/^SpreadAPR/).catch(() => null)).toBeNull();
    await box.check();
    await expect.poll(() => monitor.columnIndex(/^SpreadAPR/).catch(() => null)).not.toBeNull();
    const noRoom = await page.getByRole('group', { name: 'Monitor columns' }).getByText('no room at this width').count();
    if (viewport.width === 1280) expect(noRoom).toBeGreaterThan(0);
    await page.getByText(/^Columns/).click();
  });

  it('venue columns past the room give way before Capacity, OI and Basis; a venue ticked in Columns… shows and the last of the others gives way', async () => {
    if (viewport.width < 1600) return;
    expect(await venueHeaders(monitor.grid)).toHaveLength(6);
    await page.getByText(/^Columns/).click();
    const group = page.getByRole('group', { name: 'Monitor columns' });
    const aster = group.locator('label', { has: page.getByRole('checkbox', { name: /^Aster/ }) });
    expect(await aster.textContent()).toContain('no room at this width');
    expect(await aster.getByRole('checkbox').isChecked()).toBe(false);
    await aster.getByRole('checkbox').check();
    await monitor.grid.getByRole('columnheader', { name: /^Aster/ }).waitFor();
    expect(await group.locator('label', { has: page.getByRole('checkbox', { name: /^Hyperliquid/ }) }).textContent()).toContain('no room at this width');
    expect(await monitor.grid.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await clippedCells(monitor.grid)).toEqual([]);
    await screenshot(page, 'e2e-monitor-1600-aster-chosen');
    // Unticked, it is hidden by hand; Hyperliquid has its room back.
    await aster.getByRole('checkbox').uncheck();
    await monitor.grid.getByRole('columnheader', { name: /^Hyperliquid/ }).waitFor();
    await page.getByText(/^Columns/).click();
  });

  it('no page errors were raised along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
