/**
 * Runs in a child process (`node jiti-cli.mjs library-list.ts DIR [UID] [exhaust]`):
 * lists the payload library in DIR as user UID and prints what happened as
 * one JSON line. Root reads every file, so a real EACCES needs another user.
 * With `exhaust` every file descriptor is taken first (run it under a small
 * `ulimit -n`): the library meets EMFILE.
 */
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LibraryStore } from '../../../src/main/library/library-store';
import { EndpointError, fileFailure } from '../../../src/main/engine/system-errors';
import { englishOf } from '../../../src/shared/messages/plain-formats';

async function main(): Promise<void> {
  const [dir, uid, exhaust] = process.argv.slice(2);
  if (!dir) throw new Error('usage: library-list.ts DIR [UID]');
  if (uid) {
    process.setgid?.(Number(uid));
    process.setuid?.(Number(uid));
  }
  const store = new LibraryStore(dir);
  if (exhaust) {
    // Every module a listing needs is loaded first: loading one needs a descriptor too.
    const warm = mkdtempSync(path.join(os.tmpdir(), 'wirebench-warm-'));
    writeFileSync(path.join(warm, 'payload-library.json'), '{"version": 1, "items": []}');
    englishOf(
      (await new LibraryStore(warm).list()).notice ?? fileFailure({ code: 'EMFILE' } as never),
    );
    try {
      for (;;) openSync('/dev/null', 'r');
    } catch {
      // The table is full.
    }
  }
  try {
    const { items, notice } = await store.list();
    console.log(
      JSON.stringify({ ok: true, items: items.length, notice: notice && englishOf(notice) }),
    );
  } catch (err) {
    const ref = err instanceof EndpointError ? err.ref : null;
    const message = ref ? englishOf(ref) : (err as Error).message;
    console.log(JSON.stringify({ ok: false, message, ref }));
  }
}

void main();
