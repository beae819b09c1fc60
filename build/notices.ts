/**
 * THIRD_PARTY_NOTICES.md from the dependency tree: every package the app ships (package-lock
 * entries that are not dev-only), with its version, licence and licence text.
 * `node build/notices.ts` writes it; `--check` exits 1 when the committed file is out of date.
 * A platform build (a lock entry with `os`/`cpu`, e.g. DuckDB's native library for one OS) is
 * installed only on its platform, so it is listed with the text of the package that depends
 * on it, which it shares: the file then comes out the same on every machine.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry { version: string; license?: string; dev?: boolean; optional?: boolean; os?: string[]; cpu?: string[]; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }

export const NOTICES_FILE = 'THIRD_PARTY_NOTICES.md';
const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt))?$/i;

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

function licenceTexts(root: string, path: string): string[] {
  const dir = join(root, path);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => LICENCE_FILE.test(f)).sort().map((f) => readFileSync(join(dir, f), 'utf8').trim());
}

export function renderNotices(root: string): string {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const shipped = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.dev).sort(([a], [b]) => nameOf(a).localeCompare(nameOf(b)) || a.localeCompare(b));
  const parentOf = (name: string) => shipped.find(([, e]) => e.optionalDependencies && name in e.optionalDependencies)?.[0];
  const sections = shipped.map(([path, entry]) => {
    const platformBuild = entry.os !== undefined || entry.cpu !== undefined;
    const parent = platformBuild ? parentOf(nameOf(path)) : undefined;
    const texts = parent ? licenceTexts(root, parent) : licenceTexts(root, path);
    const source = parent ? `\n(a platform build of ${nameOf(parent)}, under the same licence text)\n` : '';
    const body = texts.length ? texts.map((t) => `\`\`\`\n${t}\n\`\`\``).join('\n\n') : '(the package ships no licence file; see its licence identifier above)';
    return `## ${nameOf(path)} ${entry.version}\n\nLicence: ${entry.license ?? 'not stated'}\n${source}\n${body}\n`;
  });
  return `# Third-party notices\n\nFunding Terminal ships the following packages (generated from package-lock.json by build/notices.ts;\ndo not edit by hand). Electron and Chromium carry their own notices in the installed app\n(LICENSES.chromium.html next to the executable).\n\nAttribution notice of Lightweight Charts (shown under the chart, with the logo link on it):\nTradingView Lightweight Charts™, copyright © TradingView, Inc., https://www.tradingview.com/\n\n${sections.join('\n')}`;
}

if (import.meta.main) {
  const root = join(import.meta.dirname, '..');
  const text = renderNotices(root);
  if (process.argv.includes('--check')) {
    const current = existsSync(join(root, NOTICES_FILE)) ? readFileSync(join(root, NOTICES_FILE), 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${NOTICES_FILE} is out of date with package-lock.json: run "node build/notices.ts"\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(join(root, NOTICES_FILE), text);
    process.stdout.write(`wrote ${NOTICES_FILE}\n`);
  }
}
