import { fstatSync } from 'node:fs';

/**
 * Where the command line writes: data on stdout and nothing else there;
 * every message for a person on stderr, one line each.
 *
 * Writes to a file or a terminal are synchronous. Node writes to a pipe
 * asynchronously (queued in memory when the reader is slow), so a pipe is
 * made blocking: a slow reader of stdout then slows the process down, and
 * with it the reading of sockets: TCP's own flow control, end to end, as
 * with socat. Where that cannot be done, at most MAX_PENDING_BYTES wait in
 * memory; past that, data is not printed but counted, and the summary says
 * how much.
 */

export const MAX_PENDING_BYTES = 64 * 1024 * 1024;

export interface Terminal {
  /**
   * Data for stdout: the bytes, dumps or JSON lines a script reads. Bytes
   * must stay as they are until written: see `writesAtOnce`.
   */
  data(text: string | Uint8Array): void;
  /**
   * Whether a write is done when data() returns (a file anywhere; a pipe or
   * a terminal on Linux), so bytes that will change later (a view of the
   * capture log's reused slabs) need no copy.
   */
  readonly writesAtOnce: boolean;
  /** A message for a person, on stderr. */
  say(line: string): void;
  /** Output not printed because stdout was too far behind. */
  readonly skipped: { writes: number; bytes: number };
  /** Resolves once everything written has left the process. */
  flush(): Promise<void>;
}

/** `onOutputGone`: stdout's reader went away (`| head`), so the command should stop. */
export function processTerminal(onOutputGone: () => void): Terminal {
  const skipped = { writes: 0, bytes: 0 };
  const out = process.stdout;
  const err = process.stderr;
  // A reader that went away (`| head`) is not an error of ours: stop writing and
  // end cleanly, as a pipeline expects (Node ignores the SIGPIPE that ends socat).
  let outGone = false;
  out.on('error', () => {
    if (outGone) return;
    outGone = true;
    onOutputGone();
  });
  err.on('error', () => undefined);
  let isFile = false;
  try {
    isFile = fstatSync(1).isFile();
  } catch {
    // No stdout to look at: treat it as one that may wait.
  }
  const blocking = isFile || (out.isTTY && process.platform !== 'win32') || makeBlocking(out);
  return {
    writesAtOnce: blocking,
    data(text) {
      if (outGone) return;
      if (out.writableLength > MAX_PENDING_BYTES) {
        skipped.writes++;
        skipped.bytes += typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength;
        return;
      }
      out.write(text);
    },
    say(line) {
      err.write(`${line}\n`);
    },
    skipped,
    flush: () =>
      Promise.all(
        [out, err].map(
          (stream) =>
            new Promise<void>((resolve) => {
              if (stream.writableLength === 0 || stream.destroyed) resolve();
              else stream.write('', () => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}

/**
 * Makes a pipe (or socket) on stdout blocking, as Node makes a terminal:
 * through the handle's own setBlocking, which Node does not expose otherwise.
 */
function makeBlocking(stream: NodeJS.WriteStream): boolean {
  const handle = (stream as unknown as { _handle?: { setBlocking?(on: boolean): number } })._handle;
  if (typeof handle?.setBlocking !== 'function') return false;
  return handle.setBlocking(true) === 0;
}
