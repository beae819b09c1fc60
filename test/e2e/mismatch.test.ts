/**
 * A venue holding other than approved, on screen (docs/units.md, "Checked at run time"): in
 * Chromium against the demo host, a hedged pair is opened through the contract; the host
 * stops and the journal gains a fill its order answer never showed (the paper account, rebuilt
 * from the fills at start, then holds more on that leg than the pair approved). After the
 * restart the first refresh finds it: MISMATCH in the status bar and on the pair, trading
 * REDUCING, and the restore button, named for the order it sends; taking it brings the venue
 * back within one lot and the flag goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStore } from '../../electron/backend/store/duckdb.ts';
import type { Fill, Order } from '../../shared/domain/orders.ts';
import { VENUES, VENUE_IDS } from '../../shared/domain/venues.ts';
import { deskDriver } from '../integration/trading/deskDriver.ts';
import { collectPageErrors, screenshot } from './browser.ts';
import { startDemoHost, type DemoHost } from './demoSession.ts';

let demo: DemoHost;
let page: Page;
let pageErrors: string[];
let leg: Order;

beforeAll(async () => {
  demo = await startDemoHost({ name: 'mismatch' });
  const desk = deskDriver(() => demo.host.backend, VENUE_IDS, () => demo.host.backend.demo!.simulator.clock.now(), []);
  const receipt = await desk.call('ticket.submit', await desk.btcTicket('e2e-mismatch'));
  expect(receipt.execution.status).toBe('hedged');
  leg = receipt.execution.orders.find((order) => order.side === 'buy')!;
  await demo.restartHost(async (dataDir) => {
    // A fill as large again as the order's answer: the venue holds twice the approved size on this leg.
    const store = await openStore(dataDir);
    const fill: Fill = { venue: leg.venue, symbol: leg.symbol, clientOrderId: leg.clientOrderId, side: 'buy', quantity: leg.filled, price: leg.averagePrice!, fee: 0, time: leg.time };
    await store.journal.append({ kind: 'fill', time: leg.time, pairId: 'e2e-mismatch', venue: leg.venue, symbol: leg.symbol, clientOrderId: leg.clientOrderId, data: fill });
    await store.close();
  });
  page = await (await demo.browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(demo.host.url);
});

afterAll(() => demo?.close());

const flag = () => page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('button', { name: /^MISMATCH: / });

describe('a venue holding more than approved, in Chromium', () => {
  it('the status bar and the pair say MISMATCH, trading is REDUCING, and the restore button names its order', async () => {
    const where = `${VENUES[leg.venue].label} ${leg.symbol}`;
    await flag().waitFor({ timeout: 60_000 });
    expect(await flag().getAttribute('aria-label')).toBe(`MISMATCH: the venue holds other than approved on ${where}; open Positions`);
    await expect.poll(() => page.getByLabel(/^Trading state /).getAttribute('aria-label'), { timeout: 30_000 }).toBe('Trading state REDUCING');
    await flag().click();
    const pairBlock = page.getByRole('region', { name: 'Positions' }).getByRole('rowgroup', { name: /^Pair e2e-mismatch / });
    await pairBlock.waitFor();
    expect(await pairBlock.getByRole('alert').filter({ hasText: 'MISMATCH' }).textContent())
      .toMatch(new RegExp(`^⚠ MISMATCH — ${leg.venue} ${leg.symbol.replace(/[/]/g, '\\/')}: the venue holds long ${leg.filled * 2} BTC, the journal approved long ${leg.filled}`));
    const restore = pairBlock.getByRole('button', { name: `Restore approved size on ${where}: reduce-only sell ${leg.filled}` });
    expect(await restore.count()).toBe(1);
    await screenshot(page, 'e2e-mismatch');
  });

  it('the restore order, confirmed once, brings the venue back within one lot: the flag goes, trading stays REDUCING', async () => {
    const positions = page.getByRole('region', { name: 'Positions' });
    await positions.getByRole('button', { name: /^Restore approved size on / }).click();
    await page.getByRole('alertdialog', { name: /^Restore the approved size on / }).getByRole('button', { name: 'Send reduce-only order' }).click();
    const result = positions.getByRole('status', { name: 'Restore result' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toMatch(/reduce-only sell [\d.]+ sent; the venue holds the approved size again \(within one lot\)$/);
    await expect.poll(() => flag().count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByLabel(/^Trading state /).getAttribute('aria-label')).toBe('Trading state REDUCING');
    await screenshot(page, 'e2e-mismatch-restored');
    expect(pageErrors).toEqual([]);
  });
});
