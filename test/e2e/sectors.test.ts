import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';

let session: DemoSession;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  session = await openDemoSession({ name: 'sectors', viewport: { width: 1600, height: 1000 } });
  ({ page, pageErrors } = session);
  await page.getByRole('grid', { name: /Funding monitor/ }).waitFor({ timeout: 60_000 });
});
afterAll(() => session?.close());

/** Screen by its nav button: a screen key would be taken as typing while a form control has focus. */
async function openScreen(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
}

/** Three sectors of four assets each, all placed by the default taxonomy. */
const SECTORS = { DeFi: ['AAVE', 'COMP', 'CRV', 'SNX'], 'Layer 1': ['SOL', 'ADA', 'AVAX', 'DOT'], Meme: ['DOGE', 'SHIB', 'BONK', 'WIF'] };
const START = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const DAYS = 30;
/** DeFi's funding jumps to 0.12 % /8h every fifth day (two settlements), the rest sit at 0.01 %. */
const spikeDay = (t: number) => Math.floor((t - START) / (24 * HOUR)) % 5 === 2;

function fundingCsv(): string {
  const lines = ['venue,symbol,time,rate,interval_hours'];
  for (let t = START; t < START + DAYS * 24 * HOUR; t += 8 * HOUR) {
    for (const [sector, bases] of Object.entries(SECTORS)) {
      for (const base of bases) {
        const rate = sector === 'DeFi' && spikeDay(t) && (t - START) % (24 * HOUR) < 16 * HOUR ? 0.0012 : 0.0001;
        lines.push(`binanceusdm,${base}/USDT:USDT,${new Date(t).toISOString()},${rate},8`);
      }
    }
  }
  return lines.join('\n');
}

/** 4-hourly closes: flat, except that DeFi loses 5 % twelve hours after each spike begins (the rotation the study looks for). */
function priceCsv(): string {
  const lines = ['venue,symbol,time,close'];
  for (let t = START; t <= START + DAYS * 24 * HOUR; t += 4 * HOUR) {
    const drops = Array.from({ length: DAYS }, (_, d) => START + (d * 24 + 12) * HOUR).filter((at) => at <= t && spikeDay(at - 12 * HOUR)).length;
    for (const [sector, bases] of Object.entries(SECTORS)) {
      for (const base of bases) lines.push(`binanceusdm,${base}/USDT:USDT,${t},${(sector === 'DeFi' ? 100 * 0.95 ** drops : 100).toFixed(4)}`);
    }
  }
  return lines.join('\n');
}

describe('the sector overlay in Chromium against the demo host', () => {
  it('the Sectors view shows every sector with its funding, divergence heatmap cells with values, and the rotation line', async () => {
    await page.keyboard.press('6');
    const view = page.getByRole('region', { name: 'Sectors' });
    const table = view.getByRole('table', { name: 'Sector funding state' });
    await table.waitFor({ timeout: 90_000 });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 90_000 }).toBeGreaterThan(3);
    const medians = await rows.locator('td:nth-of-type(2)').allTextContents();
    expect(medians.some((m) => /^[+−]?\d+\.\d{4}%$/.test(m))).toBe(true);
    const cells = view.getByRole('table', { name: 'Funding divergence heatmap' }).locator('td[aria-label]');
    expect(await cells.count()).toBeGreaterThan(3);
    expect(await cells.first().getAttribute('aria-label')).toMatch(/ at \d\d:\d\d UTC: divergence ([+−]?\d+\.\d{4}%|–) \/8h, z /);
    expect(await view.getByRole('status', { name: 'Rotation' }).textContent()).toMatch(/rotation|No rotation signal/);
    expect(await view.getByLabel(/^BTC\/ETH divergence/).count()).toBe(1);
    expect(await view.getByRole('table', { name: 'Sector returns' }).locator('tbody tr').count()).toBe(await rows.count());
    await screenshot(page, 'e2e-sectors');
  });

  it('monitor rows carry an alignment badge whose tooltip gives the reason, and "Confirmed only" keeps only ✓ rows', async () => {
    await openScreen('Monitor');
    const grid = page.getByRole('grid', { name: /Funding monitor/ });
    const badges = grid.locator('[role=gridcell] [title^="confirmed"], [role=gridcell] [title^="contradicted"], [role=gridcell] [title^="neutral"]');
    await expect.poll(() => badges.count(), { timeout: 90_000 }).toBeGreaterThan(0);
    expect(await badges.first().getAttribute('title')).toMatch(/^(confirmed|contradicted|neutral)( by [^:]+)?: \S/);
    await page.getByRole('checkbox', { name: 'Confirmed only' }).check();
    const shown = grid.locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
    await expect.poll(async () => {
      const titles = await shown.locator('[role=gridcell] [title^="confirmed"], [role=gridcell] [title^="contradicted"], [role=gridcell] [title^="neutral"]').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
      return titles.every((t) => t.startsWith('confirmed')) && titles.length === (await shown.count());
    }).toBe(true);
    await screenshot(page, 'e2e-monitor-confirmed-only');
    await page.getByRole('checkbox', { name: 'Confirmed only' }).uncheck();
  });

  it('a base moved to another sector in Settings is stored as the user placement, survives a reload, and moving it back restores the default', async () => {
    await openScreen('Settings');
    const editor = page.getByRole('region', { name: 'Sector map' });
    await editor.getByRole('searchbox', { name: 'Search the sector map' }).fill('DOGE');
    const select = editor.getByRole('combobox', { name: 'Sector of DOGE' });
    expect(await select.inputValue()).toBe('Meme');
    await select.selectOption('AI');
    await editor.getByText('DOGE → AI saved', { exact: false }).waitFor();
    const row = editor.getByRole('row', { name: /^DOGE/ });
    expect(await row.textContent()).toContain('✎ user');
    await screenshot(page, 'e2e-sector-map');

    await page.reload();
    // The terminal comes back on the screen it was on.
    await editor.getByRole('searchbox', { name: 'Search the sector map' }).waitFor({ timeout: 60_000 });
    await editor.getByRole('searchbox', { name: 'Search the sector map' }).fill('DOGE');
    expect(await editor.getByRole('combobox', { name: 'Sector of DOGE' }).inputValue()).toBe('AI');

    await editor.getByRole('combobox', { name: 'Sector of DOGE' }).selectOption('Meme');
    await editor.getByText('DOGE → Meme saved', { exact: false }).waitFor();
    expect(await editor.getByRole('row', { name: /^DOGE/ }).textContent()).toContain('default');
  });

  it('a new sector name asks first: a slip is shown beside the sector it may mean and Cancel keeps the name typed; confirmed, the sector is created', async () => {
    const editor = page.getByRole('region', { name: 'Sector map' });
    await editor.getByRole('searchbox', { name: 'Search the sector map' }).fill('DOGE');
    await editor.getByRole('combobox', { name: 'Sector of DOGE' }).selectOption('New sector…');
    const field = editor.getByRole('textbox', { name: 'New sector for DOGE' });
    await field.fill('Memes');
    await field.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Create the sector "Memes"?' });
    expect(await dialog.textContent()).toContain('No sector is named "Memes" yet: placing DOGE there creates a new sector with DOGE as its only asset. Did you mean Meme?');
    await screenshot(page, 'e2e-sector-new-name');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await field.inputValue()).toBe('Memes');
    expect(await editor.getByRole('row', { name: /^DOGE/ }).textContent()).toContain('default');
    // An existing sector typed in another letter case is that sector, placed without asking.
    await field.fill('layer 1');
    await field.press('Enter');
    await editor.getByText('DOGE → Layer 1 saved', { exact: false }).waitFor();
    await editor.getByRole('combobox', { name: 'Sector of DOGE' }).selectOption('New sector…');
    await field.fill('Dog coins');
    await editor.getByRole('button', { name: 'Place' }).click();
    await page.getByRole('alertdialog', { name: 'Create the sector "Dog coins"?' }).getByRole('button', { name: 'Create "Dog coins" and place DOGE' }).click();
    await editor.getByText('DOGE → Dog coins saved as a new sector', { exact: false }).waitFor();
    expect(await editor.getByRole('combobox', { name: 'Sector of DOGE' }).inputValue()).toBe('Dog coins');
    await editor.getByRole('combobox', { name: 'Sector of DOGE' }).selectOption('Meme');
    await editor.getByText('DOGE → Meme saved', { exact: false }).waitFor();
    expect(await editor.getByRole('combobox', { name: 'Sector of DOGE' }).locator('option', { hasText: 'Dog coins' }).count()).toBe(0);
  });

  it('a sector CSV with a bad line is imported except that line, which is listed by number', async () => {
    const editor = page.getByRole('region', { name: 'Sector map' });
    await editor.getByLabel('Import sector map file').setInputFiles({ name: 'sectors.csv', mimeType: 'text/csv', buffer: Buffer.from('base,sector\nZZTEST,Gaming\nonly-one-field\n') });
    const result = editor.getByRole('status', { name: 'Import sector map result' });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/1 rows imported, 1 lines rejected/);
    expect(await result.getByRole('row', { name: /^3 / }).count()).toBe(1);
  });

  it('a sector CSV naming sectors not known yet lists them and asks first: Cancel writes nothing, confirmed they are created', async () => {
    const editor = page.getByRole('region', { name: 'Sector map' });
    const file = { name: 'new-sectors.csv', mimeType: 'text/csv', buffer: Buffer.from('base,sector\nZZONE,Dog coins\nZZTWO,dog coins\nZZTHREE,Memes\nZZFOUR,defi\n') };
    await editor.getByLabel('Import sector map file').setInputFiles(file);
    const dialog = page.getByRole('alertdialog', { name: 'Create 2 new sectors?' });
    await dialog.waitFor();
    const listed = await dialog.getByRole('list', { name: 'New sectors' }).getByRole('listitem').allTextContents();
    // "defi" is DeFi in another letter case, not a new sector; two spellings of Dog coins are one.
    expect(listed).toEqual(['Dog coins: 2 assets (ZZONE, ZZTWO)', 'Memes: 1 asset (ZZTHREE) — did you mean Meme?']);
    await screenshot(page, 'e2e-sector-import-new-names');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await editor.getByRole('status', { name: 'Import sector map result' }).textContent()).toBe('new-sectors.csv: not imported, nothing written.');
    const search = editor.getByRole('searchbox', { name: 'Search the sector map' });
    await search.fill('ZZ');
    expect(await editor.getByRole('row', { name: /^ZZ(ONE|TWO|THREE|FOUR)/ }).count()).toBe(0);
    expect(await editor.getByRole('combobox', { name: 'Sector of ZZTEST' }).locator('option', { hasText: /^(Dog coins|Memes)$/ }).count()).toBe(0);

    await editor.getByLabel('Import sector map file').setInputFiles(file);
    await page.getByRole('alertdialog', { name: 'Create 2 new sectors?' }).getByRole('button', { name: 'Create 2 sectors and import' }).click();
    expect(await editor.getByRole('status', { name: 'Import sector map result' }).textContent()).toMatch(/new-sectors\.csv: 4 rows imported, 0 lines rejected/);
    await expect.poll(() => editor.getByRole('combobox', { name: 'Sector of ZZTWO' }).inputValue()).toBe('Dog coins');
    expect(await editor.getByRole('combobox', { name: 'Sector of ZZTHREE' }).inputValue()).toBe('Memes');
    expect(await editor.getByRole('combobox', { name: 'Sector of ZZFOUR' }).inputValue()).toBe('DeFi');
    await search.fill('');
  });

  it('the Patterns panel, after importing funding and prices, shows n, the hit rate with its interval, the base rate and both samples', async () => {
    await page.getByLabel('Import funding history file').setInputFiles({ name: 'funding.csv', mimeType: 'text/csv', buffer: Buffer.from(fundingCsv()) });
    await page.getByText(/funding\.csv: \d+ rows imported, 0 lines rejected/).waitFor({ timeout: 60_000 });
    await openScreen('Patterns');
    const panel = page.getByRole('region', { name: 'Patterns' });
    await panel.getByLabel('Import price history file').setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(priceCsv()) });
    expect(await panel.getByRole('status', { name: 'Import price history result' }).textContent()).toMatch(/prices\.csv: \d+ rows imported, 0 lines rejected/);
    await panel.getByRole('button', { name: 'Run study' }).click();
    const results = panel.getByRole('table', { name: 'Event study results' });
    await results.waitFor({ timeout: 90_000 });
    const cells = async (measure: RegExp) => (await results.getByRole('row', { name: measure }).locator('td').allTextContents());
    const [inN, outN, allN] = (await cells(/^Events n/)).map(Number);
    expect(allN).toBeGreaterThan(0);
    expect(inN + outN).toBe(allN);
    expect((await cells(/^Base rate/))[2]).toMatch(/^\d+\.\d % of \d+ grid points$/);
    expect((await cells(/^Hit rate/))[2]).toMatch(/^\d+\.\d % \(95 % CI \d+\.\d %–\d+\.\d % on \d+ independent\), n = \d+$/);
    const [, , allWindows] = (await cells(/^Independent windows/)).map(Number);
    expect(allWindows).toBeGreaterThan(0);
    expect(allWindows).toBeLessThanOrEqual(allN);
    expect(await panel.getByLabel('Data coverage').textContent()).toMatch(/\d+ parameter sets? tried on this data/);
    expect(await panel.getByRole('note', { name: 'Model verdict' }).textContent()).toMatch(/The model (does not beat|beats) the base rate out of sample/);
    // Every DeFi spike is followed by its 5 % drop within Z = 24 h: each DeFi event is a hit.
    const events = panel.getByRole('table', { name: 'Study events' });
    const defi = await events.getByRole('row', { name: /^DeFi/ }).count();
    expect(defi).toBeGreaterThan(0);
    expect(await events.getByRole('row', { name: /^DeFi .*✓ hit/ }).count()).toBe(defi);
    expect(Number((await cells(/^Hits/))[2])).toBeGreaterThanOrEqual(defi);
    await screenshot(page, 'e2e-patterns');
  });

  it("an event's chart link opens the symbol view of the sector's lead asset", async () => {
    const link = page.getByRole('table', { name: 'Study events' }).getByRole('button', { name: /^Open the \w+ chart for the DeFi event/ }).first();
    const base = /^Open the (\w+) chart/.exec((await link.getAttribute('aria-label'))!)![1];
    await link.click();
    await page.getByRole('region', { name: `Symbol ${base}` }).waitFor();
  });

  it('no page errors were raised along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
