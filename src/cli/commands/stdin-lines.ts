import { englishOf } from '../../shared/messages/plain-formats';
import readline from 'node:readline';
import { composePayload } from '../../shared/payload/compose';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { badPayload } from '../cli-errors';
import { errorSentence } from '../messages';
import { composeContext } from '../payload-args';
import type { Terminal } from '../terminal';

/**
 * `connect`'s input: each line typed (or piped) is a payload in the editor's
 * syntax (text with escapes, or hex), composed with the chosen line ending
 * and checksum, and sent. A line with a mistake is said, with its column,
 * and not sent; the session goes on. Lines are sent in order, one at a time.
 */
export function sendStdinLines(options: {
  stdin: NodeJS.ReadableStream;
  template: PayloadSpec;
  send(bytes: Uint8Array): Promise<unknown>;
  terminal: Terminal;
}): Promise<void> {
  const { stdin, template, send, terminal } = options;
  const lines = readline.createInterface({ input: stdin, terminal: false, crlfDelay: Infinity });
  let chain = Promise.resolve();
  let counter = 0;
  lines.on('line', (line) => {
    const spec: PayloadSpec = { ...template, source: line };
    const composed = composePayload(spec, composeContext(counter));
    if (!composed.ok) {
      const first = composed.issues[0];
      terminal.say(
        `Not sent: ${first ? badPayload(spec.mode, first.start + 1, englishOf(first.message)) : 'the line has an error'}`,
      );
      return;
    }
    counter++;
    chain = chain.then(() =>
      send(composed.bytes).then(
        () => undefined,
        (err: unknown) => terminal.say(`Not sent: ${errorSentence(err)}`),
      ),
    );
  });
  return new Promise((resolve) => lines.once('close', () => resolve(chain)));
}
