// The import wall as an ESLint rule: each file's folder must be a room in rooms.ts, and each
// import must land in a room (or package) that room allows (docs/architecture.md, "The wall").
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rule } from 'eslint';
import { rooms, typesOnly } from './rooms.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILTINS = new Set(builtinModules);
const deepRooms = Object.keys(rooms).filter((room) => room.endsWith('/**'));

/** The room a folder (relative to the project root, posix) belongs to, or null when none lists it. */
export function roomOf(folder: string): string | null {
  if (folder === '' || folder === '.') return rooms['.'] ? '.' : null;
  if (Object.hasOwn(rooms, folder) && !folder.endsWith('/**')) return folder;
  return deepRooms.find((room) => {
    const base = room.slice(0, -3);
    return folder === base || folder.startsWith(`${base}/`);
  }) ?? null;
}

const wildcard = (pattern: string): RegExp => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
const matches = (patterns: string[], name: string): boolean => patterns.some((p) => wildcard(p).test(name));

function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.split('/')[0];
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** What a file may import: its room's allowances and any its own file entry adds. */
function allowances(room: string, file: string): { may: string[]; packages: string[] } {
  const own = Object.entries(rooms[room].files ?? {}).filter(([pattern]) => wildcard(pattern).test(file)).map(([, more]) => more);
  return {
    may: [...rooms[room].may, ...own.flatMap((more) => more.may ?? [])],
    packages: [...rooms[room].packages, ...own.flatMap((more) => more.packages ?? [])],
  };
}

function checkImport(context: Rule.RuleContext, node: Rule.Node, specifier: string, file: string, room: string, typeOnly: boolean): void {
  const { may, packages } = allowances(room, file);
  if (specifier.startsWith('.')) {
    const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier)).split(path.sep).join('/');
    const targetRoom = roomOf(path.posix.dirname(target));
    if (targetRoom === room || may.includes('**') || may.includes(target) || (targetRoom !== null && may.includes(targetRoom))) return;
    context.report({ node, message: `${room} may not import ${targetRoom ?? target} (${specifier}): the wall in build/lint/rooms.ts does not allow it` });
    return;
  }
  const name = packageName(specifier);
  if (BUILTINS.has(name)) {
    context.report({ node, message: `import Node's built-ins as node:${name}, so the wall can tell them from packages` });
    return;
  }
  if (!matches(packages, name)) context.report({ node, message: `${room} may not import the package ${name}: the wall in build/lint/rooms.ts does not allow it` });
  else if (Object.hasOwn(typesOnly, name) && !typeOnly && PRODUCT.test(file)) {
    context.report({ node, message: `the product imports ${name} as types only: ${typesOnly[name]}` });
  }
}

const PRODUCT = /^(electron|shared|renderer)\//;

type ImportNode = Rule.Node & { source?: { value?: unknown } | null; importKind?: string; exportKind?: string };

const importsRule: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'who may import whom: an allow-list per folder' }, schema: [] },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    if (file.startsWith('..')) return {};
    const room = roomOf(path.posix.dirname(file));
    if (room === null) {
      return { Program(node) { context.report({ node, message: `the folder ${path.posix.dirname(file)} is not in the wall: list it in build/lint/rooms.ts with what it may import` }); } };
    }
    const check = (node: ImportNode) => {
      const source = node.source;
      const typeOnly = node.importKind === 'type' || node.exportKind === 'type';
      if (source && typeof source.value === 'string') checkImport(context, source as Rule.Node, source.value, file, room, typeOnly);
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export const wallPlugin = { rules: { imports: importsRule } };
