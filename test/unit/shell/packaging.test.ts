import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ELECTRON_FLAGS, V8_MEMORY_FLAGS } from '../../../build/launch.ts';

/**
 * `npm run dist` needs the Electron download, which these machines cannot reach; the config it
 * would use is still checked here with electron-builder's own schema validation.
 */
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const config = JSON.parse(readFileSync('build/electron-builder.json', 'utf8'));

describe('installer configuration', () => {
  it('passes electron-builder 26 schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });
  it('a misspelt option is caught by the same validation', async () => {
    await expect(validateConfiguration({ ...config, linx: {} }, new DebugLogger(false))).rejects.toThrow(/unknown property 'linx'/);
  });
  it('targets AppImage and deb, dmg, nsis, with runAsNode fused off', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.electronFuses.runAsNode).toBe(false);
  });
  it('every launch of the backend caps V8\'s young generation at 8 MB a semi-space (the default grows it to 128 MB, resident for good)', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    expect(scripts.start).toContain('node build/launch.ts');
    expect(V8_MEMORY_FLAGS).toEqual(['--max-semi-space-size=8']);
    expect(ELECTRON_FLAGS).toEqual(['--js-flags=--max-semi-space-size=8']);
    expect(scripts.web).toContain(`node ${V8_MEMORY_FLAGS.join(' ')} electron/host/main.ts`);
    expect(config.linux.executableArgs).toEqual(ELECTRON_FLAGS);
  });
});
