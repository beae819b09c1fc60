// Lint, including the layering rule: who may import whom (docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'net', 'http', 'https', 'url', 'stream'];
const restrict = (groups, message) => ({ group: groups, message });

/** One entry per layer: the import patterns that layer must never use. */
const layers = [
  {
    files: ['shared/**/*.{ts,tsx}'],
    patterns: [
      restrict(NODE, 'shared/ is pure: no Node built-ins.'),
      restrict(['electron', 'react', 'react-dom', 'ccxt', '@duckdb/*', 'zustand', 'ws'], 'shared/ is pure: no platform or UI libraries.'),
      restrict(['**/electron/**', '**/renderer/**', '**/test/**'], 'shared/ imports nothing outside shared/.'),
    ],
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts', 'electron/simulator/**/*.ts'],
    patterns: [
      restrict(['electron'], 'only electron/main and electron/preload may import electron: the backend must run under plain Node.'),
      restrict(['**/renderer/**', '**/main/**', '**/preload/**'], 'the backend does not reach into the shell or the renderer.'),
    ],
  },
  {
    files: ['electron/engine/**/*.ts'],
    patterns: [
      restrict(NODE, 'engine modules are pure: data and time are arguments (only worker.ts touches node:worker_threads).'),
      restrict(['electron', 'ccxt', '@duckdb/*', 'ws'], 'the engine is pure computation: no I/O libraries (ccxt stays in main).'),
      restrict(['**/backend/**', '**/main/**', '**/renderer/**', '**/simulator/**', '**/host/**'], 'the engine imports only shared/.'),
    ],
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    patterns: [
      restrict(NODE, 'the renderer is sandboxed: no Node built-ins.'),
      restrict(['electron', 'ccxt', '@duckdb/*', 'ws'], 'the renderer reaches the backend only through window.terminal.'),
      restrict(['**/electron/**', '**/test/**'], 'the renderer imports only shared/ and browser libraries.'),
    ],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  ...layers.map(({ files, patterns }) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } })),
  {
    files: ['electron/engine/worker.ts', 'electron/engine/*Worker.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: layers[2].patterns.filter((p) => !p.group.includes('node:*')) }],
    },
  },
);
