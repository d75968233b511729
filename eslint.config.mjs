// The layering of ARCHITECTURE.md, enforced: arrows only point down.
// renderer -> shared, preload -> shared, main -> shared, engine -> shared,
// cli -> engine and shared.
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

// Nothing a person reads is composed in English in main: a failure, a notice
// or a state line is a catalogue message (msg(code, values)), said by the
// window in its language. TypeScript already refuses a string where a
// MessageRef belongs; this names the mistake when someone reaches for one.
const noSentence =
  'Say it with a catalogue message, msg(code, values) (src/shared/messages): a sentence composed in main is English forever.';
/** `node` (an attribute path) is text: a string, a template, or a concatenation. */
const text = (node) => [
  `[${node}.raw=/^['"]/]`,
  `[${node}.type='TemplateLiteral']`,
  `[${node}.type='BinaryExpression'][${node}.operator='+']`,
];
const englishInMain = [
  ...text('arguments.0').map((t) => `NewExpression[callee.name='EndpointError']${t}`),
  ...text('arguments.1').map((t) => `CallExpression[callee.name='fail']${t}`),
  ...text('arguments.1').map(
    (t) => `CallExpression[callee.property.name=/^(notice|setState)$/]${t}`,
  ),
  ...text('value').map(
    (t) => `Property[key.name=/^(message|error|notice|clamped|cancelled)$/]${t}`,
  ),
].map((selector) => ({ selector, message: noSentence }));

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
  // The command line, at any depth of its folders: the engine and src/shared,
  // nothing else of ours. It starts the browser mode as a child process
  // (src/cli/commands/serve.ts), so it never imports the core, a transport or
  // the services beside them; and no Electron, statically or with import().
  ...[0, 1, 2].map((depth) => ({
    files: [`src/cli/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            up(['renderer', 'preload']),
            // Exactly depth+1 steps up lands in src/: into main only by way of its engine.
            {
              regex: `^(\\.\\./){${depth + 1}}(?:main/(?!engine(?:/|$))|main$|renderer|preload)`,
              message: 'The command line imports only the engine and src/shared.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.value='electron']", message: electron.message },
        {
          // import() of anything of ours: the lint could not follow it, so it is not allowed.
          selector: 'ImportExpression[source.value=/^\\./]',
          message: 'The command line imports statically, so the layering rule can see it.',
        },
      ],
    },
  })),
  {
    // no-restricted-imports does not see import('electron'); the same files alone may.
    files: ['src/**'],
    ignores: [...electronFiles, 'src/preload/**', 'src/cli/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.value='electron']", message: electron.message },
      ],
    },
  },
  {
    files: ['src/main/**'],
    ignores: electronFiles,
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.value='electron']", message: electron.message },
        ...englishInMain,
      ],
    },
  },
  {
    files: electronFiles,
    rules: { 'no-restricted-syntax': ['error', ...englishInMain] },
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
