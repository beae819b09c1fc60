import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, screenshot } from './browser.ts';
import { useDemoHost } from './demoSession.ts';
import { clippedCells, inViewport, sidewaysScrollers } from './layout.ts';
import { assetOf, MonitorPage } from './monitorPage.ts';
import type { VenueId } from '../../shared/domain/venues.ts';

const demo = useDemoHost('ticket');

const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 1600, height: 900 }] as const;

describe.each(VIEWPORTS)('the order ticket on one screen at $width×$height', (viewport) => {
  let page: Page;
  let pageErrors: string[];
  let base: string;
  const ticket = () => page.getByRole('region', { name: /^Order ticket / });
  const submit = () => ticket().getByRole('button', { name: 'Submit ticket' });
  const name = `${viewport.width}x${viewport.height}`;

  beforeAll(async () => {
    page = await (await demo.browser().newContext({ viewport })).newPage();
    pageErrors = collectPageErrors(page);
    await page.goto(demo.host().url);
  });

  it('by keyboard: / and a triggered asset, ↓ into the rows, t opens its ticket', async () => {
    const monitor = new MonitorPage(page);
    await monitor.dataRows().first().waitFor({ timeout: 60_000 });
    const triggered = monitor.dataRows().filter({ hasText: '●TRIG' }).first();
    await expect.poll(() => triggered.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    base = await assetOf(triggered);
    await page.keyboard.press('/');
    await page.keyboard.type(base);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('t');
    await ticket().waitFor();
    expect(await ticket().getAttribute('aria-label')).toBe(`Order ticket ${base}`);
    await ticket().getByRole('region', { name: 'Ticket preview' }).waitFor({ timeout: 30_000 });
  });

  it('Submit, the verdict, the preview and the checklist are all in the window without scrolling, nothing cut or scrolling sideways', async () => {
    await ticket().getByRole('region', { name: 'Pre-trade checklist' }).waitFor({ timeout: 30_000 });
    expect(await inViewport(submit())).toBe(true);
    expect(await inViewport(ticket().getByLabel(/^Verdict: /))).toBe(true);
    expect(await inViewport(ticket().getByRole('table', { name: 'Legs' }))).toBe(true);
    expect(await inViewport(page.getByLabel('Max holding (hours)'))).toBe(true);
    expect(await sidewaysScrollers(ticket())).toEqual([]);
    expect(await clippedCells(ticket().getByRole('table', { name: 'Legs' }))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await screenshot(page, `e2e-ticket-${name}`);
  });

  it("a bad field says what is wrong beside it, in the field's unit, and the last good preview stays, greyed", async () => {
    const stop = page.getByLabel('Basis stop (% price gap)');
    await stop.fill('60');
    expect(await stop.getAttribute('aria-invalid')).toBe('true');
    const problem = page.locator(`#${await stop.getAttribute('aria-describedby')}`);
    expect(await problem.textContent()).toBe('at most 50 % price gap');
    const [field, text] = [await stop.boundingBox(), await problem.boundingBox()];
    expect(text!.y - (field!.y + field!.height)).toBeLessThan(20);
    expect(await ticket().textContent()).not.toMatch(/basisStopPct|Too big|expected number/);
    const preview = ticket().getByRole('region', { name: 'Ticket preview' });
    expect(await preview.getByRole('table', { name: 'Legs' }).count()).toBe(1);
    expect(await preview.textContent()).toMatch(/^Out of date: the last good preview/);
    expect(await submit().isDisabled()).toBe(true);
    expect(await ticket().getByLabel(/^Verdict: /).textContent()).toBe('✗ 1 field to fix');
    await screenshot(page, `e2e-ticket-field-error-${name}`);
    await stop.fill('1');
    await expect.poll(() => stop.getAttribute('aria-invalid')).toBeNull();
  });

  it('the max slippage starts at the Settings value, is said wrong beside its field in % beyond the best price, and main\'s checklist holds each leg to it', async () => {
    const max = page.getByLabel('Max slippage (% beyond the best price)');
    expect(await max.inputValue()).toBe('0.5');
    await max.fill('12');
    expect(await max.getAttribute('aria-invalid')).toBe('true');
    const problem = page.locator(`#${await max.getAttribute('aria-describedby')}`);
    expect(await problem.textContent()).toBe('at most 10 % beyond the best price');
    await max.fill('0.3');
    await expect.poll(() => max.getAttribute('aria-invalid')).toBeNull();
    const checklist = ticket().getByRole('region', { name: 'Pre-trade checklist' });
    await expect.poll(() => checklist.textContent(), { timeout: 30_000 }).toContain('Slippage at size within the max (0.30 % beyond the best price)');
  });

  it('a take-profit at or above the current spread, or below 0, is refused beside the field in % /8h; 0 (close when the spread stops paying) is accepted', async () => {
    const takeProfit = page.getByLabel('Take-profit spread (% /8h)');
    await takeProfit.fill('5');
    const problem = () => page.locator(`#${'problem-Takeprofitspread'}`);
    await expect.poll(() => problem().textContent()).toMatch(/^take-profit 5\.0000 % \/8h is at or above the current spread \d+\.\d{4} % \/8h: it would be met at once/);
    await takeProfit.fill('-0.5');
    await expect.poll(() => problem().textContent()).toMatch(/must be at least 0 % \/8h: below 0 the pair would be held while it pays funding/);
    await takeProfit.fill('0');
    await expect.poll(() => problem().count()).toBe(0);
    await takeProfit.fill('0.005');
    await expect.poll(() => problem().count()).toBe(0);
  });

  it("a leg moved to another venue takes that venue's market of the asset, and main prices the new leg", async () => {
    const venue = page.getByLabel('Leg 2 venue');
    const market = page.getByLabel('Leg 2 market');
    const taken = [await venue.inputValue(), await page.getByLabel('Leg 1 venue').inputValue()];
    const listed = await venue.locator('option:not([disabled])').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const next = listed.find((v) => !taken.includes(v));
    expect(next, `${base} is listed on ${listed.join(', ')} only`).toBeDefined();
    await venue.selectOption(next!);
    const options = await market.locator('option').allTextContents();
    expect(options.some((o) => o.includes('no quote now'))).toBe(false);
    expect(options).toContain(await market.inputValue());
    const legs = ticket().getByRole('table', { name: 'Legs' });
    await expect.poll(() => legs.locator('thead th').nth(2).textContent(), { timeout: 30_000 }).toContain(await market.inputValue());
    expect(await ticket().getByRole('alert', { name: 'Preview error' }).count()).toBe(0);
  });

  it.runIf(viewport.width === 1280)('by keyboard to the end: the fields typed, the boxes ticked with Space, Ctrl+Enter submits a hedged pair whose result is in view', async () => {
    const type = async (label: string | RegExp, text: string): Promise<void> => {
      await page.getByLabel(label).focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
    };
    await type('Basis stop (% price gap)', '1');
    await type('Max holding (hours)', '24');
    await type('Leverage (×)', '3');
    const sizeButton = ticket().getByRole('button', { name: /^Use the size the 2 % rule allows/ });
    await sizeButton.waitFor({ timeout: 30_000 });
    const allowed = Number(/: ([\d.]+) /.exec((await sizeButton.getAttribute('aria-label'))!)![1]);
    // Half the allowed size: the other viewport's ticket must not meet the exposure cap.
    await type(/^Quantity \(coins of /, String(+(allowed / 2).toPrecision(6)));
    for (const box of ['I enter before a settlement this position pays', 'I accept costs above the funding expected by the planned exit']) {
      await page.getByLabel(box).focus();
      await page.keyboard.press('Space');
    }
    const override = page.getByLabel('Override reason');
    if (await override.count()) await type('Override reason', 'e2e: trading the spread by hand');
    await expect.poll(() => submit().isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Control+Enter');
    const result = ticket().getByRole('status', { name: 'Submit result' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toMatch(/^HEDGED/);
    expect(await inViewport(result)).toBe(true);
    await screenshot(page, `e2e-ticket-submitted-${name}`);
  });

  it.runIf(viewport.width === 1280)('a reverse carry (Binance spot sold against a perp bought) shows the borrow per leg: % per day, USD to exit, and where the rate came from', async () => {
    // The pair the keyboard test opened holds this asset: the perp is bought where it is not held
    // short, or the terminal would refuse the ticket for netting that leg away (docs/orders.md).
    const held = await demo.host().backend.handlers['positions.list'](undefined);
    const shortVenues = new Set<VenueId>(held.flatMap((pair) => pair.legs.filter((leg) => leg.size < 0).map((leg) => leg.venue)));
    const perpVenue = (['binanceusdm', 'bybit', 'okx', 'gate'] as const).find((venue) => !shortVenues.has(venue))!;
    await page.getByLabel('Trade type').selectOption('perp-spot');
    const spotLeg = ticket().getByRole('group', { name: /\(spot\)$/ });
    const perpLeg = ticket().getByRole('group', { name: /\(perp\)$/ });
    await perpLeg.getByLabel(/venue$/).selectOption(perpVenue);
    await perpLeg.getByLabel(/side$/).selectOption('buy');
    await spotLeg.getByLabel(/venue$/).selectOption('binanceusdm');
    await spotLeg.getByLabel(/side$/).selectOption('sell');
    const legs = ticket().getByRole('table', { name: 'Legs' });
    const borrow = legs.getByRole('row', { name: /^Borrow interest/ });
    await expect.poll(() => borrow.textContent(), { timeout: 30_000 }).toMatch(/\d\.\d{4} % \/day · [\d,.]+ USD to exit (Settings APR|venue)/);
    // Only the spot sell borrows: the perp leg's cell says none.
    expect(await borrow.locator('td').allTextContents()).toHaveLength(2);
    expect((await borrow.locator('td').allTextContents()).filter((cell) => cell === '–')).toHaveLength(1);
    expect(await ticket().getByRole('alert', { name: 'Preview error' }).count()).toBe(0);
  });

  it('no page errors were raised along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
