import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHost, type Host } from '../../electron/host/server.ts';
import { collectPageErrors, launchChromium, screenshot } from './browser.ts';

let host: Host;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ft-e2e-settings-'));
  host = await startHost({ port: 0, demo: true, dataDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  pageErrors = collectPageErrors(page);
  await page.goto(host.url);
  await page.getByRole('grid', { name: /Funding monitor/ }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('settings, CSV import and the kill switch in Chromium against the demo host', () => {
  it('a new trigger threshold typed in percent is saved by the backend and shown on the monitor', async () => {
    await page.keyboard.press('5');
    const trigger = page.getByLabel('Trigger spread (% /8h)');
    await trigger.fill('0.08');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Settings saved/).waitFor();
    expect(await trigger.inputValue()).toBe('0.08');
    await page.keyboard.press('1');
    await page.getByText('trigger ≥ +0.080% /8h', { exact: false }).waitFor();
  });

  it('a value the backend refuses is reported in its words and not saved', async () => {
    await page.keyboard.press('5');
    await page.getByLabel('Settlement window (minutes)').fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Not saved: settings\.set: windowMinutes/).waitFor();
  });

  it('a funding CSV with one bad row imports the good row and reports the bad one by line', async () => {
    const csv = ['venue,symbol,time,rate,interval_hours', 'binanceusdm,BTC/USDT:USDT,2026-01-01T00:00:00Z,0.0001,8', 'binanceusdm,BTC/USDT:USDT,2026-01-01T08:00:00Z,abc,8', ''].join('\n');
    await page.getByLabel('Import funding history file').setInputFiles({ name: 'funding.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const result = page.getByRole('region', { name: 'Import funding history' });
    await result.getByText(/funding\.csv: 1 rows imported, 1 lines rejected/).waitFor({ timeout: 30_000 });
    const rejected = result.getByRole('table', { name: 'Import funding history: rejected lines' });
    expect(await rejected.getByRole('cell').first().textContent()).toBe('3');
    await screenshot(page, 'e2e-settings');
  });

  it('the kill switch asks first, then halts trading; re-arming asks again and restores it', async () => {
    await page.keyboard.press('1');
    await page.getByRole('button', { name: 'Kill switch' }).click();
    await page.getByRole('alertdialog', { name: 'Engage the kill switch?' }).getByRole('button', { name: 'Engage kill switch' }).click();
    await page.getByRole('status', { name: 'Kill switch report' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByLabel(/^Trading state/).textContent()).toBe('HALTED');
    await screenshot(page, 'e2e-kill-switch');
    await page.getByRole('button', { name: 'Re-arm…' }).click();
    await page.getByRole('alertdialog', { name: 'Re-arm trading?' }).getByRole('button', { name: 'Re-arm' }).click();
    await expect.poll(() => page.getByLabel(/^Trading state/).textContent()).toBe('ACTIVE');
  });

  it('no page errors were raised along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
