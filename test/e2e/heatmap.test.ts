/**
 * The heatmap screen in Chromium against the demo host (docs/screens.md, "Heatmap"): live rates
 * by asset × venue, funding accumulated from the store after an import, and the week by 8-h bucket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';

let session: DemoSession;
let page: Page;
let pageErrors: string[];

const HOUR = 3_600_000;

beforeAll(async () => {
  session = await openDemoSession({ name: 'heatmap', viewport: { width: 1600, height: 900 } });
  ({ page, pageErrors } = session);
  await page.getByRole('grid', { name: /Funding monitor/ }).waitFor({ timeout: 60_000 });
});
afterAll(() => session?.close());

/** A week of 8-h settlements of an asset the demo does not list, 0.05 % each, ending at the last 8-h boundary. */
function recentFundingCsv(): string {
  const last = Math.floor(Date.now() / (8 * HOUR)) * 8 * HOUR;
  const lines = ['venue,symbol,time,rate,interval_hours'];
  for (let k = 0; k < 21; k++) lines.push(`okx,ZZHEAT/USDT:USDT,${new Date(last - k * 8 * HOUR).toISOString()},0.0005,8`);
  return lines.join('\n');
}

describe('the heatmap in Chromium against the demo host', () => {
  it('h opens asset × venue live rates per 8 h, every cell labelled with its figure and unit', async () => {
    await page.keyboard.press('h');
    const view = page.getByRole('region', { name: 'Heatmap' });
    const table = view.getByRole('table', { name: /asset by venue: % \/8h, live/ });
    await table.waitFor({ timeout: 30_000 });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['Asset', 'Binance', 'OKX', 'Hyperliquid']));
    const first = table.locator('td.hm-cell:not(.empty)').first();
    expect(await first.getAttribute('aria-label')).toMatch(/^[A-Z0-9]+ on [A-Za-z ]+: [+−]?\d\.\d{4}% \(% \/8h, live\)$/);
    await screenshot(page, 'heatmap-live');
    expect(pageErrors).toEqual([]);
  });

  it('after an import, accumulated 7 d counts every stored settlement of the week, and the timeline shows each 8-h bucket', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Import funding history file').first().setInputFiles({ name: 'recent.csv', mimeType: 'text/csv', buffer: Buffer.from(recentFundingCsv()) });
    await page.getByText(/recent\.csv: 21 rows imported, 0 lines rejected/).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Heatmap', exact: true }).click();
    const view = page.getByRole('region', { name: 'Heatmap' });
    await view.getByRole('radio', { name: /^Accumulated 7 d/ }).check();
    await view.getByRole('button', { name: 'Read accumulated funding again' }).click();
    await view.getByLabel('Filter assets').fill('ZZHEAT');
    const cell = view.getByRole('table', { name: /asset by venue: % summed over 7 d/ }).getByRole('cell', { name: /^ZZHEAT on OKX/ });
    await cell.waitFor({ timeout: 30_000 });
    expect(await cell.getAttribute('aria-label')).toBe('ZZHEAT on OKX: +1.0500% (% summed over 7 d, 21 of 21 settlements)');
    expect(await cell.textContent()).toBe('+1.050');
    await view.getByRole('radio', { name: /^Over time/ }).check();
    const ticks = view.getByRole('table', { name: /asset by time/ }).getByRole('row', { name: /ZZHEAT/ }).getByRole('cell');
    const labels = await ticks.evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label') ?? ''));
    expect(labels).toHaveLength(21);
    // Every bucket but the running one holds one 0.05 % settlement.
    expect(labels.filter((l) => l.endsWith(': +0.0500% /8h')).length).toBeGreaterThanOrEqual(20);
    await screenshot(page, 'heatmap-time');
    expect(pageErrors).toEqual([]);
  });
});
