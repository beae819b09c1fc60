import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryName } from '../../build/launch.ts';

/**
 * The packaged app, built by electron-builder itself from this checkout (`npm run test:e2e`
 * builds the renderer first). The archive's file list is checked on a build made with a
 * stand-in Electron folder (electron-builder copies it and packs the app beside it, which is
 * all the list depends on; fuses need the real binary, so they are off for that build). The
 * real unpacked Linux app is built only where a local Electron is present.
 */
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[]; getRawHeader(archive: string): { header: unknown } };
const root = resolve('.');
const config = JSON.parse(readFileSync('build/electron-builder.json', 'utf8'));
const binding = `@duckdb/node-bindings-${process.platform}-${process.arch}`;

function electronBuilder(configFile: string, output: string): string {
  execFileSync(process.execPath, [require.resolve('electron-builder/cli.js'), '--dir', `--${process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'win' : 'linux'}`, `--${process.arch}`, '--config', configFile], { cwd: root, stdio: 'pipe', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
  return output;
}

function resourcesDir(output: string): string {
  if (process.platform === 'darwin') return join(output, 'mac', 'Funding Terminal.app', 'Contents', 'Resources');
  return join(output, `${process.platform === 'win32' ? 'win' : 'linux'}-unpacked`, 'resources');
}

describe.skipIf(process.platform !== 'linux')('the packed app archive', () => {
  let files: string[] = [];
  let resources = '';
  beforeAll(() => {
    execFileSync(process.execPath, ['build/bundle.ts'], { stdio: 'pipe' });
    const standIn = mkdtempSync(join(tmpdir(), 'electron-stand-in-'));
    writeFileSync(join(standIn, binaryName(process.platform)), '#!/bin/sh\n');
    chmodSync(join(standIn, binaryName(process.platform)), 0o755);
    writeFileSync(join(standIn, 'version'), require('electron/package.json').version);
    mkdirSync(join(standIn, 'resources'));
    const output = mkdtempSync(join(tmpdir(), 'ft-pack-'));
    const { electronFuses: _fuses, ...rest } = config;
    const configFile = join(output, 'config.json');
    writeFileSync(configFile, JSON.stringify({ ...rest, electronDist: standIn, directories: { ...rest.directories, output }, beforePack: join(root, rest.beforePack), icon: join(root, rest.icon) }));
    resources = resourcesDir(electronBuilder(configFile, output));
    files = asar.listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  }, 300_000);

  it('holds the bundles where main loads them, the renderer, the licences', () => {
    for (const file of ['/dist/electron/main.mjs', '/dist/electron/engine-worker.mjs', '/dist/electron/study-worker.mjs', '/dist/electron/market-worker.mjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/package.json', '/LICENSE', '/THIRD_PARTY_NOTICES.md']) {
      expect(files).toContain(file);
    }
  });

  it('holds the runtime packages main imports, and DuckDB\'s native library unpacked for this platform only', () => {
    for (const name of ['ccxt', '@duckdb/node-api', 'ws', 'zod', 'rotating-file-stream', 'electron-updater']) expect(files).toContain(`/node_modules/${name}/package.json`);
    expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', binding, 'duckdb.node'))).toBe(true);
    const platformBuilds = new Set(files.map((f) => /^\/node_modules\/(@duckdb\/node-bindings-[^/]+)\//.exec(f)?.[1]).filter(Boolean));
    expect([...platformBuilds]).toEqual([binding]);
  });

  it('holds no ccxt dist build, no renderer library vite already bundled, no source map, no TypeScript, no tests', () => {
    const unwanted = files.filter((f) =>
      f.startsWith('/node_modules/ccxt/dist/') || /^\/node_modules\/(react|react-dom|scheduler|zustand|lightweight-charts|fancy-canvas)\//.test(f) ||
      f.endsWith('.map') || (f.startsWith('/node_modules/') && f.endsWith('.ts')) || /^\/(test|test-results|electron|shared|renderer|build)\//.test(f));
    expect(unwanted).toEqual([]);
  });

  it('has a preload that carries no schemas, and an archive far under the 78 MB it was', () => {
    expect(statSync('dist/electron/preload.cjs').size).toBeLessThan(16_000);
    expect(statSync(join(resources, 'app.asar')).size).toBeLessThan(35_000_000);
  });

  it('bakes the update feed in, for electron-updater to read once configured', () => {
    expect(readFileSync(join(resources, 'app-update.yml'), 'utf8')).toMatch(/provider: github/);
  });
});

function localElectronDist(): string | null {
  const candidate = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(root, 'node_modules', 'electron', 'dist');
  return existsSync(join(candidate, binaryName(process.platform))) ? candidate : null;
}
const dist = localElectronDist();
if (!dist) console.log('packaging.test.ts: the real unpacked app is SKIPPED — no local Electron (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron folder, or install online so node_modules/electron/dist exists)');

describe.skipIf(!dist || process.platform !== 'linux')('the Linux unpacked app from a local Electron', () => {
  it('builds with the fuses set and the executable named for the desktop', () => {
    const output = mkdtempSync(join(tmpdir(), 'ft-linux-'));
    const configFile = join(output, 'config.json');
    writeFileSync(configFile, JSON.stringify({ ...config, electronDist: dist, directories: { ...config.directories, output }, beforePack: join(root, config.beforePack), icon: join(root, config.icon) }));
    electronBuilder(configFile, output);
    const app = join(output, 'linux-unpacked');
    expect(existsSync(join(app, 'funding-terminal'))).toBe(true);
    expect(existsSync(join(app, 'resources', 'app.asar'))).toBe(true);
    const fuses = execFileSync(process.execPath, [require.resolve('@electron/fuses/dist/bin.js'), 'read', '--app', join(app, 'funding-terminal')], { encoding: 'utf8' });
    expect(fuses).toMatch(/RunAsNode is Disabled/);
    expect(fuses).toMatch(/GrantFileProtocolExtraPrivileges is Disabled/);
  }, 300_000);
});
