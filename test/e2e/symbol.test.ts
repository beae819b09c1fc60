import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';
import { assetOf, MonitorPage } from './monitorPage.ts';

let session: DemoSession;
let page: Page;
let pageErrors: string[];
let view: Locator;

/**
 * The chart draws its axes on canvas: every text it draws is recorded, so the test reads the
 * axis labels the trader sees.
 */
function recordCanvasText(): void {
  const texts: string[] = [];
  (window as unknown as { chartTexts: string[] }).chartTexts = texts;
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
    texts.push(text);
    if (texts.length > 5000) texts.splice(0, 2500);
    return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
  };
}

async function chartTexts(): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { chartTexts: string[] }).chartTexts.splice(0));
}

/** Days on show, read from the visible range status ("… (7.0 d)"). */
async function visibleDays(): Promise<number> {
  const text = (await view.getByRole('status', { name: 'Visible time range' }).textContent()) ?? '';
  return Number(/\(([\d.]+) d\)$/.exec(text)?.[1] ?? NaN);
}

beforeAll(async () => {
  session = await openDemoSession({ name: 'symbol', viewport: { width: 1600, height: 900 }, beforeOpen: async (_host, p) => { await p.addInitScript(recordCanvasText); } });
  ({ page, pageErrors } = session);
  const monitor = new MonitorPage(page);
  await monitor.dataRows().first().waitFor({ timeout: 60_000 });
  await monitor.grid.focus();
  await page.keyboard.press('j');
  const base = await assetOf(monitor.grid.locator('[role=row][aria-selected=true]'));
  await page.keyboard.press('Enter');
  view = page.getByRole('region', { name: `Symbol ${base}` });
  await view.waitFor();
});
afterAll(() => session?.close());

describe('the symbol view in Chromium against the demo host', () => {
  it('backfills a symbol without stored history in the background: no click, the chart and analytics fill', async () => {
    // A fresh data folder holds no history: whatever the background backfill adds was missing.
    const status = view.getByText(/^Background backfill: \d+ settlements added\./);
    await status.waitFor({ timeout: 90_000 });
    expect(Number(/(\d+) settlements/.exec((await status.textContent())!)![1])).toBeGreaterThan(10);
    const analytics = view.getByRole('complementary', { name: /History analytics of/ });
    const persistence = analytics.getByRole('table', { name: /Persistence/ });
    await expect.poll(() => persistence.locator('tbody tr').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    // Each venue row names its settlements: more than the one live point.
    const counts = (await persistence.locator('tbody th').allTextContents()).map((t) => Number(/\((\d+)\)$/.exec(t)?.[1]));
    expect(counts.every((n) => n > 10)).toBe(true);
    const legend = view.getByRole('list', { name: 'Chart legend with last values' });
    expect(await legend.textContent()).toMatch(/[+−]?\d\.\d{4}% \/8h predicted/);
  });

  it('the analytics name their units and sample sizes: half-life in hours, persistence as share of time and longest run', async () => {
    const analytics = view.getByRole('complementary', { name: /History analytics of/ });
    expect(await analytics.getByRole('table', { name: /30 day mean and volatility per venue/ }).locator('thead').textContent()).toMatch(/Mean 30 d, % \/8h.*Volatility 30 d, % \/8h.*n/);
    expect(await analytics.textContent()).toMatch(/Spread half-life(\d+\.\d h|\d+\.\d d) \(AR\(1\) φ -?\d\.\d\d, n \d+ on the 8 h grid\)|Spread half-lifenot enough history \(n \d+/);
    const cells = await analytics.getByRole('table', { name: /Persistence/ }).locator('tbody td').allTextContents();
    expect(cells.every((c) => /^\d+ % · \d+\.\d (h|d)$/.test(c))).toBe(true);
  });

  it('live rates stream into the legend while the chart stays the same chart (no re-creation per tick)', async () => {
    const legend = view.getByRole('list', { name: 'Chart legend with last values' });
    await view.locator('canvas').first().evaluate((c) => { c.dataset.first = 'yes'; });
    const before = await legend.textContent();
    await expect.poll(() => legend.textContent(), { timeout: 60_000 }).not.toBe(before);
    expect(await view.locator('canvas[data-first=yes]').count()).toBe(1);
  });

  it('the % axis prints its labels with % and never an exponent', async () => {
    await chartTexts();
    await view.getByRole('img', { name: /Funding history per venue/ }).hover({ position: { x: 300, y: 100 } });
    await expect.poll(async () => (await chartTexts()).filter((t) => /%$/.test(t)).length, { timeout: 20_000 }).toBeGreaterThan(2);
    await view.getByRole('img', { name: /Funding history per venue/ }).hover({ position: { x: 320, y: 140 } });
    const texts = await chartTexts();
    expect(texts.filter((t) => /e[-+]\d/.test(t))).toEqual([]);
    expect(texts.filter((t) => /^[+−]?\d+\.\d{4}%$/.test(t)).length).toBeGreaterThan(0);
  });

  it('range buttons change the visible window; the arrow keys move between them', async () => {
    const ranges = view.getByRole('group', { name: 'Range' });
    await ranges.getByRole('radio', { name: 'Last 7 days' }).check();
    await expect.poll(visibleDays).toBeLessThanOrEqual(7.05);
    expect(await visibleDays()).toBeGreaterThan(6);
    await page.keyboard.press('ArrowRight');
    expect(await ranges.getByRole('radio', { name: 'Last 30 days' }).isChecked()).toBe(true);
    await ranges.getByRole('radio', { name: 'All history' }).check();
    await expect.poll(visibleDays).toBeGreaterThan(25);
  });

  it('a legend checkbox hides its series and shows it again', async () => {
    const chart = view.getByRole('img', { name: /Funding history per venue/ });
    const box = view.getByRole('list', { name: 'Chart legend with last values' }).getByRole('checkbox').first();
    const name = (await box.getAttribute('aria-label'))!.replace(/^Show /, '');
    expect(await chart.getAttribute('aria-label')).toContain(name);
    await box.uncheck();
    await expect.poll(() => chart.getAttribute('aria-label')).not.toContain(name);
    await box.check();
    await expect.poll(() => chart.getAttribute('aria-label')).toContain(name);
    await screenshot(page, 'e2e-symbol-live');
  });

  it('at 1280×800 the chart and the analytics sit side by side without sideways scrolling', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const chart = await view.getByRole('img', { name: /Funding history per venue/ }).boundingBox();
    const analytics = await view.getByRole('complementary', { name: /History analytics of/ }).boundingBox();
    expect(chart!.width).toBeGreaterThan(600);
    expect(analytics!.x).toBeGreaterThanOrEqual(chart!.x + chart!.width);
    expect(analytics!.x + analytics!.width).toBeLessThanOrEqual(1280);
    // The legs come below the chart, not under it (the screen scrolls as one).
    const legs = await view.getByRole('heading', { name: 'Current legs' }).boundingBox();
    expect(legs!.y).toBeGreaterThanOrEqual(chart!.y + chart!.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(page, 'e2e-symbol-1280');
    expect(pageErrors).toEqual([]);
  });
});
