// Lint, including the import wall: who may import whom, an allow-list per folder
// (build/lint/rooms.ts; docs/architecture.md, "The wall").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { wallPlugin } from './build/lint/wall.ts';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { wall: wallPlugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      'wall/imports': 'error',
    },
  },
);
