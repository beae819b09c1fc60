import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * One client, two transports (docs/architecture.md, "The contract"): the renderer's side reaches
 * main only through `createClient` (shared/ipc/client.ts), over Electron's IPC in the preload or
 * the host's WebSocket in renderer/bridge/wsBridge.ts. A second transport, a file of the preload
 * or the renderer that opens its own link to main, fails here.
 */
const LINKS = ['ipcRenderer', 'WebSocket', 'fetch', 'EventSource', 'XMLHttpRequest', 'sendBeacon', 'exposeInMainWorld'];
const TRANSPORTS: Record<string, string[]> = {
  'electron/preload/index.ts': ['ipcRenderer', 'exposeInMainWorld'],
  'renderer/bridge/wsBridge.ts': ['WebSocket'],
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The identifiers a file's code uses (comments and strings are not code). */
function identifiers(file: string): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

describe('one contract client', () => {
  it('only the preload and the WebSocket bridge open a link to main, and both go through createClient', () => {
    const used = ['electron/preload', 'renderer'].flatMap(files).flatMap((file) => {
      const names = identifiers(file);
      const links = LINKS.filter((link) => names.has(link));
      return links.length ? [{ file, links, client: names.has('createClient') }] : [];
    });
    expect(used).toEqual(Object.entries(TRANSPORTS).map(([file, links]) => ({ file, links, client: true })));
  });
});
