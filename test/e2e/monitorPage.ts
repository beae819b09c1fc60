import type { Locator, Page } from 'playwright-core';

/**
 * Reads the monitor the way a screen reader does: through the grid, row and cell roles and
 * the ARIA row indices of the virtualised rows. Tests never reach for class names.
 */
export class MonitorPage {
  readonly page: Page;
  readonly grid: Locator;

  constructor(page: Page) {
    this.page = page;
    this.grid = page.getByRole('grid', { name: /Funding monitor/ });
  }

  async columnIndex(name: RegExp): Promise<number> {
    const headers = await this.grid.getByRole('columnheader').all();
    for (const h of headers) {
      if (name.test((await h.textContent()) ?? '')) return Number(await h.getAttribute('aria-colindex'));
    }
    throw new Error(`monitor: no column header matches ${name}`);
  }

  /** The first triggered row once the engine has one (the demo's ranking decides which), and its asset. */
  async firstTriggered(): Promise<{ row: Locator; base: string }> {
    await this.dataRows().first().waitFor({ timeout: 60_000 });
    const row = this.dataRows().filter({ hasText: '●TRIG' }).first();
    await row.waitFor({ timeout: 60_000 });
    return { row, base: await assetOf(row) };
  }

  /** Rendered data rows in display order (the DOM holds only the visible ones). */
  dataRows(): Locator {
    return this.grid.locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
  }

  async cellTexts(columnIndex: number, rows = 15): Promise<string[]> {
    const out: string[] = [];
    const all = await this.dataRows().all();
    const withIndex = await Promise.all(all.map(async (r) => ({ r, i: Number(await r.getAttribute('aria-rowindex')) })));
    withIndex.sort((a, b) => a.i - b.i);
    for (const { r } of withIndex.slice(0, rows)) out.push((await r.locator(`[role=gridcell][aria-colindex="${columnIndex}"]`).textContent()) ?? '');
    return out;
  }

  async rowCount(): Promise<number> {
    return Number(await this.grid.getAttribute('aria-rowcount')) - 1;
  }
}

/** A row's asset: its Asset cell's text. */
export async function assetOf(row: Locator): Promise<string> {
  return (await row.locator('[role=gridcell][aria-colindex="2"]').textContent())!;
}

/** "+0.0125%" or "−0.0300%" → 0.0125 / −0.03; a dash → null. */
export function parsePct(text: string): number | null {
  const m = /([+−-]?)(\d+\.\d+)%/.exec(text);
  if (!m) return null;
  return (m[1] === '−' || m[1] === '-' ? -1 : 1) * Number(m[2]);
}

/** "12.4M" → 12 400 000; "≥3.80M" (a floor) → 3 800 000; a dash → null. */
export function parseUsd(text: string): number | null {
  const m = /^≥?([\d.]+)([kMB]?)$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * ({ '': 1, k: 1e3, M: 1e6, B: 1e9 } as Record<string, number>)[m[2]];
}
