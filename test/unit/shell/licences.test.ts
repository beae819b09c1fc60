import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTICES_FILE, renderNotices } from '../../../build/notices.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { license: string; dependencies: Record<string, string> };

describe('licences', () => {
  it('the project has a LICENSE that package.json names', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License\n/);
  });

  it(`${NOTICES_FILE} is the one generated from the lock file now (run "node build/notices.ts" after a dependency change)`, () => {
    expect(readFileSync(NOTICES_FILE, 'utf8')).toBe(renderNotices('.'));
  });

  it('names every shipped dependency with its licence text, and no dev tool', () => {
    const notices = readFileSync(NOTICES_FILE, 'utf8');
    for (const name of Object.keys(pkg.dependencies)) expect(notices).toMatch(new RegExp(`^## ${name.replace('/', '\\/')} `, 'm'));
    expect(notices).toMatch(/## lightweight-charts [\d.]+\n\nLicence: Apache-2\.0\n\n```\n\s*Apache License/);
    expect(notices).not.toMatch(/^## (electron|vite|vitest|eslint|typescript) /m);
  });
});
