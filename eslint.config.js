import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'net', 'url', 'util'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.electron-native/**', 'drizzle/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Pure rules only: no Node, DOM, Electron or app-process imports (DESIGN §1).
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'react', '**/src-main/**', '**/src-renderer/**', '**/src-preload/**', '**/src-relay/**', 'better-sqlite3', 'drizzle-orm*'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', '**/src-main/**', '**/src-relay/**', '**/src-preload/**', 'better-sqlite3'] }],
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/src-main/**', '**/src-renderer/**', '**/src-relay/**'] }] },
  },
  {
    // The relay is a server of its own: it shares only src-shared with the app (DESIGN §1).
    files: ['src-relay/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**', 'electron', 'better-sqlite3'] }] },
  },
  {
    // Electron is imported only by the thin shell.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['electron', 'electron-store', '**/src-renderer/**', '**/src-preload/**'] }] },
  },
);
