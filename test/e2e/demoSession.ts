import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHost, type Host, type HostOptions } from '../../electron/host/server.ts';
import { collectPageErrors, launchChromium } from './browser.ts';

/** One end-to-end session: a demo host on a fresh data folder, headless Chromium, one page on it. */
export interface DemoSession {
  host: Host;
  browser: Browser;
  page: Page;
  /** Every error the page threw or logged; each file asserts it stays empty. */
  pageErrors: string[];
  /** Stops the host and starts a new one over the same data folder (a restart of the terminal). */
  restartHost(): Promise<Host>;
  close(): Promise<void>;
}

export interface DemoSessionOptions {
  /** Names the data folder, for a failing run's leftovers. */
  name: string;
  viewport: { width: number; height: number };
  host?: Omit<HostOptions, 'port' | 'demo' | 'dataDir'>;
  acceptDownloads?: boolean;
  /** Runs after the host is up and before the page opens (open a pair, route the socket…). */
  beforeOpen?: (host: Host, page: Page) => Promise<void>;
}

export async function openDemoSession(options: DemoSessionOptions): Promise<DemoSession> {
  const dataDir = mkdtempSync(join(tmpdir(), `ft-e2e-${options.name}-`));
  const host = await startHost({ port: 0, demo: true, dataDir, ...options.host });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport, acceptDownloads: options.acceptDownloads ?? false });
  const page = await context.newPage();
  const pageErrors = collectPageErrors(page);
  await options.beforeOpen?.(host, page);
  await page.goto(host.url);
  const session: DemoSession = {
    host, browser, page, pageErrors,
    async restartHost() {
      await session.host.close();
      session.host = await startHost({ port: 0, demo: true, dataDir, ...options.host });
      return session.host;
    },
    async close() {
      await browser.close();
      await session.host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return session;
}
