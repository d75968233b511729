// The layering of DESIGN.md, enforced: arrows only point down.
// renderer -> shared, preload -> shared, main -> shared, engine -> shared.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const electron = { name: 'electron', message: 'Only main/index.ts, main/window.ts, main/app-protocol.ts, main/transports/electron-*.ts and preload import electron.' };
const electronFiles = ['src/main/index.ts', 'src/main/window.ts', 'src/main/transports/electron-*.ts', 'src/main/app-protocol.ts'];
// Bare names as `paths` (exact module names), so a folder called net/ is not mistaken for Node's.
// Every built-in, not a hand list: fs/promises, dns, events, url, util... are Node too.
const nodeNames = builtinModules;
const nodeBuiltinPaths = nodeNames.map((name) => ({ name, message: 'This layer has no Node.' }));
const nodeScheme = { group: ['node:*'], message: 'This layer has no Node.' };
const up = (layers) => ({ group: layers.map((l) => `**/${l}/**`).concat(layers.map((l) => `**/${l}`)), message: `Arrows point down: this layer may not import ${layers.join(', ')}.` });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results.json', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electron] }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron, ...nodeBuiltinPaths], patterns: [nodeScheme, up(['main', 'renderer', 'preload'])] }] },
  },
  {
    files: ['src/main/engine/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: [up(['renderer', 'preload', 'transports']), { group: ['**/router', '**/index', '**/window'], message: 'The engine knows nothing of the router or Electron.' }, { regex: '^\\.\\./[^.]', message: 'The engine (a flat folder) imports only itself and src/shared, nothing else of src/main.' }] }] },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/engine/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: [up(['renderer', 'preload'])] }] },
  },
  {
    files: electronFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [up(['renderer', 'preload'])] }] },
  },
  {
    // no-restricted-imports does not see import('electron'); the same files alone may.
    files: ['src/**'],
    ignores: [...electronFiles, 'src/preload/**'],
    rules: { 'no-restricted-syntax': ['error', { selector: "ImportExpression[source.value='electron']", message: electron.message }] },
  },
  {
    files: ['src/preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [up(['main', 'renderer'])] }] },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [electron, ...nodeBuiltinPaths], patterns: [nodeScheme, up(['main', 'preload'])] }],
    },
  },
);
