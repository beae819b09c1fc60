/**
 * Venue choice in Chromium against the demo host (docs/venues.md, "Venue choice"): a venue
 * switched off in Settings leaves the monitor (its column) and the status bar, and the backend
 * stops asking it (the simulator's request log); switched on again, its column comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Host } from '../../electron/host/server.ts';
import { VENUES } from '../../shared/domain/venues.ts';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';
import { clippedCells } from './layout.ts';

let session: DemoSession;
let host: Host;
let page: Page;

beforeAll(async () => {
  session = await openDemoSession({ name: 'venue-choice', viewport: { width: 1600, height: 900 } });
  ({ host, page } = session);
  await page.getByRole('grid', { name: /Funding monitor/ }).waitFor({ timeout: 60_000 });
});
afterAll(() => session?.close());

const header = (label: string) => page.getByRole('grid', { name: /Funding monitor/ }).getByRole('columnheader', { name: new RegExp(`^${label}`) });
/** A venue's row in Settings → Venues, found by its name cell. */
const venueRow = (label: string) => page.getByRole('table', { name: 'Venue connections' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
const bitgetRequests = () => host.backend.demo!.simulator.log.list({ venue: 'bitget' }).length;

describe('switching a venue off in Settings', () => {
  it('removes its monitor column and stops its polls; switched on, the column returns', async () => {
    await header('Bitget').first().waitFor();
    await page.keyboard.press('5');
    const venues = page.getByRole('group', { name: 'Venues' });
    const bitget = venues.getByRole('checkbox', { name: 'Bitget' });
    expect(await bitget.isChecked()).toBe(true);
    // A fresh demo data folder has no vault yet: the key column says so rather than claiming anything.
    await venues.getByText(/^(vault locked|no API key|API key in vault)$/).first().waitFor();
    // Saved at once; the box follows the backend's answer.
    await bitget.click();
    await venues.getByRole('checkbox', { name: 'Bitget', checked: false }).waitFor();
    expect((await host.backend.handlers['settings.get']({} as never)).venuesOff).toEqual(['bitget']);

    const before = bitgetRequests();
    await page.keyboard.press('1');
    await header('Bybit').first().waitFor();
    expect(await header('Bitget').count()).toBe(0);
    expect(await page.getByLabel('Venue health').textContent()).not.toMatch(/Bitget/);
    // Other venues keep answering meanwhile; Bitget is asked nothing more.
    const snapshot = await host.backend.handlers['markets.snapshot']({} as never);
    expect(snapshot.quotes.some((quote) => quote.venue === 'bitget')).toBe(false);
    expect(snapshot.health.map((h) => h.venue)).not.toContain('bitget');
    expect(bitgetRequests()).toBe(before);

    await page.keyboard.press('5');
    await bitget.click();
    await venues.getByRole('checkbox', { name: 'Bitget', checked: true }).waitFor();
    await page.keyboard.press('1');
    await header('Bitget').first().waitFor({ timeout: 30_000 });
  });

  // The eighth and later venue columns give way for room at 1600, BingX's starts hidden (docs/screens.md): ticked in Columns… each shows.
  it.each([['KuCoin Futures', 'kucoinfutures'], ['BingX', 'bingx']] as const)('%s, traded: its column, its status-bar chip with quotes, and in Settings its key state, not "monitoring only"', async (label, venue) => {
    await page.keyboard.press('1');
    await page.getByText(/^Columns/).click();
    const box = page.getByRole('group', { name: 'Monitor columns' }).getByRole('checkbox', { name: new RegExp(`^${label}`) });
    await box.check();
    await page.getByText(/^Columns/).click();
    await header(label).first().waitFor({ timeout: 30_000 });
    expect(await header(label).first().getAttribute('title') ?? '').not.toMatch(/monitoring only/);
    await expect.poll(async () => page.getByLabel('Venue health').textContent(), { timeout: 30_000 }).toMatch(new RegExp(label));
    const snapshot = await host.backend.handlers['markets.snapshot']({} as never);
    expect(snapshot.quotes.filter((quote) => quote.venue === venue).length).toBe(host.backend.demo!.simulator.market.instruments(venue).length);
    await page.keyboard.press('5');
    const row = venueRow(label);
    expect(await row.textContent()).toMatch(/API key in vault|no API key|vault locked/);
    expect(await row.textContent()).not.toContain('monitoring only');
    await page.keyboard.press('1');
  });
  // More than eight venue columns do not fit 1600 px: Paradex's and Lighter's (as BingX's) are off until the trader turns them on (docs/screens.md).
  it.each([['Paradex', 'paradex'], ['Lighter', 'lighter']] as const)('%s, monitored only: every contract quoted and its chip shown while its column starts hidden; Columns… shows it; Settings says it is not tradable', async (label, venue) => {
    await page.keyboard.press('1');
    await expect.poll(async () => page.getByLabel('Venue health').textContent(), { timeout: 30_000 }).toMatch(new RegExp(label));
    const snapshot = await host.backend.handlers['markets.snapshot']({} as never);
    expect(snapshot.quotes.filter((quote) => quote.venue === venue).length).toBe(host.backend.demo!.simulator.market.instruments(venue).length);
    expect(await header(label).count()).toBe(0);
    await page.getByText(/^Columns/).click();
    const box = page.getByRole('group', { name: 'Monitor columns' }).getByRole('checkbox', { name: new RegExp(`^${label}`) });
    await box.check();
    await header(label).first().waitFor();
    await box.uncheck();
    await page.getByText(/^Columns/).click();
    await page.keyboard.press('5');
    const row = venueRow(label);
    expect(await row.textContent()).toContain('monitoring only: not tradable in this build');
    await page.keyboard.press('1');
  });
  it('at 1280 the venue list is a table: each name in its own cell, apart from its switch, key state and trading state, none cut or run together', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      await page.keyboard.press('5');
      const table = page.getByRole('table', { name: 'Venue connections' });
      await table.waitFor();
      expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Venue', 'On', 'API key', 'Trading']);
      const venues = (await host.backend.handlers['app.info']({} as never)).venues;
      for (const venue of venues) {
        const label = VENUES[venue].label;
        const row = venueRow(label);
        const cells = row.getByRole('cell');
        // The name stands alone in its cell, and the switch is named by it.
        expect(await row.getByRole('rowheader').textContent()).toBe(label);
        expect(await row.getByRole('checkbox', { name: label, exact: true }).count()).toBe(1);
        expect(await cells.nth(2).textContent()).toMatch(/^(monitoring only: not tradable in this build|tradable)$/);
        // Laid side by side: the name ends before the switch's cell begins, each cell after the one before.
        const boxes = await row.evaluate((tr) => [...tr.children].map((c) => c.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
        for (let i = 1; i < boxes.length; i++) expect(boxes[i].left, `${label}: cell ${i} starts after cell ${i - 1}`).toBeGreaterThanOrEqual(boxes[i - 1].right - 0.5);
        expect(boxes.at(-1)!.right).toBeLessThanOrEqual(1280);
      }
      expect(await clippedCells(table)).toEqual([]);
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, 'e2e-settings-venues-1280x800');
    } finally {
      await page.keyboard.press('1');
      await page.setViewportSize({ width: 1600, height: 900 });
    }
  });
});
