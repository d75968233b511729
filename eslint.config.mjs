// The layering of ARCHITECTURE.md, enforced: arrows only point down.
// renderer -> shared, preload -> shared, main -> shared, engine -> shared.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const electron = {
  name: 'electron',
  message: 'Only src/main/electron/ and src/preload/ import electron.',
};
const electronFiles = ['src/main/electron/**'];
// Bare names as `paths` (exact module names), so a folder called net/ is not mistaken for Node's.
// Every built-in, not a hand list: fs/promises, dns, events, url, util... are Node too.
const nodeNames = builtinModules;
const nodeBuiltinPaths = nodeNames.map((name) => ({ name, message: 'This layer has no Node.' }));
const nodeScheme = { group: ['node:*'], message: 'This layer has no Node.' };
// A relative import that reaches into one of these layers' folders (never a package of the same name, such as electron).
const up = (layers) => ({
  regex: `^\\.{1,2}/(?:.*/)?(?:${layers.join('|')})(?:/|$)`,
  message: `Arrows point down: this layer may not import ${layers.join(', ')}.`,
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results.json', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [electron] }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...nodeBuiltinPaths],
          patterns: [nodeScheme, up(['main', 'renderer', 'preload'])],
        },
      ],
    },
  },
  // The engine, at any depth of its folders: no Electron, no transports, no
  // core; a relative import may climb out of it only into src/shared.
  ...[0, 1, 2, 3].map((depth) => ({
    files: [`src/main/engine/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            up(['renderer', 'preload', 'electron', 'browser', 'core', 'cli']),
            // Exactly depth+1 steps up lands in src/main: a sibling of the engine.
            {
              regex: `^(\\.\\./){${depth + 1}}(?!\\.\\./)`,
              message: 'The engine imports only itself and src/shared, nothing else of src/main.',
            },
          ],
        },
      ],
    },
  })),
  {
    // The core (router, batcher, handlers) and the services beside it serve
    // both transports, so they know neither.
    files: ['src/main/**'],
    ignores: ['src/main/engine/**', 'src/main/electron/**', 'src/main/browser/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [up(['renderer', 'preload', 'electron', 'browser', 'cli'])],
        },
      ],
    },
  },
  {
    files: ['src/main/browser/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron], patterns: [up(['renderer', 'preload', 'electron', 'cli'])] },
      ],
    },
  },
  {
    files: electronFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [up(['renderer', 'preload', 'browser', 'cli'])] },
      ],
    },
  },
  {
    // no-restricted-imports does not see import('electron'); the same files alone may.
    files: ['src/**'],
    ignores: [...electronFiles, 'src/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.value='electron']", message: electron.message },
      ],
    },
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
      'no-restricted-imports': [
        'error',
        { paths: [electron, ...nodeBuiltinPaths], patterns: [nodeScheme, up(['main', 'preload'])] },
      ],
    },
  },
  // The store lies beneath the feature folders: they import it, it knows none
  // of them. Exactly depth+1 steps up from a store file is src/renderer.
  ...[0, 1, 2].map((depth) => ({
    files: [`src/renderer/store/${'*/'.repeat(depth)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...nodeBuiltinPaths],
          patterns: [
            nodeScheme,
            up(['main', 'preload']),
            {
              regex: `^(\\.\\./){${depth + 1}}(?:app|automation|connections|editor|log|library|ui)(?:/|$)`,
              message: 'The store imports no feature folder; the feature folders import the store.',
            },
          ],
        },
      ],
    },
  })),
);
