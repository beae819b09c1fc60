import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * Types come from the contract's schemas (`z.infer`), never mirrored by hand
 * (docs/architecture.md, "The contract"). A hand-written interface or object type whose fields
 * are exactly those of an object schema in shared/domain or shared/ipc is a copy that drifts
 * when the schema changes: this finds it. Field names are compared, not their types, so a copy
 * is caught even after it has drifted in a type.
 */
const PRODUCT = ['shared', 'electron', 'renderer'];
const SCHEMA_FILES = ['shared/ipc/contract.ts', ...readdirSync('shared/domain').filter((f) => f.endsWith('.ts')).map((f) => `shared/domain/${f}`)];
/** Below this many fields a shape is too common to say it copies a schema ({ from, to }). */
const MIN_FIELDS = 3;
/** It parses every product file and imports every schema module: seconds quiet, over 20 s on a loaded 2-core machine. */
const WHOLE_PRODUCT_TIMEOUT_MS = 120_000;

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: unknown): Def | null => ((schema as { _zod?: { def?: Def } })?._zod?.def ?? null);

/** Every object shape inside a schema, as its sorted field names, with where it was found. */
function objectShapes(schema: unknown, where: string, out: Map<string, string>, seen = new Set<unknown>()): void {
  const def = defOf(schema);
  if (!def || seen.has(schema)) return;
  seen.add(schema);
  const walk = (inner: unknown, at = where) => objectShapes(inner, at, out, seen);
  if (schema instanceof z.ZodObject) {
    const keys = Object.keys(schema.shape);
    if (keys.length >= MIN_FIELDS) {
      const key = keys.sort().join(',');
      if (!out.has(key)) out.set(key, where);
    }
    for (const [name, field] of Object.entries(schema.shape)) walk(field, `${where}.${name}`);
    return;
  }
  for (const field of ['innerType', 'element', 'valueType', 'in', 'out', 'left', 'right']) if (def[field]) walk(def[field]);
  for (const field of ['options', 'items']) if (Array.isArray(def[field])) (def[field] as unknown[]).forEach((inner) => walk(inner));
}

async function schemaShapes(): Promise<Map<string, string>> {
  const shapes = new Map<string, string>();
  for (const file of SCHEMA_FILES) {
    const module = (await import(/* @vite-ignore */ join(process.cwd(), file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (defOf(value)) objectShapes(value, `${file}: ${name}`, shapes);
      else if (name === 'requests' || name === 'streams') {
        for (const [message, entry] of Object.entries(value as Record<string, unknown>)) {
          const parts = defOf(entry) ? { payload: entry } : (entry as Record<string, unknown>);
          for (const [part, schema] of Object.entries(parts)) objectShapes(schema, `${file}: ${name}['${message}'].${part}`, shapes);
        }
      }
    }
  }
  return shapes;
}

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Hand-written object types: interfaces that extend nothing, and type aliases of a type literal. */
function handWrittenTypes(file: string): Array<{ name: string; fields: string[] }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Array<{ name: string; fields: string[] }> = [];
  const fieldsOf = (members: ts.NodeArray<ts.TypeElement>) => members.filter(ts.isPropertySignature).map((m) => m.name.getText(source));
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && !node.heritageClauses) found.push({ name: node.name.text, fields: fieldsOf(node.members) });
    if (ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type)) found.push({ name: node.name.text, fields: fieldsOf(node.type.members) });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('types come from the schemas', () => {
  it('no hand-written type in the product repeats the fields of a contract or domain schema', async () => {
    const shapes = await schemaShapes();
    expect(shapes.size).toBeGreaterThan(50);
    const copies = PRODUCT.flatMap(productFiles).flatMap((file) =>
      handWrittenTypes(file)
        .filter((type) => type.fields.length >= MIN_FIELDS && shapes.has([...type.fields].sort().join(',')))
        .map((type) => `${file}: ${type.name} repeats ${shapes.get([...type.fields].sort().join(','))}`));
    expect(copies).toEqual([]);
  }, WHOLE_PRODUCT_TIMEOUT_MS);
});
