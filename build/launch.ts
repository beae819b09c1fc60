/**
 * `npm start`: opens the desktop terminal with the Electron runtime, fetching that runtime
 * first if this install has none. When it is missing and cannot be fetched (offline, a proxy,
 * a blocked host), it says so in one paragraph and offers the browser terminal instead of
 * Electron's stack trace. See docs/desktop.md, "First run".
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * V8's young generation capped at 8 MB a semi-space for every launch of the backend: the
 * default grows it to 128 MB on this machine, resident for good (docs/architecture.md,
 * "Memory"). A launch flag: V8 reads the size once, when it starts.
 */
export const V8_MEMORY_FLAGS = ['--max-semi-space-size=8'];
export const ELECTRON_FLAGS = [`--js-flags=${V8_MEMORY_FLAGS.join(' ')}`];

export function binaryName(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/** Where the Electron binary is (or would be) for this install: the override folder, else the package's dist. */
export function electronBinary(root: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): { path: string; overridden: boolean } {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return { path: join(override, binaryName(platform)), overridden: true };
  return { path: join(root, 'node_modules', 'electron', 'dist', binaryName(platform)), overridden: false };
}

export function firstRunAdvice(problem: string): string {
  return [
    `Funding Terminal could not open its desktop window: ${problem}`,
    'Nothing else is wrong, and nothing was lost. To use the terminal now, in a browser tab:',
    '',
    '    npm run web -- --demo     (simulated venues, works offline)',
    '    npm run web               (live public market data)',
    '',
    'For the desktop window, run `npm start` again once this machine can reach github.com (the',
    'Electron runtime, about 100 MB, is downloaded once), or set ELECTRON_OVERRIDE_DIST_PATH to',
    'an unpacked Electron folder of the version in package-lock.json. See docs/desktop.md.',
    '',
  ].join('\n');
}

/** Runs Electron's own installer (the download); returns its last words when it fails. */
export function fetchElectron(installScript: string): string | null {
  process.stderr.write('The Electron runtime is not installed yet: downloading it once (about 100 MB)…\n');
  const result = spawnSync(process.execPath, [installScript], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.status === 0) return null;
  const firstLine = (result.stderr || result.error?.message || '').split('\n').find((line) => line.trim()) ?? `exit code ${result.status}`;
  return firstLine.trim().slice(0, 200);
}

/** Finds or fetches the binary; null (advice printed) when there is none to run. */
export function resolveElectron(root: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, fetch = fetchElectron): string | null {
  const binary = electronBinary(root, env, platform);
  if (existsSync(binary.path)) return binary.path;
  if (binary.overridden) {
    process.stderr.write(firstRunAdvice(`ELECTRON_OVERRIDE_DIST_PATH points at ${env.ELECTRON_OVERRIDE_DIST_PATH}, which holds no ${binaryName(platform)}.`));
    return null;
  }
  const failure = fetch(join(root, 'node_modules', 'electron', 'install.js'));
  if (failure === null && existsSync(binary.path)) return binary.path;
  process.stderr.write(firstRunAdvice(`the Electron runtime is not installed and could not be downloaded (${failure ?? 'the download left no binary'}).`));
  return null;
}

if (import.meta.main) {
  const root = join(import.meta.dirname, '..');
  const binary = resolveElectron(root, process.env, process.platform);
  if (binary === null) process.exit(1);
  const child = spawn(binary, [...ELECTRON_FLAGS, root, '--', ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
