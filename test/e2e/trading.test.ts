import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Host } from '../../electron/host/server.ts';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';
import { MonitorPage } from './monitorPage.ts';

let session: DemoSession;
let host: Host;
let page: Page;
let pageErrors: string[];
let monitor: MonitorPage;
let base: string;

beforeAll(async () => {
  session = await openDemoSession({ name: 'trading', viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  ({ host, page, pageErrors } = session);
  monitor = new MonitorPage(page);
});
afterAll(() => session?.close());

const ticket = () => page.getByRole('region', { name: /^Order ticket / });
const checklistState = () => ticket().getByRole('status', { name: /^Checklist / });

/** What a trader types to make the checklist pass: stop, exits, leverage, the 2 % size, acknowledgements. */
async function fillPassingTicket(): Promise<void> {
  await page.getByLabel('Basis stop (% price gap)').fill('1');
  await page.getByLabel('Take-profit spread (% /8h)').fill('0.005');
  await page.getByLabel('Max holding (hours)').fill('24');
  await page.getByLabel('Leverage (×)').fill('3');
  const sizeButton = ticket().getByRole('button', { name: /^Use the size the 2 % rule allows/ });
  await sizeButton.waitFor({ timeout: 30_000 });
  await sizeButton.click();
  expect(Number(await page.getByLabel(/^Quantity \(coins of /).inputValue())).toBeGreaterThan(0);
  await page.getByLabel('I enter before a settlement this position pays').check();
  await page.getByLabel('I accept costs above the funding expected by the planned exit').check();
  const override = page.getByLabel('Override reason');
  if (await override.count()) await override.fill('e2e: sector overlay contradicts; trading the spread by hand');
  await expect.poll(() => checklistState().getAttribute('aria-label'), { timeout: 30_000 }).toBe('Checklist passes').catch(async (error: unknown) => {
    // Which item blocks depends on the row the simulator ranks first: name it in the failure.
    const items = await ticket().getByRole('region', { name: 'Pre-trade checklist' }).getByRole('listitem').allTextContents();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nchecklist for ${base}:\n${items.join('\n')}`);
  });
  await expect.poll(() => ticket().getByRole('button', { name: 'Submit ticket' }).isEnabled(), { timeout: 10_000 }).toBe(true);
}

async function submitHedged(): Promise<void> {
  await ticket().getByRole('button', { name: 'Submit ticket' }).click();
  const result = ticket().getByRole('status', { name: 'Submit result' });
  await result.waitFor({ timeout: 60_000 });
  expect(await result.textContent()).toMatch(/^HEDGED/);
}

const exposure = () => page.getByRole('region', { name: 'Positions' }).getByRole('status', { name: 'Exposure state' });

describe('from a triggered monitor row to a hedged pair and back to flat, in Chromium against the demo host', () => {
  it('t on a triggered row opens the ticket prefilled long the low venue, short the high one', async () => {
    const triggered = await monitor.firstTriggered();
    base = triggered.base;
    await triggered.row.click();
    await page.keyboard.press('t');
    await ticket().waitFor();
    expect(await ticket().getAttribute('aria-label')).toBe(`Order ticket ${base}`);
    expect(await page.getByLabel('Leg 1 side').inputValue()).toBe('buy');
    expect(await page.getByLabel('Leg 2 side').inputValue()).toBe('sell');
    expect(await page.getByLabel('Leg 1 venue').inputValue()).not.toBe(await page.getByLabel('Leg 2 venue').inputValue());
  });

  it('without a stop or exits the checklist blocks, names the missing items, and Submit stays disabled', async () => {
    await expect.poll(() => checklistState().getAttribute('aria-label'), { timeout: 30_000 }).toMatch(/^Checklist blocks: \d+ failing$/);
    const items = ticket().getByRole('region', { name: 'Pre-trade checklist' }).getByRole('listitem');
    expect(await items.count()).toBeGreaterThanOrEqual(12);
    const checklist = ticket().getByRole('region', { name: 'Pre-trade checklist' });
    expect(await checklist.getByRole('listitem', { name: /^Basis risk assessed and a basis stop set: ✎ needs you$/ }).count()).toBe(1);
    expect(await checklist.getByRole('listitem', { name: /^Profit target and maximum holding period set: ✎ needs you$/ }).count()).toBe(1);
    expect(await ticket().getByRole('button', { name: 'Submit ticket' }).isDisabled()).toBe(true);
    const preview = ticket().getByRole('region', { name: 'Ticket preview' });
    const legs = preview.getByRole('table', { name: 'Legs' });
    // Legs are the table's columns (after the figure names), figures its rows.
    expect(await legs.getByRole('columnheader').count()).toBe(3);
    // Every simulated venue gives a lot step: each leg shows it, with the rule in its tooltip.
    const lots = legs.locator('tbody td[title^="quantities in steps of"]');
    expect(await lots.count()).toBe(2);
    expect(await lots.first().textContent()).toMatch(/^\d+(\.\d+)?(e-\d+)?( min \d)?/);
    expect(await preview.textContent()).toMatch(/USD/);
    await screenshot(page, 'e2e-ticket-blocked');
  });

  it('with a stop, exits, the 2 % size and the acknowledgements the checklist passes and Submit unlocks', async () => {
    await fillPassingTicket();
    // The stops close by default, take-profit and holding alert; each choice is a named box.
    const box = (name: string) => ticket().getByRole('checkbox', { name });
    expect(await box('Basis stop closes the pair automatically').isChecked()).toBe(true);
    expect(await box('Maximum-loss stop closes the pair automatically').isChecked()).toBe(true);
    expect(await box('Take-profit closes the pair automatically').isChecked()).toBe(false);
    expect(await box('Maximum holding closes the pair automatically').isChecked()).toBe(false);
    expect(await ticket().getByRole('region', { name: 'Ticket preview' }).textContent()).toMatch(/Max-loss stop−[\d,.]+ USD net \(2 % rule\)/);
    // Opting out of the basis stop's close: the checklist says the loss at the stop is not enforced.
    const risk = ticket().getByRole('region', { name: 'Pre-trade checklist' }).getByRole('listitem', { name: /^Risk at the stop/ });
    await box('Basis stop closes the pair automatically').uncheck();
    expect(await ticket().getByText('alert only: the loss at the stop is not enforced').count()).toBe(1);
    await expect.poll(() => risk.textContent(), { timeout: 30_000 }).toMatch(/not enforced: the basis stop alerts only/);
    expect(await risk.getAttribute('aria-label')).toMatch(/: ! warn$/);
    await box('Basis stop closes the pair automatically').check();
    await expect.poll(() => risk.textContent(), { timeout: 30_000 }).toMatch(/max-loss stop at −\$[\d.]+ \(the 2 % rule\) closes the pair automatically$/);
    await expect.poll(() => checklistState().getAttribute('aria-label'), { timeout: 30_000 }).toBe('Checklist passes');
    await screenshot(page, 'e2e-ticket-passing');
  });

  it('submitting shows the hedged result, and the pair appears on the positions screen with both legs', async () => {
    await submitHedged();
    await screenshot(page, 'e2e-ticket-submitted');
    await ticket().getByRole('button', { name: 'Show positions' }).click();
    const positions = page.getByRole('region', { name: 'Positions' });
    await expect.poll(() => exposure().textContent(), { timeout: 30_000 }).toMatch(/1 live pair/);
    const open = positions.getByRole('table', { name: 'Open pairs' });
    const pairBlock = open.getByRole('rowgroup', { name: /^Pair .* open$/ });
    await pairBlock.waitFor();
    // the pair's head row, one row per leg, then its armed exits with their distance from firing
    expect(await pairBlock.getByRole('row').count()).toBe(4);
    const exits = pairBlock.getByRole('list', { name: /^Exits of pair / }).getByRole('listitem');
    expect(await exits.allTextContents()).toEqual([
      expect.stringMatching(/^Basis stop: basis moved −?\d+\.\d\d % against \/ stop 1\.00 % · closes$/),
      expect.stringMatching(/^Max loss: net −?[\d,.]+ USD \/ limit −[\d,.]+ USD · closes$/),
      expect.stringMatching(/^Take-profit: spread .*% \/8h \/ target ≤ \+0\.0050% · alerts/),
      expect.stringMatching(/^Max holding: held 0\.\d h \/ 24\.0 h · alerts$/),
    ]);
    expect(await pairBlock.textContent()).toContain(base);
    // The head row carries the pair's figures in the leg columns: its fees are the legs' summed.
    const usd = (text: string | null) => Number((text ?? '').replace(/,/g, '').replace('−', '-').replace(' USD', ''));
    const fees = await pairBlock.getByRole('row').evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[row.querySelector('th[scope=rowgroup]') ? 2 : 5]?.textContent ?? null));
    expect(usd(fees[0])).toBeLessThan(0);
    expect(usd(fees[0])).toBeCloseTo(usd(fees[1]) + usd(fees[2]), 1);
    // the status bar counts it on every screen, and nothing is flagged unhedged
    await page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('button', { name: '1 live pair, all hedged; open Positions' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: /^UNHEDGED/ }).count()).toBe(0);
    await screenshot(page, 'e2e-positions-open');
  });

  it('Close pair, confirmed once, closes both legs: the screen is flat and the pair is listed as closed', async () => {
    const positions = page.getByRole('region', { name: 'Positions' });
    await positions.getByRole('button', { name: /^Close pair / }).click();
    await page.getByRole('alertdialog', { name: /^Close pair .*\?$/ }).getByRole('button', { name: 'Close pair' }).click();
    await positions.getByRole('status', { name: 'Close result' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => exposure().textContent(), { timeout: 30_000 }).toMatch(/^FLAT/);
    await positions.getByText('Closed and failed pairs (1)').click();
    expect(await positions.getByRole('table', { name: 'Closed pairs' }).getByRole('rowgroup', { name: /^Pair .* closed$/ }).count()).toBe(1);
  });

  it('a second pair opened from the Trade button of the monitor is hedged too', async () => {
    await page.keyboard.press('1');
    const row = monitor.dataRows().filter({ hasText: '●TRIG' }).first();
    await row.click();
    await page.getByRole('button', { name: /^Trade [A-Z0-9]+ \(t\)$/ }).click();
    await ticket().waitFor();
    await fillPassingTicket();
    await submitHedged();
    await ticket().getByRole('button', { name: 'Show positions' }).click();
    await expect.poll(() => exposure().textContent(), { timeout: 30_000 }).toMatch(/1 live pair/);
  });

  it('the kill switch, confirmed by a second press of its hotkey, leaves the positions screen flat and trading HALTED', async () => {
    await page.getByRole('button', { name: 'Kill switch' }).click();
    await page.getByRole('alertdialog', { name: 'Engage the kill switch?' }).waitFor();
    await page.keyboard.press('Control+Shift+K');
    const report = page.getByRole('status', { name: 'Kill switch report' });
    await report.waitFor({ timeout: 60_000 });
    await screenshot(page, 'e2e-kill-report');
    expect(await report.textContent()).not.toContain('NOT FLAT');
    await expect.poll(() => page.getByLabel(/^Trading state /).getAttribute('aria-label')).toBe('Trading state HALTED');
    await expect.poll(() => exposure().textContent(), { timeout: 30_000 }).toMatch(/^FLAT/);
    await screenshot(page, 'e2e-positions-flat-halted');
  });

  it('a restart over the same data dir comes back HALTED and says so in the status bar', async () => {
    await page.goto('about:blank'); // the terminal closed first, so it does not retry its link to the stopped host
    host = await session.restartHost();
    await page.goto(host.url);
    const restored = page.getByRole('status', { name: 'Restored from the last run' });
    await expect.poll(() => restored.textContent(), { timeout: 30_000 })
      .toMatch(/^HALTED since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(kill switch pressed in the terminal\) — restored at start$/);
    expect(await page.getByLabel(/^Trading state /).getAttribute('aria-label')).toBe('Trading state HALTED');
    await screenshot(page, 'e2e-restored-halted');
  });

  it('the journal lists the intent and orders of the pair, and exports them as CSV', async () => {
    await page.keyboard.press('8');
    const journal = page.getByRole('region', { name: 'Journal' });
    const table = journal.getByRole('table', { name: 'Journal by pair, latest first' });
    await table.waitFor({ timeout: 30_000 });
    // One line per pair with its net PnL and local times; expanded, its entries.
    const pairs = table.getByRole('rowgroup', { name: /^Pair / });
    expect(await pairs.count()).toBe(2);
    const head = pairs.first().locator('tr.pair-head');
    expect(await head.locator('td').first().textContent()).toMatch(/^−?[\d,]+\.\d{2,4} USD$/);
    expect(await head.locator('th').textContent()).toMatch(/▲ .* \/ ▼ .* \d{4}-\d\d-\d\d \d\d:\d\d:\d\d → \d{4}-\d\d-\d\d \d\d:\d\d:\d\d · \d+ entries$/);
    await pairs.first().getByRole('button', { name: /^Show the \d+ entries of / }).click();
    const kinds = await pairs.first().locator('tr:not(.pair-head) td:nth-child(3)').allTextContents();
    expect(kinds).toContain('intent');
    expect(kinds.some((k) => k.startsWith('order'))).toBe(true);
    const download = page.waitForEvent('download');
    await journal.getByRole('button', { name: 'Export CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^journal-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^seq,time,kind,pairId,venue,symbol,clientOrderId,data\./);
    expect(csv).not.toContain('{');
    await screenshot(page, 'e2e-journal');
  });

  it('a key stored in Settings is listed by venue, label and last 4 characters; the secret is nowhere in the page', async () => {
    const secret = 'e2e-SECRET-value-0123456789';
    await page.keyboard.press('5');
    const keys = page.getByRole('region', { name: 'API keys' });
    const passphrase = keys.getByLabel(/^(New vault passphrase|Vault passphrase)$/);
    await expect.poll(async () => (await passphrase.count()) + (await keys.getByRole('form', { name: 'Add an API key' }).count()), { timeout: 10_000 }).toBeGreaterThan(0);
    if (await passphrase.count()) {
      await passphrase.fill('correct horse battery staple');
      const confirm = keys.getByLabel('Confirm vault passphrase');
      if (await confirm.count()) await confirm.fill('correct horse battery staple');
      await keys.getByRole('button', { name: /(Create|Unlock) vault/ }).click();
    }
    const form = keys.getByRole('form', { name: 'Add an API key' });
    await form.getByLabel('Key venue').selectOption('okx');
    await form.getByLabel('Key label').fill('desk');
    await form.getByLabel('API key').fill('e2e-apikey-WXYZ');
    await form.getByLabel('API secret').fill(secret);
    await form.getByLabel('OKX API passphrase').fill('okx-pass-e2e');
    expect(await form.getByLabel('API secret').getAttribute('type')).toBe('password');
    await form.getByRole('button', { name: 'Store key' }).click();
    const row = keys.getByRole('table', { name: 'Stored keys' }).getByRole('row').filter({ hasText: 'desk' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('…WXYZ');
    expect(await form.getByLabel('API secret').inputValue()).toBe('');
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain('okx-pass-e2e');
    // A wallet venue's fields ask for what it signs with: the wallet's address and its private key.
    await form.getByLabel('Key venue').selectOption('aster');
    expect(await form.getByLabel('Wallet address').count()).toBe(1);
    expect(await form.getByLabel('Wallet private key').getAttribute('type')).toBe('password');
    await screenshot(page, 'e2e-keys');
  });

  it('the page logged no error along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
