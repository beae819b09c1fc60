/**
 * What the kill switch keeps doing after its deadline, on screen: in Chromium against the demo
 * host, a hedged pair is opened (through the contract, as the ticket would), one of its venues
 * goes down, the kill switch is pressed. The report names that venue NOT FLAT and says it keeps
 * retrying; the status bar flags it; when the venue answers again the background retry
 * flattens it and the flag goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Host } from '../../electron/host/server.ts';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { VENUES, VENUE_IDS, type VenueId } from '../../shared/domain/venues.ts';
import { deskDriver } from '../integration/trading/deskDriver.ts';
import { screenshot } from './browser.ts';

let session: DemoSession;
let host: Host;
let page: Page;
let pageErrors: string[];
let down: VenueId;

/** A hedged BTC pair opened before the page, so the kill switch has something to flatten. */
async function openPair(started: Host): Promise<void> {
  const desk = deskDriver(() => started.backend, VENUE_IDS, () => started.backend.demo!.simulator.clock.now(), []);
  const ticket = await desk.btcTicket('e2e-kill-pair');
  const receipt = await desk.call('ticket.submit', ticket);
  expect(receipt.execution.status).toBe('hedged');
  down = ticket.legs[0].venue;
}

beforeAll(async () => {
  session = await openDemoSession({
    name: 'kill', viewport: { width: 1600, height: 1000 }, host: { killSwitchDeadlineMs: 1_500, killSwitchRetryMs: 500 }, beforeOpen: openPair,
  });
  ({ host, page, pageErrors } = session);
});
afterAll(() => session?.close());

const flag = () => page.getByRole('button', { name: /^Kill switch: NOT FLAT on / });
const report = () => page.getByRole('status', { name: 'Kill switch report' });

describe('the kill switch after its deadline, in Chromium', () => {
  it('a venue that stays down: the report says NOT FLAT and that it keeps retrying; the status bar flags it', async () => {
    host.backend.demo!.simulator.faults.setDown(down, true);
    await page.getByRole('button', { name: 'Kill switch' }).click();
    await page.getByRole('alertdialog', { name: 'Engage the kill switch?' }).getByRole('button', { name: 'Engage kill switch' }).click();
    await report().waitFor({ timeout: 60_000 });
    const label = VENUES[down].label;
    expect(await report().textContent()).toContain(`${label}: NOT FLAT after 2 s — holds by the journal: BTC/`);
    expect(await report().getByLabel('Kill switch retries').textContent()).toMatch(/^retrying in the background \(\d+ attempts? so far, next in \d+ s\); re-arm stops it$/);
    await flag().waitFor();
    expect(await flag().getAttribute('aria-label')).toMatch(new RegExp(`^Kill switch: NOT FLAT on ${label}; retrying in the background`));
    await screenshot(page, 'e2e-kill-not-flat');
  });

  it('when the venue answers again the background retry flattens it and the flag goes', async () => {
    host.backend.demo!.simulator.faults.setDown(down, false);
    await expect.poll(() => flag().count(), { timeout: 60_000 }).toBe(0);
    expect(await report().getByLabel('Kill switch retries').textContent()).toMatch(/^flat after \d+ background attempts?$/);
    expect(await report().textContent()).not.toContain('NOT FLAT');
    await screenshot(page, 'e2e-kill-flat-after-retry');
    expect(pageErrors).toEqual([]);
  });
});
