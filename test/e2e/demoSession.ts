import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHost, type Host, type HostOptions } from '../../electron/host/server.ts';
import { collectPageErrors, launchChromium } from './browser.ts';

/** A demo host on a fresh data folder and a headless Chromium beside it. */
export interface DemoHost {
  host: Host;
  browser: Browser;
  /**
   * Stops the host and starts a new one over the same data folder (a restart of the terminal);
   * `whileStopped` runs in between, on the data folder (to change what the next start finds).
   */
  restartHost(whileStopped?: (dataDir: string) => Promise<void>): Promise<Host>;
  close(): Promise<void>;
}

/** A demo host with one page open on it. */
export interface DemoSession extends DemoHost {
  page: Page;
  /** Every error the page threw or logged; each file asserts it stays empty. */
  pageErrors: string[];
}

export interface DemoHostOptions {
  /** Names the data folder, for a failing run's leftovers. */
  name: string;
  host?: Omit<HostOptions, 'port' | 'demo' | 'dataDir'>;
}

export interface DemoSessionOptions extends DemoHostOptions {
  viewport: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Runs after the host is up and before the page opens (open a pair, route the socket…). */
  beforeOpen?: (host: Host, page: Page) => Promise<void>;
}

/**
 * Waits until every venue of the Demo has answered its first poll. The market-data worker starts
 * the venues' pollers together but their first answers arrive over a few seconds, Binance's
 * usually first; a test that reads rows before then sees one venue's legs only.
 */
async function everyVenueAnswered(host: Host): Promise<Host> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { health } = await host.backend.handlers['markets.snapshot'](undefined);
    if (health.length > 0 && health.every((venue) => venue.lastSuccessAt !== null)) return host;
    if (Date.now() > deadline) throw new Error(`Demo venues without a first answer after 60 s: ${health.filter((v) => v.lastSuccessAt === null).map((v) => v.venue).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startDemoHost(options: DemoHostOptions): Promise<DemoHost> {
  const dataDir = mkdtempSync(join(tmpdir(), `ft-e2e-${options.name}-`));
  const demo: DemoHost = {
    host: await everyVenueAnswered(await startHost({ port: 0, demo: true, dataDir, ...options.host })),
    browser: await launchChromium(),
    async restartHost(whileStopped) {
      await demo.host.close();
      await whileStopped?.(dataDir);
      demo.host = await everyVenueAnswered(await startHost({ port: 0, demo: true, dataDir, ...options.host }));
      return demo.host;
    },
    async close() {
      await demo.browser.close();
      await demo.host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return demo;
}

export async function openDemoSession(options: DemoSessionOptions): Promise<DemoSession> {
  const demo = await startDemoHost(options);
  const context = await demo.browser.newContext({ viewport: options.viewport, acceptDownloads: options.acceptDownloads ?? false });
  const page = await context.newPage();
  const pageErrors = collectPageErrors(page);
  await options.beforeOpen?.(demo.host, page);
  await page.goto(demo.host.url);
  return Object.assign(demo, { page, pageErrors });
}

/** One demo host for the whole file, for files that open their own pages (one per viewport). */
export function useDemoHost(name: string): { host(): Host; browser(): Browser } {
  let demo: DemoHost | undefined;
  beforeAll(async () => {
    demo = await startDemoHost({ name });
  });
  afterAll(() => demo?.close());
  return { host: () => demo!.host, browser: () => demo!.browser };
}
