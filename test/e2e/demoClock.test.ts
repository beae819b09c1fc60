/**
 * Demo's clock in Chromium (docs/screens.md, "Demo clock"): the Demo banner shows the simulated
 * time, a speed set there is the simulator's, a pause stops the time on screen where the
 * simulator stopped, and the banner stays one line at 1280×800.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Host } from '../../electron/host/server.ts';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';

let session: DemoSession;
let host: Host;
let page: Page;

beforeAll(async () => {
  session = await openDemoSession({ name: 'demo-clock', viewport: { width: 1280, height: 800 } });
  ({ host, page } = session);
  await page.getByRole('grid', { name: /Funding monitor/ }).waitFor({ timeout: 60_000 });
});
afterAll(() => session?.close());

const clockGroup = () => page.getByRole('group', { name: 'Demo clock' });
/** The simulated time on screen, ms since the epoch. */
const shownTime = async () => Date.parse((await clockGroup().locator('time').getAttribute('datetime'))!);
const simClock = () => host.backend.demo!.simulator.clock;

describe("Demo's clock", () => {
  it('shows the simulated time in the Demo banner, which stays one line at 1280', async () => {
    const banner = page.getByRole('note').filter({ hasText: /^DEMO — simulated venues/ });
    await banner.getByRole('group', { name: 'Demo clock' }).waitFor();
    expect(Math.abs(await shownTime() - simClock().now())).toBeLessThan(3_000);
    const [bannerBox, group] = [(await banner.boundingBox())!, (await clockGroup().boundingBox())!];
    expect(bannerBox.height).toBeLessThan(30);
    expect(group.x + group.width).toBeLessThanOrEqual(bannerBox.x + bannerBox.width);
    await screenshot(page, 'e2e-demo-clock-1280');
  });

  it('a speed chosen there is the simulator\'s, and the screen runs at it', async () => {
    await clockGroup().getByRole('combobox', { name: 'Demo clock speed' }).selectOption('10');
    await expect.poll(() => simClock().speed).toBe(10);
    await expect.poll(async () => Math.abs(await shownTime() - simClock().now())).toBeLessThan(11_000);
  });

  it('paused, the time on screen stands where the simulator stopped; resumed at 1×, it runs again', async () => {
    await clockGroup().getByRole('button', { name: 'Pause the demo clock' }).click();
    await expect.poll(() => simClock().paused).toBe(true);
    const stoppedAt = simClock().now();
    await expect.poll(shownTime).toBe(stoppedAt);
    expect(await clockGroup().locator('time').getAttribute('aria-label')).toMatch(/, paused$/);
    await clockGroup().getByRole('combobox', { name: 'Demo clock speed' }).selectOption('1');
    await clockGroup().getByRole('button', { name: 'Resume the demo clock' }).click();
    await expect.poll(() => simClock().paused).toBe(false);
    expect(simClock().speed).toBe(1);
    await expect.poll(shownTime).toBeGreaterThan(stoppedAt);
  });

  it('no page errors were raised along the way', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
