import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_FLAGS, resolveElectron } from '../../../build/launch.ts';

/** `npm start`'s launcher: a missing Electron runtime gets a paragraph of advice, never a stack trace. */
const root = resolve('.');

function captureStderr() {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
  return written;
}

afterEach(() => vi.restoreAllMocks());

describe('npm start without the Electron runtime', () => {
  it('a download that fails is named, and the browser terminal is offered', () => {
    const written = captureStderr();
    const fetched: string[] = [];
    const emptyRoot = mkdtempSync(join(tmpdir(), 'no-electron-'));
    const binary = resolveElectron(emptyRoot, {}, 'linux', (script) => (fetched.push(script), 'TypeError: fetch failed'));
    expect(binary).toBeNull();
    expect(fetched).toEqual([join(emptyRoot, 'node_modules', 'electron', 'install.js')]);
    const text = written.join('');
    expect(text).toMatch(/could not be downloaded \(TypeError: fetch failed\)/);
    expect(text).toContain('npm run web -- --demo');
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('an ELECTRON_OVERRIDE_DIST_PATH without a binary is named, and nothing is downloaded', () => {
    const written = captureStderr();
    const dir = mkdtempSync(join(tmpdir(), 'override-'));
    const binary = resolveElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: dir }, 'linux', () => {
      throw new Error('must not download');
    });
    expect(binary).toBeNull();
    expect(written.join('')).toContain(`ELECTRON_OVERRIDE_DIST_PATH points at ${dir}, which holds no electron`);
  });

  it('a download that succeeds is used', () => {
    captureStderr();
    const fakeRoot = mkdtempSync(join(tmpdir(), 'fetched-'));
    const binary = resolveElectron(fakeRoot, {}, 'linux', () => {
      mkdirSync(join(fakeRoot, 'node_modules', 'electron', 'dist'), { recursive: true });
      writeFileSync(join(fakeRoot, 'node_modules', 'electron', 'dist', 'electron'), '');
      return null;
    });
    expect(binary).toBe(join(fakeRoot, 'node_modules', 'electron', 'dist', 'electron'));
  });
});

describe.skipIf(process.platform === 'win32')('npm start with an Electron runtime', () => {
  it('runs it on this app with the memory flag and the arguments given, and passes its exit code on', () => {
    const dist = mkdtempSync(join(tmpdir(), 'fake-electron-'));
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "$@"\nexit 3\n');
    chmodSync(join(dist, 'electron'), 0o755);
    const run = spawnSync(process.execPath, ['build/launch.ts', '--demo'], { env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist }, encoding: 'utf8' });
    expect(run.status).toBe(3);
    expect(run.stdout.trim()).toBe([...ELECTRON_FLAGS, root, '--', '--demo'].join(' '));
  });

  it('without one it exits 1 with the advice on stderr and nothing on stdout', () => {
    const run = spawnSync(process.execPath, ['build/launch.ts'], { env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'empty-')) }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Funding Terminal could not open its desktop window/);
  });
});

it('the version floor in engines is one where Node runs the .ts entry points', () => {
  const { engines } = JSON.parse(readFileSync('package.json', 'utf8'));
  // Type stripping without a flag and import.meta.main (which every entry point tests) arrived in 22.18.
  expect(engines.node).toBe('>=22.18');
});
