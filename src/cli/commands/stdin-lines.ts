import { englishOf } from '../../shared/messages/plain-formats';
import { composePayload } from '../../shared/payload/compose';
import { MAX_SOURCE_CHARS, type PayloadSpec } from '../../shared/payload/payload-spec';
import { badPayload, lineTooLong } from '../cli-errors';
import { errorSentence } from '../messages';
import { composeContext } from '../payload-args';
import type { Terminal } from '../terminal';
import { BoundedLines } from './bounded-lines';

/**
 * `connect`'s input: each line typed (or piped) is a payload in the editor's
 * syntax (text with escapes, or hex), composed with the chosen line ending
 * and checksum, and sent. A line with a mistake is said, with its column,
 * and not sent; the session goes on.
 *
 * Lines are sent in order, one at a time, and stdin is read no further
 * until the line before went to the kernel: a peer that reads slowly holds
 * the input back, so memory stays bounded however much is piped in. A line
 * longer than the editor holds is said and skipped, never buffered whole.
 * Reading stops when `stop` aborts (Ctrl+C, the connection over).
 */
export async function sendStdinLines(options: {
  stdin: NodeJS.ReadableStream;
  template: PayloadSpec;
  send(bytes: Uint8Array): Promise<unknown>;
  terminal: Terminal;
  stop: AbortSignal;
}): Promise<void> {
  const { stdin, template, send, terminal, stop } = options;
  const lines = new BoundedLines(MAX_SOURCE_CHARS);
  let counter = 0;
  let number = 0;
  const sendLine = async (line: string | null): Promise<boolean> => {
    number++;
    if (line === null) {
      terminal.say(`Not sent: ${lineTooLong(number, MAX_SOURCE_CHARS)}`);
      return true;
    }
    const spec: PayloadSpec = { ...template, source: line };
    const composed = composePayload(spec, composeContext(counter));
    if (!composed.ok) {
      const first = composed.issues[0];
      terminal.say(
        `Not sent: ${first ? badPayload(spec.mode, first.start + 1, englishOf(first.message)) : 'the line has an error'}`,
      );
      return true;
    }
    counter++;
    try {
      await send(composed.bytes);
      return true;
    } catch (err) {
      // The connection is gone (or going): say it once, read no more.
      if (!stop.aborted) terminal.say(`Not sent: ${errorSentence(err)}`);
      return false;
    }
  };
  const iterator = (stdin as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  // The next chunk, or 'stopped'; the listener goes with each turn (a Promise.race
  // against one long-lived promise would keep every chunk it ever raced alive).
  const nextOrStop = (): Promise<IteratorResult<Buffer | string> | 'stopped'> =>
    new Promise((resolve, reject) => {
      if (stop.aborted) return resolve('stopped');
      const onStop = (): void => resolve('stopped');
      stop.addEventListener('abort', onStop, { once: true });
      iterator.next().then(
        (next) => {
          stop.removeEventListener('abort', onStop);
          resolve(next);
        },
        (err: unknown) => {
          stop.removeEventListener('abort', onStop);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  try {
    for (;;) {
      const next = await nextOrStop();
      if (next === 'stopped') return;
      const items = next.done
        ? lines.end()
        : lines.push(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
      for (const line of items) if (stop.aborted || !(await sendLine(line))) return;
      if (next.done) return;
    }
  } finally {
    void iterator.return?.();
  }
}
