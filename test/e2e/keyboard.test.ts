import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { assetOf, MonitorPage } from './monitorPage.ts';

let session: DemoSession;
let page: Page;
let pageErrors: string[];
let monitor: MonitorPage;

beforeAll(async () => {
  session = await openDemoSession({ name: 'keys', viewport: { width: 1280, height: 800 } });
  ({ page, pageErrors } = session);
  monitor = new MonitorPage(page);
  await monitor.dataRows().first().waitFor({ timeout: 60_000 });
});
afterAll(() => session?.close());

const search = () => page.getByRole('searchbox', { name: 'Search assets' });
const selectedAsset = async (): Promise<string> =>
  assetOf(monitor.grid.locator('[role=row][aria-selected=true]'));
const ticket = () => page.getByRole('region', { name: /^Order ticket / });

describe('keyboard: the trader never needs the mouse between the search box and the ticket', () => {
  it('after a click on a checkbox the row keys still move the cursor (a box is not a text field)', async () => {
    const triggeredOnly = page.getByRole('checkbox', { name: 'Triggered only' });
    await triggeredOnly.check();
    await triggeredOnly.uncheck();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('checkbox');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const assets = await monitor.cellTexts(await monitor.columnIndex(/^Asset/), 2);
    expect(await selectedAsset()).toBe(assets[1]);
  });

  it('/ selects the old query, so the next word replaces it instead of being appended', async () => {
    const assets = await monitor.cellTexts(await monitor.columnIndex(/^Asset/), 3);
    await page.keyboard.press('/');
    await page.keyboard.type(assets[0]);
    await page.keyboard.press('Escape');
    await search().fill(assets[0]);
    await search().blur();
    await page.keyboard.press('/');
    await page.keyboard.type(assets[2]);
    expect(await search().inputValue()).toBe(assets[2]);
  });

  it('↓ in the search box puts the cursor on the first match and j/k work from there', async () => {
    const first = (await monitor.cellTexts(await monitor.columnIndex(/^Asset/), 1))[0];
    await search().press('ArrowDown');
    expect(await selectedAsset()).toBe(first);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
    await search().fill('');
    await monitor.grid.focus();
  });

  it('Enter in the search box opens the first match; t there opens its ticket; Esc keeps the draft typed', async () => {
    const asset = (await monitor.cellTexts(await monitor.columnIndex(/^Asset/), 4))[3];
    await page.keyboard.press('/');
    await page.keyboard.type(asset);
    await expect.poll(async () => (await monitor.cellTexts(await monitor.columnIndex(/^Asset/)))[0]).toBe(asset);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: `Symbol ${asset}` }).waitFor();
    await page.keyboard.press('t');
    await ticket().waitFor();
    expect(await ticket().getAttribute('aria-label')).toBe(`Order ticket ${asset}`);
    await page.getByLabel('Max holding (hours)').fill('36');
    await page.getByRole('checkbox', { name: 'Take-profit closes the pair automatically' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'Monitor' }).waitFor();
    // Back by the navigation button, then by t from the monitor: the same draft both times.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: `Ticket ${asset}` }).click();
    expect(await page.getByLabel('Max holding (hours)').inputValue()).toBe('36');
    await page.keyboard.press('1');
    await page.keyboard.press('t');
    expect(await ticket().getAttribute('aria-label')).toBe(`Order ticket ${asset}`);
    expect(await page.getByLabel('Max holding (hours)').inputValue()).toBe('36');
    expect(await page.getByRole('checkbox', { name: 'Take-profit closes the pair automatically' }).isChecked()).toBe(true);
  });

  it('t from the ticket itself, with a box focused, stays on that ticket', async () => {
    await page.getByRole('checkbox', { name: 'Take-profit closes the pair automatically' }).focus();
    const before = await ticket().getAttribute('aria-label');
    await page.keyboard.press('t');
    expect(await ticket().getAttribute('aria-label')).toBe(before);
  });

  it('no page errors were raised along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
