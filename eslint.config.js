import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import earshot from './eslint-renderer-layers.js';

import { builtinModules } from 'node:module';

// Exact names (not gitignore-style patterns, which would also match a local '../db/events').
const nodeAndElectron = [
  { name: 'electron', message: 'Only src-main/electron/ may import electron.' },
  ...builtinModules.map((name) => ({ name, message: 'No Node imports here: this code runs in the browser or in both processes.' })),
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'tests/bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-main/**/*.ts', 'tests/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  // Boundaries (DESIGN.md "Shape"): the renderer reaches main only through src-main/shared.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeAndElectron,
          patterns: [
            { regex: 'src-main/(?!shared/)', message: 'The renderer imports only src-main/shared; talk to main through the bridge.' },
            { group: ['node:*'], message: 'The renderer runs sandboxed: no Node imports.' },
          ],
        },
      ],
    },
  },
  // Renderer layers (lib < db < state < features < app): the rule is in eslint-renderer-layers.js (no exceptions).
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { earshot },
    rules: { 'earshot/renderer-layers': 'error' },
  },
  // shared/ is imported by both sides: no Node, Electron, DOM or other src-main imports.
  {
    files: ['src-main/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Imports from outside shared/ are caught by tests/unit/boundaries.test.ts.
          paths: nodeAndElectron,
          patterns: [{ group: ['node:*'], message: 'shared/ runs in both processes: no Node imports.' }],
        },
      ],
    },
  },
  // The core never imports electron; only src-main/electron does (keeps browser mode and tests honest).
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }] },
      ],
    },
  },
);
