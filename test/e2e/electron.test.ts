import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';

/**
 * The real Electron shell, end to end. It runs only where an Electron binary is installed
 * (ELECTRON_OVERRIDE_DIST_PATH, or a normal online install that fetched node_modules/electron/dist);
 * elsewhere it says so and skips. It never triggers a download. The browser suites cover the
 * renderer either way, so this skip hides nothing else.
 */
function electronBinary(): string | null {
  const name = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, name) : join('node_modules', 'electron', 'dist', name);
  return existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
if (!binary) {
  console.log('electron.test.ts: SKIPPED — no Electron binary here (set ELECTRON_OVERRIDE_DIST_PATH to run the shell end to end)');
}

describe.skipIf(!binary)('the Electron shell', () => {
  it('opens the demo terminal in a sandboxed window with no Node in the page', async () => {
    execFileSync(process.execPath, ['build/bundle.ts'], { stdio: 'inherit' });
    const app = await electron.launch({ executablePath: binary!, args: ['dist/electron/main.mjs', '--demo'] });
    try {
      const page = await app.firstWindow();
      await page.getByRole('grid').first().waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((globalThis as unknown as { terminal: object }).terminal).sort())).toEqual(['invoke', 'on']);
      expect(await page.getByRole('button', { name: /kill switch/i }).isVisible()).toBe(true);
    } finally {
      await app.close();
    }
  }, 90_000);
});
