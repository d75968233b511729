/**
 * Runs in a child process (`node jiti-cli.mjs library-list.ts DIR UID`):
 * lists the payload library in DIR as user UID and prints what happened as
 * one JSON line. Root reads every file, so a real EACCES needs another user.
 */
import { LibraryStore } from '../../../src/main/library/library-store';
import { EndpointError } from '../../../src/main/engine/system-errors';
import { englishOf } from '../../../src/shared/messages/plain-formats';

async function main(): Promise<void> {
  const [dir, uid] = process.argv.slice(2);
  if (!dir) throw new Error('usage: library-list.ts DIR [UID]');
  if (uid) {
    process.setgid?.(Number(uid));
    process.setuid?.(Number(uid));
  }
  try {
    const { items, notice } = await new LibraryStore(dir).list();
    console.log(
      JSON.stringify({ ok: true, items: items.length, notice: notice && englishOf(notice) }),
    );
  } catch (err) {
    const message = err instanceof EndpointError ? englishOf(err.ref) : (err as Error).message;
    console.log(JSON.stringify({ ok: false, message }));
  }
}

void main();
