import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'stream', 'zlib', 'url', 'events', 'util', 'worker_threads'];

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
          patterns: [
            { regex: 'src-main/(?!shared/)', message: 'The renderer imports only src-main/shared; talk to main through the bridge.' },
            { group: ['electron', 'node:*', ...nodeBuiltins], message: 'The renderer runs sandboxed: no Node or Electron imports.' },
          ],
        },
      ],
    },
  },
  // shared/ is imported by both sides: no Node, Electron, DOM or other src-main imports.
  {
    files: ['src-main/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*', ...nodeBuiltins], message: 'shared/ runs in both processes: no Node or Electron imports.' },
            { regex: '^\\.\\./', message: 'shared/ imports only from shared/.' },
          ],
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
