import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Nothing a person reads is composed in English in main: eslint.config.mjs
 * refuses a string or a template where a catalogue message belongs. These
 * run the project's own config over small sources placed in src/main, so the
 * rule is proven to bite on each way a sentence could creep back, and to let
 * a message through.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: path.join(ROOT, 'src/main/warm-up.ts') });
}, 60_000);

/** The lines of `code` the rule flags, when it lives at `file`. */
async function flagged(file: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  if (!result) throw new Error('ESLint returned no result');
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-syntax' && /catalogue message/.test(m.message))
    .map((m) => m.line);
}

const SENTENCES = [
  "throw new EndpointError('Port 80 is in use', 'system');",
  'throw new EndpointError(`Port ${port} is in use`);',
  "throw new EndpointError('Port ' + port + ' is in use');",
  "return fail('internal', `Wirebench failed to ${op}`);",
  "this.notice('warning', 'The peer went away');",
  "hooks.notice('info', `Joined ${group}`);",
  "this.setState('closed', 'Closed by you');",
  "sink.event({ type: 'notice', level: 'info', endpointId: null, message: 'Hello' });",
  'return { ok: false, error: `bad ${x}` };',
  "return { bytes, cancelled: 'Send cancelled' };",
];

describe('a sentence composed in main is refused', () => {
  it.each(['src/main/engine/tcp/x.ts', 'src/main/core/x.ts', 'src/main/electron/x.ts'])(
    'in %s',
    async (file) => {
      for (const line of SENTENCES) expect(await flagged(file, `${line}\n`), line).toEqual([1]);
    },
  );

  it('a catalogue message, a level, null or a flag passes', async () => {
    const fine = [
      "throw new EndpointError(msg('socket.refused', { where }), 'system');",
      "return fail('internal', msg('request.starting', {}));",
      "this.notice('warning', msg('peer.finished', { where }));",
      "this.setState('closed', msg('state.closed-by-you', {}));",
      'this.setState(this.state, message);',
      "sink.event({ type: 'notice', level: 'info', endpointId: null, message: ref });",
      'return { written, cancelled: true };',
      'return { bytes: asked, clamped: null };',
    ];
    for (const line of fine) {
      expect(await flagged('src/main/engine/x.ts', `${line}\n`), line).toEqual([]);
    }
  });

  it('applies to main only: the renderer and the shared code have their own words', async () => {
    expect(await flagged('src/renderer/x.ts', "this.notice('info', 'hi');\n")).toEqual([]);
  });
});
