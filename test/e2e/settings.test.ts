import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import type { Pair } from '../../shared/domain/orders.ts';
import type { Host } from '../../electron/host/server.ts';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';

let session: DemoSession;
let host: Host;
let page: Page;
let pageErrors: string[];
/** The page's side of its link to the host: the test can push a stream frame the demo cannot produce on demand. */
let link: WebSocketRoute | null = null;

beforeAll(async () => {
  session = await openDemoSession({ name: 'settings', viewport: { width: 1600, height: 900 }, beforeOpen: (_host, opened) => opened.routeWebSocket(/./, (ws) => {
    ws.connectToServer();
    link = ws;
  }) });
  ({ host, page, pageErrors } = session);
  await page.getByRole('grid', { name: /Funding monitor/ }).waitFor({ timeout: 60_000 });
});
afterAll(() => session?.close());

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

  it('a taker fee typed without a maker fee is saved, the maker left blank for the venue default; the fees in force say their source', async () => {
    await page.keyboard.press('5');
    await page.getByLabel('Bybit taker').fill('0.04');
    await page.getByLabel('Bybit maker').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Settings saved/).waitFor();
    expect(await page.getByLabel('Bybit taker').inputValue()).toBe('0.04');
    expect(await page.getByLabel('Bybit maker').inputValue()).toBe('');
    // Demo reads the simulator account's tier (the venue's lowest here), which outranks what is typed.
    const inForce = page.getByLabel('Bybit fees in force');
    await inForce.getByText(/account \(read \d\d:\d\d UTC\)/).first().waitFor();
    expect(await inForce.textContent()).toContain('taker 0.055 % account (read');
  });

  it('a value the backend refuses is reported in its words and not saved', async () => {
    await page.keyboard.press('5');
    const window = page.getByLabel('Settlement window (minutes)');
    const before = await window.inputValue();
    await window.fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Not saved: settings\.set: windowMinutes/).waitFor();
    // Typed back to the stored value, the form has no unsaved change left.
    await window.fill(before);
    await window.blur();
    expect(await page.getByRole('status', { name: 'Unsaved changes' }).count()).toBe(0);
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

  it('the kill switch asks first ("hotkey, Enter" engages), then halts trading; re-arming asks again and restores it', async () => {
    await page.keyboard.press('1');
    await page.keyboard.press('Control+Shift+K');
    await page.getByRole('alertdialog', { name: 'Engage the kill switch?' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('status', { name: 'Kill switch report' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByLabel(/^Trading state/).textContent()).toBe('HALTED');
    await screenshot(page, 'e2e-kill-switch');
    await page.getByRole('button', { name: 'Re-arm…' }).click();
    await page.getByRole('alertdialog', { name: 'Re-arm trading?' }).getByRole('button', { name: 'Re-arm' }).click();
    await expect.poll(() => page.getByLabel(/^Trading state/).textContent()).toBe('ACTIVE');
  });

  it('Reduce only asks first, shows REDUCING unlike ACTIVE and HALTED, and re-arming restores ACTIVE', async () => {
    await page.keyboard.press('1');
    await page.getByRole('button', { name: 'Reduce only…' }).click();
    await page.getByRole('alertdialog', { name: 'Switch to reduce only?' }).getByRole('button', { name: 'Reduce only' }).click();
    const state = page.getByLabel(/^Trading state/);
    await expect.poll(() => state.textContent()).toBe('REDUCING');
    expect(await page.getByRole('button', { name: 'Reduce only…' }).count()).toBe(0);
    const look = (el: Element) => `${getComputedStyle(el).backgroundColor} ${getComputedStyle(el, '::before').content}`;
    const reducing = await state.evaluate(look);
    await screenshot(page, 'e2e-reducing');
    await page.getByRole('button', { name: 'Re-arm…' }).click();
    await page.getByRole('alertdialog', { name: 'Re-arm trading?' }).getByRole('button', { name: 'Re-arm' }).click();
    await expect.poll(() => state.textContent()).toBe('ACTIVE');
    expect(await state.evaluate(look)).not.toBe(reducing);
  });

  it('an UNHEDGED pair is flagged in the status bar on every screen, and the flag opens Positions', async () => {
    const pair: Pair = {
      pairId: 'e2e-pair-1', ticketId: 'e2e-ticket-1', status: 'unhedged', openedAt: Date.now() - 60_000, closedAt: null,
      alignment: 'neutral', exits: { basisStopPct: 0.01 }, deltaDrift: 0.5, net: -1.25,
      unhedgedReason: 'bybit BTC/USDT:USDT short leg rejected and the unwind failed', exitWatch: [], mismatches: [],
      legs: [{
        venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', size: 0.5, entryPrice: 60_000, markPrice: 59_990, pricePnl: -5, fundingPnl: 0, fees: 1.25,
        net: -6.25, liquidationPrice: null, liquidationDistancePct: null, nextFundingTime: null, nextPayment: null, notionalUsd: 0, leverage: null,
      }],
    };
    expect(link).not.toBeNull();
    await link!.send(JSON.stringify({ kind: 'stream', name: 'positions', payload: [pair] }));
    const flag = page.getByRole('button', { name: /^UNHEDGED: 1 pair \(BTC\); open Positions$/ });
    for (const key of ['1', '2', '5']) {
      await page.keyboard.press(key);
      await flag.waitFor({ timeout: 10_000 });
    }
    await screenshot(page, 'e2e-unhedged-flag');
    await flag.click();
    const positions = page.getByRole('region', { name: 'Positions' });
    await positions.waitFor();
    expect(await positions.textContent()).toContain('e2e-pair-1');
    await link!.send(JSON.stringify({ kind: 'stream', name: 'positions', payload: [] }));
    await expect.poll(() => flag.count()).toBe(0);
  });

  it('risk settings are shown in percent where stored as fractions; a new max risk is saved and read back', async () => {
    await page.keyboard.press('5');
    const risk = page.getByRole('region', { name: 'Risk settings' });
    const maxRisk = risk.getByLabel('Max risk per trade (% of equity at the basis stop)');
    await expect.poll(() => maxRisk.inputValue(), { timeout: 10_000 }).toBe('2');
    expect(await risk.getByLabel('Hedge tolerance (% base mismatch)').inputValue()).toBe('0.5');
    expect(await risk.getByLabel('Rate-chasing level (|% /8h|)').inputValue()).toBe('0.2');
    expect(await risk.getByLabel('Max slippage (% beyond the best price, each leg of a new ticket)').inputValue()).toBe('0.5');
    await maxRisk.fill('1.5');
    await risk.getByLabel('OKX withdrawal fee (USD)').fill('3');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Settings saved/).waitFor();
    // away and back: the section reads risk.get again
    await page.keyboard.press('1');
    await page.keyboard.press('5');
    await expect.poll(() => page.getByLabel('Max risk per trade (% of equity at the basis stop)').inputValue(), { timeout: 10_000 }).toBe('1.5');
    expect(await page.getByLabel('OKX withdrawal fee (USD)').inputValue()).toBe('3');
    await screenshot(page, 'e2e-risk-settings');
  });

  it('a leverage cap the backend refuses is reported in its words; leaving with it unsaved asks, Cancel stays, Discard keeps the stored cap', async () => {
    const risk = page.getByRole('region', { name: 'Risk settings' });
    const cap = risk.getByLabel('Leverage cap (×)');
    const before = await cap.inputValue();
    const marker = page.getByRole('status', { name: 'Unsaved changes' });
    expect(await marker.count()).toBe(0);
    await cap.fill('500');
    expect(await marker.textContent()).toBe('● unsaved changes');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Not saved: risk\.set: leverageCap/).waitFor();
    await page.keyboard.press('1');
    const leave = page.getByRole('alertdialog', { name: 'Leave Settings with unsaved changes?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('region', { name: 'Settings', exact: true }).count()).toBe(1);
    expect(await cap.inputValue()).toBe('500');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Monitor/ }).click();
    await leave.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('grid', { name: /Funding monitor/ }).waitFor();
    await page.keyboard.press('5');
    await expect.poll(() => page.getByLabel('Leverage cap (×)').inputValue(), { timeout: 10_000 }).toBe(before);
    expect(await marker.count()).toBe(0);
  });

  it('Reconcile now compares the journal with the venues and says the outcome in words', async () => {
    const section = page.getByRole('region', { name: 'Reconcile' });
    await section.getByRole('button', { name: 'Reconcile now' }).click();
    const result = section.getByRole('status', { name: 'Reconcile result' });
    await result.waitFor({ timeout: 30_000 });
    // nothing was ever traded here: the journal and the venues agree
    expect(await result.textContent()).toMatch(/^✓ Checked at \d\d:\d\d UTC: the journal matches every connected venue\.$/);
  });

  it('the screen, the sort and the filters come back after a reload; the typed search does not', async () => {
    await page.keyboard.press('1');
    const grid = page.getByRole('grid', { name: /Funding monitor/ });
    const header = grid.getByRole('columnheader', { name: /Spread \(% \/8h\)/ });
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('checkbox', { name: 'Confirmed only' }).check();
    await page.getByRole('searchbox').first().fill('BTC');
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox').first().fill('ETH');
    await grid.focus();
    await page.keyboard.press('4');
    await page.reload();
    await page.getByRole('region', { name: 'Alerts' }).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('1');
    await expect.poll(() => page.getByRole('grid', { name: /Funding monitor/ }).getByRole('columnheader', { name: /Spread \(% \/8h\)/ }).getAttribute('aria-sort')).toBe('descending');
    expect(await page.getByRole('checkbox', { name: 'Confirmed only' }).isChecked()).toBe(true);
    expect(await page.getByRole('searchbox').first().inputValue()).toBe('');
    await page.getByRole('checkbox', { name: 'Confirmed only' }).uncheck();
    await page.getByRole('grid', { name: /Funding monitor/ }).focus();
  });

  it('alert kinds chosen for desktop notifications are saved; an allowed browser notifies the kill switch alerts', async () => {
    await page.keyboard.press('5');
    const box = page.getByRole('group', { name: 'Desktop notifications' });
    const venue = box.getByRole('checkbox', { name: 'Venue health' });
    expect(await venue.isChecked()).toBe(true);
    await venue.click();
    await expect.poll(() => venue.isChecked()).toBe(false);
    await page.keyboard.press('1');
    await page.keyboard.press('5');
    expect(await page.getByRole('group', { name: 'Desktop notifications' }).getByRole('checkbox', { name: 'Venue health' }).isChecked()).toBe(false);

    // The page's Notification API, allowed and recorded, then a kill switch: a trading alert.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('1');
    await page.context().grantPermissions(['notifications'], { origin: new URL(host.url).origin });
    await page.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      class Recorded { static permission = 'granted'; static requestPermission = async () => 'granted'; onclick: unknown = null; constructor(title: string) { shown.push(title); } }
      (window as unknown as { Notification: unknown }).Notification = Recorded;
    });
    await page.reload();
    await page.getByRole('grid', { name: /Funding monitor/ }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Shift+K');
    await page.getByRole('alertdialog', { name: 'Engage the kill switch?' }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel(/^Trading state/).textContent()).toBe('HALTED');
    await expect.poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications.filter((t) => t.includes('trading')).length), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Re-arm…' }).click();
    await page.getByRole('alertdialog', { name: 'Re-arm trading?' }).getByRole('button', { name: 'Re-arm' }).click();
    await expect.poll(() => page.getByLabel(/^Trading state/).textContent()).toBe('ACTIVE');
  });

  it('no page errors were raised along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
