import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering of ARCHITECTURE.md is a lint rule (eslint.config.mjs); these tests
 * run the project's own ESLint config over small sources placed, by name, in
 * each layer, so the rule is proven to bite where it should and only there.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });
const LAYERING_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

// Loading the config and the TypeScript parser takes seconds on a busy machine; do it once.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: path.join(ROOT, 'src/shared/warm-up.ts') });
}, 60_000);

/** The lines of `code` the layering rules flag, when it lives at `file`. */
async function flaggedLines(file: string, code: string): Promise<number[]> {
  const filePath = path.join(ROOT, file);
  expect(await eslint.isPathIgnored(filePath), `${file} is linted`).toBe(false);
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('ESLint returned no result');
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => LAYERING_RULES.has(m.ruleId ?? '')).map((m) => m.line);
}

/** Whether importing `specifier` from `file` breaks the layering. */
async function isForbidden(file: string, specifier: string): Promise<boolean> {
  return (await flaggedLines(file, `import '${specifier}';\n`)).length > 0;
}

describe('electron is imported only by the Electron glue', () => {
  it.each([
    'src/main/engine/x.ts',
    'src/main/engine/engine.ts',
    'src/main/engine/tcp/x.ts',
    'src/main/engine/capture/deeper/x.ts',
    'src/shared/x.ts',
    'src/shared/contract/x.ts',
    'src/renderer/x.ts',
    'src/renderer/app/App.tsx',
    'src/main/foo.ts',
    'src/main/core/router.ts',
    'src/main/core/backend.ts',
    'src/main/core/handlers/x.ts',
    'src/main/browser/websocket-transport.ts',
    'src/main/browser/serve.ts',
    'src/main/library/x.ts',
    'src/cli/x.ts',
    'src/cli/index.ts',
    'src/cli/commands/x.ts',
    'src/cli/automation/deeper/x.ts',
  ])('import "electron" is an error in %s', async (file) => {
    expect(await isForbidden(file, 'electron')).toBe(true);
    expect(await flaggedLines(file, "import type { App } from 'electron';\n")).toEqual([1]);
    expect(await flaggedLines(file, "export { app } from 'electron';\n")).toEqual([1]);
  });

  it.each([
    'src/main/engine/x.ts',
    'src/main/engine/udp/x.ts',
    'src/shared/x.ts',
    'src/renderer/x.ts',
    'src/main/foo.ts',
    'src/main/browser/x.ts',
    'src/cli/x.ts',
    'src/cli/commands/x.ts',
  ])('a dynamic import("electron") is an error in %s', async (file) => {
    const code = "export const load = () => import('electron');\n";
    expect(await flaggedLines(file, code)).toEqual([1]);
  });

  it.each([
    ['src/main/electron/window.ts', '../../renderer/x'],
    ['src/main/electron/index.ts', '../../renderer/x'],
    ['src/main/electron/app-protocol.ts', '../../preload/index'],
    ['src/main/electron/ipc-transport.ts', '../browser/serve'],
    ['src/preload/index.ts', '../main/router'],
  ])('import "electron" is allowed in %s (whose other rules still apply)', async (file, up) => {
    // Line 1 is allowed; line 2 proves the layering config is active for this file.
    const code = `import 'electron';\nimport '${up}';\nexport const l = () => import('electron');\n`;
    expect(await flaggedLines(file, code)).toEqual([2]);
  });
});

describe('shared and renderer have no Node', () => {
  const nodeImports = [
    "import fs from 'node:fs';",
    "import fs from 'fs';",
    "import { readFile } from 'fs/promises';",
    "import { readFile } from 'node:fs/promises';",
    "import net from 'net';",
    "import dns from 'dns';",
    "import { EventEmitter } from 'events';",
    "import { fileURLToPath } from 'url';",
    "import { Buffer } from 'buffer';",
    "import test from 'node:test';",
  ];

  it.each([
    'src/shared/x.ts',
    'src/shared/payload/x.ts',
    'src/renderer/x.ts',
    'src/renderer/x.tsx',
    'src/renderer/store/slices/x.ts',
  ])('every Node import is an error in %s', async (file) => {
    const lines = await flaggedLines(file, nodeImports.join('\n'));
    expect(lines).toEqual(nodeImports.map((_, i) => i + 1));
  });

  it.each([
    'src/main/engine/x.ts',
    'src/main/engine/tls/x.ts',
    'src/main/foo.ts',
    'src/cli/x.ts',
    'src/cli/commands/x.ts',
  ])('Node is fine in %s', async (file) => {
    expect(await flaggedLines(file, nodeImports.join('\n'))).toEqual([]);
  });

  it('a folder of ours named like a Node module is not mistaken for it', async () => {
    expect(await isForbidden('src/shared/x.ts', './net/address')).toBe(false);
    expect(await isForbidden('src/renderer/x.ts', '../shared/net/address')).toBe(false);
  });
});

describe('arrows point down', () => {
  it.each([
    ['src/shared/x.ts', '../main/engine/engine'],
    ['src/shared/contract/x.ts', '../../main/router'],
    ['src/shared/x.ts', '../renderer/store/store'],
    ['src/shared/x.ts', '../preload/index'],
    ['src/renderer/x.ts', '../main/router'],
    ['src/renderer/connections/x.tsx', '../../main/router'],
    ['src/renderer/x.ts', '../preload'],
    ['src/preload/index.ts', '../main/router'],
    ['src/preload/index.ts', '../renderer/api/api-context'],
    ['src/main/engine/x.ts', '../core/router'],
    ['src/main/engine/x.ts', '../core/handlers/handler-types'],
    ['src/main/engine/x.ts', '../library/library-store'],
    ['src/main/engine/x.ts', '../electron/ipc-transport'],
    ['src/main/engine/x.ts', '../../renderer/x'],
    ['src/main/engine/tcp/x.ts', '../../core/router'],
    ['src/main/engine/tcp/x.ts', '../../payload/file-registry'],
    ['src/main/engine/tcp/x.ts', '../../browser/serve'],
    ['src/main/engine/capture/deeper/x.ts', '../../../core/event-batcher'],
    ['src/main/engine/tcp/x.ts', '../../../renderer/x'],
    ['src/main/core/router.ts', '../../renderer/x'],
    ['src/main/core/router.ts', '../electron/window'],
    ['src/main/core/router.ts', '../browser/browser-server'],
    ['src/main/library/x.ts', '../electron/window'],
    ['src/main/browser/serve.ts', '../electron/window'],
    ['src/main/core/handlers/x.ts', '../../../preload/index'],
    ['src/renderer/store/x.ts', '../log/LogPanel'],
    ['src/renderer/store/x.ts', '../app/App'],
    ['src/renderer/store/x.ts', '../editor/SendBox'],
    ['src/renderer/store/x.ts', '../library/library-actions'],
    ['src/renderer/store/slices/x.ts', '../../connections/actions'],
    ['src/renderer/store/slices/x.ts', '../../../main/core/router'],
    ['src/main/engine/x.ts', '../../cli/index'],
    ['src/main/engine/tcp/x.ts', '../../../cli/session/cli-session'],
    ['src/main/core/router.ts', '../../cli/index'],
    ['src/main/browser/serve.ts', '../../cli/commands/serve'],
    // The command line: the engine and shared only, at any depth.
    ['src/cli/x.ts', '../main/core/router'],
    ['src/cli/x.ts', '../main/core/backend'],
    ['src/cli/x.ts', '../main/browser/serve'],
    ['src/cli/x.ts', '../main/electron/window'],
    ['src/cli/x.ts', '../main/library/library-store'],
    ['src/cli/x.ts', '../main/payload/compose-in-main'],
    ['src/cli/x.ts', '../main'],
    ['src/cli/x.ts', '../renderer/store/store'],
    ['src/cli/x.ts', '../preload/index'],
    ['src/cli/commands/x.ts', '../../main/core/handlers/index'],
    ['src/cli/commands/x.ts', '../../main/browser/browser-server'],
    ['src/cli/commands/x.ts', '../../renderer/log/LogPanel'],
    ['src/cli/automation/deeper/x.ts', '../../../main/core/router'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await isForbidden(file, specifier)).toBe(true);
  });

  it.each([
    ['src/main/engine/x.ts', './endpoint'],
    ['src/main/engine/x.ts', './tcp/tcp-server'],
    ['src/main/engine/x.ts', '../../shared/contract'],
    ['src/main/engine/tcp/x.ts', '../endpoint'],
    ['src/main/engine/tcp/x.ts', '../udp/udp-peers'],
    ['src/main/engine/tcp/x.ts', '../../../shared/contract'],
    ['src/main/engine/capture/deeper/x.ts', '../../clock'],
    ['src/main/engine/capture/deeper/x.ts', '../../../../shared/contract'],
    ['src/main/core/router.ts', '../engine/engine'],
    ['src/main/core/handlers/x.ts', '../../engine/engine'],
    ['src/main/core/handlers/x.ts', '../../../shared/contract'],
    ['src/main/browser/serve.ts', '../core/backend'],
    ['src/main/electron/index.ts', '../core/backend'],
    ['src/renderer/x.ts', '../shared/contract'],
    ['src/renderer/store/x.ts', '../../shared/bytes/hexdump'],
    ['src/renderer/store/slices/x.ts', '../log-pages/page-cache'],
    ['src/renderer/log/x.ts', '../store/store'],
    ['src/preload/index.ts', '../shared/contract/operation-names'],
    ['src/shared/x.ts', './contract'],
    ['src/cli/x.ts', '../main/engine/engine'],
    ['src/cli/x.ts', '../shared/contract'],
    ['src/cli/x.ts', './commands/all'],
    ['src/cli/commands/x.ts', '../../main/engine/automation/sequence-runner'],
    ['src/cli/commands/x.ts', '../../shared/payload/compose'],
    ['src/cli/commands/x.ts', '../session/cli-session'],
    ['src/cli/automation/deeper/x.ts', '../../../main/engine/engine'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await isForbidden(file, specifier)).toBe(false);
  });
});

describe('the command line starts the browser mode, never imports it', () => {
  it.each([
    ['src/cli/x.ts', '../main/browser/serve'],
    ['src/cli/commands/x.ts', '../../main/core/backend'],
    ['src/cli/commands/x.ts', '../../main/engine/engine'],
  ])('a dynamic import() of ours is an error in %s (%s)', async (file, specifier) => {
    const code = `export const load = () => import('${specifier}');\n`;
    expect(await flaggedLines(file, code)).toEqual([1]);
  });
});

describe('the real tree', () => {
  it('has no layering violation anywhere in src/', { timeout: 120_000 }, async () => {
    const results = await eslint.lintFiles(['src/']);
    const linted = results.map((r) => path.relative(ROOT, r.filePath).split(path.sep).join('/'));
    // Every layer was linted, not silently ignored.
    for (const file of [
      'src/main/electron/window.ts',
      'src/main/engine/engine.ts',
      'src/main/engine/tcp/tcp-server.ts',
      'src/main/core/router.ts',
      'src/main/browser/serve.ts',
      'src/preload/index.ts',
      'src/shared/contract/operation-names.ts',
      'src/cli/index.ts',
      'src/cli/commands/serve.ts',
    ]) {
      expect(linted).toContain(file);
    }
    expect(linted.some((f) => f.startsWith('src/renderer/'))).toBe(true);
    const violations = results.flatMap((r) =>
      r.messages
        .filter((m) => m.fatal || LAYERING_RULES.has(m.ruleId ?? ''))
        .map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(violations).toEqual([]);
  });
});
