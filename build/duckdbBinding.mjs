// electron-builder `beforePack` hook: the packed app needs DuckDB's native library for the
// TARGET platform and architecture, and npm installed only the build machine's. This fetches
// the target's package (same version as the lock) into node_modules when it is missing, so that
// Windows and macOS installers build from Linux. Plain JavaScript: electron-builder loads it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export function bindingPackage(platform, arch) {
  return `@duckdb/node-bindings-${platform}-${arch}`;
}

export default async function ensureDuckdbBinding(context) {
  const root = context.packager.projectDir;
  const arch = ARCH_NAMES[context.arch];
  const name = bindingPackage(context.electronPlatformName, arch);
  const dir = join(root, 'node_modules', name);
  if (existsSync(join(dir, 'package.json'))) return;
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json: DuckDB has no native build for ${context.electronPlatformName}-${arch}`);
  const scratch = mkdtempSync(join(tmpdir(), 'duckdb-binding-'));
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', `${name}@${version}`, '--pack-destination', scratch, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', join(scratch, tarball), '-C', dir, '--strip-components=1']);
  console.log(`  • fetched ${name}@${version} for the ${context.electronPlatformName}-${arch} package`);
}
