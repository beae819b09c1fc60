/**
 * The monitor's capacity (docs/screens.md, "Capacity, basis…"; docs/domain.md §4 "Capacity") on
 * the Demo: OI and 24 h volume are the best pair's smaller leg's, Capacity is read from the top
 * ranked pairs' books and shown once a pass has run ("–" with the reason elsewhere), and Min cap
 * and Min vol hide the rows below them. At 1920 px every one of them has room (where
 * they go at narrower widths: test/unit/renderer/monitorColumns.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { MonitorPage, parseUsd } from './monitorPage.ts';

let session: DemoSession;
let page: Page;
let pageErrors: string[];
let monitor: MonitorPage;

async function figures(column: number, rows = 40): Promise<number[]> {
  return (await monitor.cellTexts(column, rows)).map(parseUsd).filter((v): v is number => v !== null);
}

beforeAll(async () => {
  session = await openDemoSession({ name: 'monitor-capacity', viewport: { width: 1920, height: 1000 } });
  ({ page, pageErrors } = session);
  monitor = new MonitorPage(page);
  await monitor.dataRows().first().waitFor({ timeout: 60_000 });
  // Vol 24h starts hidden: the trader turns it on.
  await page.getByText(/^Columns/).click();
  await page.getByRole('group', { name: 'Monitor columns' }).getByRole('checkbox', { name: /^Vol 24h/ }).check();
  await page.getByText(/^Columns/).click();
});
afterAll(() => session?.close());

describe('capacity on the monitor', () => {
  it('OI, Vol 24h and Capacity are USD columns whose tooltips say the smaller leg limits the pair', async () => {
    const header = async (name: RegExp) => monitor.grid.getByRole('columnheader').nth((await monitor.columnIndex(name)) - 1);
    expect(await (await header(/^OIUSD/)).getAttribute('title')).toMatch(/best pair's smaller leg/);
    expect(await (await header(/^Vol 24hUSD/)).getAttribute('title')).toMatch(/best pair's smaller leg/);
    expect(await (await header(/^CapacityUSD/)).getAttribute('title')).toMatch(/from the mid.*the smaller leg's.*top 30 ranked pairs/);
  });

  it('once the books are read the top rows show a figure, right-aligned, with each leg and the age in its tooltip; the others "–" and why', async () => {
    const capacity = await monitor.columnIndex(/^CapacityUSD/);
    await expect.poll(async () => (await figures(capacity, 15)).length, { timeout: 90_000, interval: 1_000 }).toBeGreaterThanOrEqual(5);
    const cells = monitor.dataRows().locator(`[role=gridcell][aria-colindex="${capacity}"]`);
    const withFigure = cells.filter({ hasText: /\d/ }).first();
    expect(await withFigure.getAttribute('class')).toMatch(/\bnumeric\b/);
    expect(await withFigure.locator('span').getAttribute('title')).toMatch(/^max notional before the average fill is 10 bps from the mid\. Long .+ on the asks; short .+ on the bids.*Books read \d+ s ago\.$/);
    // Past the top 30 ranked rows no book is read: sorted by rank, row 40's cell is a dash that says so.
    const dash = cells.filter({ hasText: /^–$/ }).first();
    await dash.waitFor();
    expect(await dash.locator('span').getAttribute('title')).toMatch(/^(Not among the top \d+ ranked pairs|No figure: a leg's book was not read|The best pair changed)/);
  });

  // Min OI has its own test (monitorPairs.test.ts); each filter here gets its own time on a loaded machine.
  it.each([
    { column: /^CapacityUSD/, label: 'Capacity at least, million USD' },
    { column: /^Vol 24hUSD/, label: '24 h volume at least, million USD' },
  ])('$label (labelled, million USD) hides the rows below it, and clearing it brings them back', async ({ column, label }) => {
    const total = await monitor.rowCount();
    const index = await monitor.columnIndex(column);
    const values = (await figures(index)).sort((a, b) => a - b);
    expect(values.length).toBeGreaterThan(3);
    const threshold = values[Math.floor(values.length / 2)];
    const box = page.getByLabel(label);
    await box.fill(String(threshold / 1e6));
    await expect.poll(() => monitor.rowCount()).toBeLessThan(total);
    const kept = (await monitor.cellTexts(index, 40)).map(parseUsd);
    // The cells round to three figures: compare against the threshold less that rounding.
    expect(kept.every((v) => v !== null && v >= threshold * 0.99)).toBe(true);
    await box.fill('');
    await expect.poll(() => monitor.rowCount()).toBe(total);
  });

  it('no page errors were raised along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
