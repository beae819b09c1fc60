/**
 * The heatmap screen in Chromium against the demo host (docs/screens.md, "Heatmap"): live rates
 * by asset × venue, funding accumulated from the store after an import, and the week by 8-h bucket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { MonitorPage, parsePct } from './monitorPage.ts';
import { screenshot } from './browser.ts';

let session: DemoSession;
let page: Page;
let pageErrors: string[];

const HOUR = 3_600_000;

beforeAll(async () => {
  session = await openDemoSession({ name: 'heatmap', viewport: { width: 1920, height: 1000 } });
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

/** A week of BTC settlements on every demo venue, each venue at its own rate, so a pair's week differs from zero. */
function btcWeekCsv(): string {
  const last = Math.floor(Date.now() / (8 * HOUR)) * 8 * HOUR;
  const venues: Array<[string, string]> = [['binanceusdm', 'BTC/USDT:USDT'], ['bybit', 'BTC/USDT:USDT'], ['okx', 'BTC/USDT:USDT'], ['bitget', 'BTC/USDT:USDT'],
    ['gate', 'BTC/USDT:USDT'], ['hyperliquid', 'BTC/USDC:USDC'], ['aster', 'BTC/USDT:USDT'], ['kucoinfutures', 'BTC/USDT:USDT']];
  const lines = ['venue,symbol,time,rate,interval_hours'];
  venues.forEach(([venue, symbol], i) => {
    for (let k = 0; k < 21; k++) lines.push(`${venue},${symbol},${new Date(last - k * 8 * HOUR).toISOString()},${(0.00005 * (i + 1)).toFixed(5)},8`);
  });
  return lines.join('\n');
}

async function openScreen(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
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

  it("the monitor's Paid 7d for BTC's best pair is the heatmap's 7-d short cell less its long cell", async () => {
    await openScreen('Settings');
    await page.getByLabel('Import funding history file').first().setInputFiles({ name: 'btc.csv', mimeType: 'text/csv', buffer: Buffer.from(btcWeekCsv()) });
    const imported = page.getByText(/^btc\.csv: /);
    await imported.waitFor({ timeout: 60_000 });
    expect(await imported.textContent()).toBe('btc.csv: 168 rows imported, 0 lines rejected.');
    await openScreen('Heatmap');
    const view = page.getByRole('region', { name: 'Heatmap' });
    await view.getByRole('radio', { name: /^Accumulated 7 d/ }).check();
    await view.getByRole('button', { name: 'Read accumulated funding again' }).click();
    await openScreen('Monitor');
    await page.getByText(/^Columns/).click();
    await page.getByRole('group', { name: 'Monitor columns' }).getByRole('checkbox', { name: /^Paid 7d/ }).check();
    await page.getByText(/^Columns/).click();
    const monitor = new MonitorPage(page);
    const paidColumn = await monitor.columnIndex(/^Paid 7d/);
    await page.getByLabel('Search assets').fill('BTC');
    const row = monitor.grid.locator('#monitor-row-BTC');
    const paid = row.locator(`[role=gridcell][aria-colindex="${paidColumn}"] [aria-label]`).first();
    await paid.waitFor({ timeout: 30_000 });
    const label = (await paid.getAttribute('aria-label'))!;
    expect(label).toMatch(/^Collected by the best pair \(short − long\), % of one leg notional: 1 d [+−]?\d\.\d{3}% \(\d+ of \d+ settlements\), 7 d [+−]?\d\.\d{3}% \(\d+ of \d+ settlements\), 30 d /);
    const week = parsePct(/7 d ([+−]?\d\.\d{3}%)/.exec(label)![1])!;
    const venueOf = async (role: 'long' | 'short') => {
      const column = await row.locator(`[role=gridcell]:has([title$="— ${role} leg"])`).first().getAttribute('aria-colindex');
      return (await monitor.grid.locator(`[role=columnheader][aria-colindex="${column}"]`).textContent())!.replace(/%.*$/, '').trim();
    };
    const [longVenue, shortVenue] = [await venueOf('long'), await venueOf('short')];
    await openScreen('Heatmap');
    await view.getByRole('radio', { name: /^Accumulated 7 d/ }).check();
    await view.getByLabel('Filter assets').fill('BTC');
    const table = view.getByRole('table', { name: /asset by venue: % summed over 7 d/ });
    const cellOf = async (venue: string) => parsePct((await table.getByRole('cell', { name: new RegExp(`^BTC on ${venue}: `) }).getAttribute('aria-label'))!)!;
    expect(week).toBeCloseTo((await cellOf(shortVenue)) - (await cellOf(longVenue)), 2);
    expect(Math.abs(week)).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
  it('the measure, the rows and the filter stay when the trader leaves the screen and comes back; the measure and rows survive a reload, the filter does not', async () => {
    await openScreen('Heatmap');
    const view = page.getByRole('region', { name: 'Heatmap' });
    await view.getByRole('radio', { name: /^Accumulated 30 d/ }).check();
    await view.getByLabel('Rows shown').selectOption('100');
    await view.getByLabel('Filter assets').fill('BTC');
    await openScreen('Monitor');
    await page.getByRole('grid', { name: /Funding monitor/ }).waitFor();
    await page.keyboard.press('h');
    expect(await view.getByRole('radio', { name: /^Accumulated 30 d/ }).isChecked()).toBe(true);
    expect(await view.getByLabel('Rows shown').inputValue()).toBe('100');
    expect(await view.getByLabel('Filter assets').inputValue()).toBe('BTC');
    await view.getByRole('table', { name: /asset by venue: % summed over 30 d/ }).waitFor();
    await page.reload();
    await openScreen('Heatmap');
    expect(await view.getByRole('radio', { name: /^Accumulated 30 d/ }).isChecked()).toBe(true);
    expect(await view.getByLabel('Rows shown').inputValue()).toBe('100');
    expect(await view.getByLabel('Filter assets').inputValue()).toBe('');
    expect(pageErrors).toEqual([]);
  });
});
