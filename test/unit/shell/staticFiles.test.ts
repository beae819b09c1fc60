import { describe, expect, it } from 'vitest';
import { resolveInside } from '../../../electron/host/staticFiles.ts';

describe('serving the renderer build', () => {
  const root = '/opt/terminal/renderer';
  it('serves files inside the build folder, index.html for /', () => {
    expect(resolveInside(root, '/')).toBe('/opt/terminal/renderer/index.html');
    expect(resolveInside(root, '/assets/app.js?v=1')).toBe('/opt/terminal/renderer/assets/app.js');
  });
  it('refuses path traversal, encoded or not, and NUL bytes', () => {
    for (const path of ['/../secrets', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2fvault.json', '/a%00.js', '/%E0%A4%A']) {
      expect(resolveInside(root, path)).toBeNull();
    }
  });
});
