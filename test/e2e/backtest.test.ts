/**
 * The Backtest panel in Chromium against the demo host: the real BTC slice of
 * ../shared/data/btc-eth-7venues (test/fixtures/backtestSlice.ts) imported through the panel,
 * parameters typed by keyboard, the run through `backtest.run` on the demo host's store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';
import { clippedCells, sidewaysScrollers } from './layout.ts';
import { flatPrices, fundingSlice } from '../fixtures/backtestSlice.ts';

let session: DemoSession;
let page: Page;
let pageErrors: string[];
/** Stream frames named backtestProgress the page received from the host. */
let progressFrames = 0;

beforeAll(async () => {
  session = await openDemoSession({
    name: 'backtest', viewport: { width: 1600, height: 1000 },
    beforeOpen: async (_host, p) => {
      p.on('websocket', (ws) => ws.on('framereceived', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('"name":"backtestProgress"')) progressFrames++;
      }));
    },
  });
  ({ page, pageErrors } = session);
  await page.getByRole('grid', { name: /Funding monitor/ }).waitFor({ timeout: 60_000 });
});
afterAll(() => session?.close());

const panel = () => page.getByRole('region', { name: 'Backtest' });

/** Types over a field's text from the keyboard, as a trader would: select all, type. */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** A USD cell as the table shows it ("1,234.56", "−0.1234") to a number. */
const amount = (text: string): number => Number(text.replaceAll(',', '').replace('−', '-'));

async function columnOf(table: Locator, header: string): Promise<string[]> {
  const heads = await table.locator('thead th').allTextContents();
  const index = heads.indexOf(header);
  expect(index, `column ${header} in ${heads.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return table.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents();
}

describe('the Backtest panel in Chromium against the demo host', () => {
  it('opens on 0 and says how to get history while the store holds no funding', async () => {
    await page.keyboard.press('0');
    const empty = panel().getByRole('status', { name: 'No history to backtest' });
    await empty.waitFor();
    expect(await empty.textContent()).toMatch(/No funding history is stored yet.*Backfill.*import a funding CSV/);
    expect(await panel().getByLabel('Stored history').textContent()).toMatch(/^Stored history: 0 funding settlements;/);
  });

  it('imports the real funding slice and closes through the panel, and then counts them', async () => {
    await panel().getByLabel('Import funding history file').setInputFiles({ name: 'funding.csv', mimeType: 'text/csv', buffer: Buffer.from(fundingSlice()) });
    await panel().getByRole('status', { name: 'Import funding history result' }).getByText(/funding\.csv: \d+ rows imported, 0 lines rejected/).waitFor({ timeout: 60_000 });
    await panel().getByLabel('Import price history file').setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(flatPrices()) });
    await panel().getByRole('status', { name: 'Import price history result' }).getByText(/prices\.csv: \d+ rows imported, 0 lines rejected/).waitFor({ timeout: 60_000 });
    const settlements = fundingSlice().trim().split('\n').length - 1;
    await expect.poll(() => panel().getByLabel('Stored history').textContent()).toContain(`${settlements.toLocaleString('en-US')} funding settlements, 2021-03-10 → 2021-04-19`);
    expect(await panel().getByRole('status', { name: 'No history to backtest' }).count()).toBe(0);
  });

  it('puts a bad field\'s problem beside it and runs nothing', async () => {
    const leverage = panel().getByLabel('Leverage (×)');
    await typeInto(leverage, '200');
    await page.keyboard.press('Enter');
    const problem = panel().getByRole('alert').filter({ hasText: 'at most 125 ×' });
    await problem.waitFor();
    expect(await leverage.getAttribute('aria-invalid')).toBe('true');
    expect(await leverage.getAttribute('aria-describedby')).toBe(await problem.getAttribute('id'));
    expect(await panel().getByRole('table', { name: 'Backtest totals' }).count()).toBe(0);
    await screenshot(page, 'e2e-backtest-field-error');
  });

  it('runs the typed parameters by keyboard: totals equal the sum of the trades, the same trades as the CLI on these files', async () => {
    await typeInto(panel().getByLabel('Trigger (% /8h)'), '0.06');
    // Tab walks the fields in their order on screen: top pairs, notional, leverage, max holding, take-profit, basis stop, max loss, from, to.
    for (const text of ['3', '10000', '3', '72', '0', '1', '', '2021-04-10', '2021-04-19']) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('ControlOrMeta+A');
      if (text) await page.keyboard.type(text);
      else await page.keyboard.press('Delete');
    }
    expect(await panel().getByLabel('Leverage (×)').getAttribute('aria-invalid')).toBeNull();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Run backtest');
    await page.keyboard.press('Enter');
    const totals = panel().getByRole('table', { name: 'Backtest totals' });
    await totals.waitFor({ timeout: 120_000 });
    const trades = panel().getByRole('table', { name: 'Backtest trades' });
    const rows = await trades.locator('tbody tr').count();
    // As backtest.run and `backtest --from 2021-04-10` open them on these files (test/integration/backtest/backtestHandler.test.ts).
    expect(await trades.locator('tbody tr td:first-child').evaluateAll((cells) => cells.map((c) => c.getAttribute('title')))).toEqual(['2021-04-11 08:00 UTC', '2021-04-13 08:00 UTC', '2021-04-16 08:00 UTC']);
    // The two trades docs/domain.md §7 reproduces by hand, to the cent.
    expect((await columnOf(trades, 'Net (USD)')).slice(0, 2)).toEqual(['−26.60', '65.25']);
    expect((await columnOf(trades, 'Funding (USD)')).slice(0, 2)).toEqual(['−3.70', '88.16']);
    expect(Number((await columnOf(totals, 'Trades'))[0])).toBe(rows);
    for (const header of ['Funding (USD)', 'Price PnL (USD)', 'Fees (USD)', 'Slippage (USD)', 'Net (USD)', 'Expected carry (USD)']) {
      const sum = (await columnOf(trades, header)).map(amount).reduce((a, b) => a + b, 0);
      const total = amount((await columnOf(totals, header))[0]);
      // Each shown figure is rounded to the cent: the sum of the rows may differ by half a cent per row.
      expect(Math.abs(total - sum), `${header}: total ${total} vs rows ${sum}`).toBeLessThanOrEqual(0.005 * (rows + 1));
    }
    const wins = (await columnOf(trades, 'Net (USD)')).map(amount).filter((net) => net > 0).length;
    expect((await columnOf(totals, 'Hit rate'))[0]).toBe(`${wins} of ${rows} won (${((wins / rows) * 100).toFixed(1)} %)`);
    expect((await columnOf(trades, 'Exit')).every((exit) => /^(Max holding|Take-profit|Basis stop|Max loss|End of history)$/.test(exit))).toBe(true);
    expect(progressFrames).toBeGreaterThan(0);
    await screenshot(page, 'e2e-backtest-report');
  });

  it('a run the handler refuses is said in words and the last report stays', async () => {
    const totalsBefore = await panel().getByRole('table', { name: 'Backtest totals' }).textContent();
    await typeInto(panel().getByLabel('From (YYYY-MM-DD)'), '2030-01-01');
    await typeInto(panel().getByLabel('To (YYYY-MM-DD)'), '2030-01-02');
    await page.keyboard.press('Enter');
    const failure = panel().getByRole('alert').filter({ hasText: /^The backtest did not run: / });
    await failure.waitFor({ timeout: 60_000 });
    expect(await failure.textContent()).toBe('The backtest did not run: no settlement or price falls between 2030-01-01 00:00 UTC and 2030-01-02 23:59 UTC (--from, --to)');
    expect(await panel().getByRole('table', { name: 'Backtest totals' }).textContent()).toBe(totalsBefore);
  });

  it('fits the report into 1280×800: nothing cut off, nothing scrolled sideways, every trade row shown at full height', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await clippedCells(panel())).toEqual([]);
    expect(await sidewaysScrollers(panel())).toEqual([]);
    // The screen scrolls as one: no part of it is squeezed into a box of its own that hides rows.
    const squeezed = await panel().evaluate((root) => [...root.querySelectorAll<HTMLElement>('*')]
      .filter((el) => el.scrollHeight > el.clientHeight + 1 && ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowY))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollHeight}>${el.clientHeight}`));
    expect(squeezed).toEqual([]);
    await screenshot(page, 'e2e-backtest-1280');
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('names every control of the panel', async () => {
    const unnamed = await panel().locator('input, button, select, progress').evaluateAll((els) => els
      .filter((el) => !(el.getAttribute('aria-label') ?? '').trim() && !(el.textContent ?? '').trim() && !((el as HTMLInputElement).labels?.length))
      .map((el) => el.outerHTML.slice(0, 80)));
    expect(unnamed).toEqual([]);
  });

  it('no page errors were raised along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
