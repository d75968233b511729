import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/core/backend';
import type { BackendServices } from '../../../src/main/core/handlers/handler-types';
import { LIBRARY_FILE, LibraryStore } from '../../../src/main/library/library-store';
import { PayloadFileRegistry } from '../../../src/main/payload/file-registry';
import type { MessageRef, Result } from '../../../src/shared/contract';
import { connectPeer } from '../../helpers/node-peers';
import { provokes, refusedWith } from '../../helpers/provoke';
import { eventually } from '../../helpers/peers';
import { must } from '../../helpers/result';

/**
 * Every message about the capture log, captures to disk, find in the log,
 * the payload library's file and the files a payload sends, provoked for
 * real (real files, real sockets) and said with the UI in 简体中文. A full
 * disk and a disk that falls behind are said in Chinese where they are
 * provoked (capture-full-disk.test.ts, capture-file.test.ts).
 */
const ROOT = path.resolve(__dirname, '../../..');
const JITI = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');
const work = mkdtempSync(path.join(os.tmpdir(), 'wirebench-zh-'));
const backends: Backend[] = [];
afterAll(async () => {
  await Promise.all(backends.splice(0).map((b) => b.dispose()));
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
/** A backend of its own: its services, and a folder for its files. */
function backend(
  services: Omit<BackendServices, 'version' | 'mode'> = {},
  options: Parameters<typeof createBackend>[1] = {},
) {
  const dir = path.join(work, `b${n++}`);
  mkdirSync(dir, { recursive: true });
  const b = createBackend(
    { version: 't', mode: 'browser', ...services },
    { dataDir: dir, ...options },
  );
  backends.push(b);
  const call = <T = unknown>(op: string, payload: unknown) =>
    b.router.handle(op, payload) as Promise<Result<T>>;
  return { b, dir, call };
}

/** A TCP server that got `text` from a peer: what search and capture look at. */
async function serverWith(call: ReturnType<typeof backend>['call'], text: string) {
  const server = await must(
    call<{ id: string; local: { port: number } }>('openEndpoint', {
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
    }),
  );
  const peer = await connectPeer(server.local.port);
  peer.socket.write(text);
  return { id: server.id, peer };
}

/** A TCP server whose one peer sent a byte and left: its id. */
async function serverPeerLeft(call: ReturnType<typeof backend>['call']): Promise<string> {
  const { id, peer } = await serverWith(call, 'x');
  peer.socket.destroy();
  return id;
}

describe('the capture log and captures to disk', () => {
  provokes('capture.budget-clamped', async () => {
    const { call } = backend({}, { totalMemoryBytes: 8 * 1024 ** 3 });
    const status = await must(call<{ clamped?: never }>('setLogBudget', { bytes: 16 * 1024 ** 3 }));
    return status.clamped;
  });
  provokes('capture.nothing-to-stop', async () => {
    const { call } = backend();
    return refusedWith(call('stopCapture', { endpointId: await serverPeerLeft(call) }));
  });
  // Where captures go is a file, not a folder: no capture file can be made in it (ENOTDIR).
  provokes('capture.create-failed', async () => {
    const capturesDir = path.join(work, 'captures-is-a-file');
    writeFileSync(capturesDir, '');
    const { call } = backend({}, { capturesDir });
    return refusedWith(call('startCapture', { endpointId: await serverPeerLeft(call) }));
  });
  // The command line names its capture file (--capture): one in a folder that does not exist.
  const namedCaptureRefused = async (): Promise<MessageRef | undefined> => {
    const { b, call } = backend();
    const id = await serverPeerLeft(call);
    try {
      b.engine.captures.start(id, path.join(work, 'no-such-folder', 'run.pcapng'));
      return undefined;
    } catch (err) {
      return (err as { ref?: MessageRef }).ref;
    }
  };
  provokes('capture.open-failed', namedCaptureRefused);
  provokes('fs.no-folder', namedCaptureRefused);
  // A file size limit (ulimit -f, 1 MiB) under a capture fed 4 MiB: the kernel says EFBIG.
  provokes(
    'capture.write-failed',
    async () => {
      const dir = path.join(work, 'size-limit');
      mkdirSync(dir);
      const child = path.join(ROOT, 'test/helpers/children/capture-size-limit.ts');
      const run = spawnSync(
        'sh',
        ['-c', 'ulimit -f 1024 && exec "$@"', 'sh', process.execPath, JITI, child, dir],
        { encoding: 'utf8', timeout: 60_000 },
      );
      const line = /^RESULT (.*)$/m.exec(run.stdout)?.[1];
      if (!line) throw new Error(`The child did not report (exit ${run.status}): ${run.stderr}`);
      const result = JSON.parse(line) as { status?: { error?: MessageRef }; crashed?: string };
      if (result.crashed) throw new Error(result.crashed);
      expect(JSON.stringify(result.status?.error)).toContain('EFBIG');
      return result.status?.error;
    },
    60_000,
  );
});

describe('find in the log', () => {
  let call: ReturnType<typeof backend>['call'];
  let id: string;
  beforeAll(async () => {
    ({ call } = backend());
    const s = await serverWith(call, 'hello\r\n');
    id = s.id;
  });
  const search = (pattern: Record<string, unknown>) =>
    refusedWith(call('startLogSearch', { endpointId: id, pattern }));

  provokes('search.bad-hex', () => search({ kind: 'hex', text: '0d 0' }));
  provokes('search.unencodable', () => search({ kind: 'text', text: 'é', encoding: 'ascii' }));
  provokes('search.bad-regex', () => search({ kind: 'regex', text: '(' }));
  provokes('search.empty-pattern', () => search({ kind: 'hex', text: ' , ' }));
  provokes('search.no-such-scan', () =>
    refusedWith(call('readLogSearch', { scanId: 's9999', anchor: { tail: true } })),
  );

  // A regular expression that backtracks for ever, which nobody cancels: stopped at the limit of a job.
  const runaway = async (): Promise<MessageRef | undefined> => {
    const { call: runawayCall } = backend({}, { scanJobLimitMs: 1000 });
    const s = await serverWith(runawayCall, `${'a'.repeat(40)}!`);
    try {
      await eventually(async () => {
        const count = await must(
          runawayCall<{ lastSeq: number }>('logRowCount', { endpointId: s.id }),
        );
        return count.lastSeq >= 0;
      }, 'the bytes logged');
      const scan = await must(
        runawayCall<{ scanId: string }>('startLogSearch', {
          endpointId: s.id,
          pattern: { kind: 'regex', text: '(a+)+(?=b)' },
        }),
      );
      type Read = { status: { state: string; error?: MessageRef } };
      const read = () =>
        must(runawayCall<Read>('readLogSearch', { scanId: scan.scanId, anchor: { tail: true } }));
      await eventually(async () => (await read()).status.state !== 'running', 'the search stopped');
      return (await read()).status.error;
    } finally {
      s.peer.socket.destroy();
    }
  };
  provokes('search.stopped', runaway);
  provokes('search.runaway-stopped', runaway);
});

describe('the payload library', () => {
  const libraryIn = (dir: string, now?: () => number) => new LibraryStore(dir, now);
  const listed = async (library: LibraryStore) => {
    const { call } = backend({ library });
    const r = await call<{ notice: never }>('listLibrary', {});
    return r.ok ? r.value.notice : r.error.message;
  };

  /** What listing says of a library whose file (in folder `name`) holds `content`. */
  const listedFrom = (name: string, content: string) => {
    const dir = path.join(work, name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, LIBRARY_FILE), content);
    return listed(libraryIn(dir));
  };
  /** What listing says of a library where a folder stands in place of its file. */
  const listedOverFolder = (name: string) => {
    const dir = path.join(work, name);
    mkdirSync(path.join(dir, LIBRARY_FILE), { recursive: true });
    return listed(libraryIn(dir));
  };

  provokes('library.set-aside', () => listedFrom('lib-garbage', '{"version": 1, "items": ['));
  provokes('library.not-json', () => listedFrom('lib-not-json', 'not json at all'));
  provokes('library.not-a-library', () => listedFrom('lib-other', '{"version": 99, "items": []}'));
  provokes('library.stuck', async () => {
    // The name the bad file would be kept under is taken by a folder that is not empty.
    const dir = path.join(work, 'lib-stuck');
    mkdirSync(dir);
    writeFileSync(path.join(dir, LIBRARY_FILE), 'garbage');
    const now = 1_700_000_000_000_000;
    const stamp = new Date(now / 1000).toISOString().replace(/[:.]/g, '-');
    mkdirSync(path.join(dir, `payload-library.corrupt-${stamp}.json`, 'x'), { recursive: true });
    return listed(libraryIn(dir, () => now));
  });
  provokes('library.unreadable', () => listedOverFolder('lib-folder'));
  provokes('fs.is-folder', () => listedOverFolder('lib-folder-2'));
  provokes('fs.other', async () => {
    // The library's folder is a file: reading the library in it fails with ENOTDIR.
    const dir = path.join(work, 'lib-in-a-file');
    writeFileSync(dir, '');
    return listed(libraryIn(dir));
  });
  provokes('library.save-failed', async () => {
    // Where the library writes its temporary file there is a folder.
    const dir = path.join(work, 'lib-no-save');
    mkdirSync(path.join(dir, `${LIBRARY_FILE}.${process.pid}.tmp`), { recursive: true });
    const { call } = backend({ library: libraryIn(dir) });
    return refusedWith(
      call('saveLibraryItem', { name: 'poll', spec: { mode: 'hex', source: '01' } }),
    );
  });
  provokes('library.import-invalid', async () => {
    const { call } = backend({ library: libraryIn(path.join(work, 'lib-import')) });
    return refusedWith(call('importLibrary', { json: '[1, 2, 3]' }));
  });
  provokes('library.no-payload', async () => {
    const { call } = backend({ library: libraryIn(path.join(work, 'lib-none')) });
    return refusedWith(call('renameLibraryItem', { id: 'nope', name: 'x' }));
  });
  provokes(
    'library.full',
    async () => {
      const { call } = backend({ library: libraryIn(path.join(work, 'lib-full')) });
      const item = {
        id: 'i',
        name: 'poll',
        spec: { mode: 'hex', source: '01' },
        createdAt: 1,
        updatedAt: 1,
      };
      const items = Array.from({ length: 10_000 }, (_, i) => ({ ...item, id: `i${i}` }));
      await must(call('importLibrary', { json: JSON.stringify({ version: 1, items }) }));
      return refusedWith(
        call('saveLibraryItem', { name: 'one more', spec: { mode: 'hex', source: '01' } }),
      );
    },
    60_000,
  );
  provokes('library.unavailable', () => refusedWith(backend().call('listLibrary', {})));
});

describe('files a payload sends', () => {
  const files = () => ({ payloadFiles: new PayloadFileRegistry() });
  const hexOf = (source: string) => ({ spec: { mode: 'hex', source } });

  provokes('payload-file.unavailable', () =>
    refusedWith(backend().call('registerPayloadFile', { name: 'a', data: new Uint8Array(1) })),
  );
  provokes('payload-file.no-dialog', () =>
    refusedWith(backend(files()).call('pickPayloadFile', {})),
  );
  provokes('payload-file.not-a-file', () =>
    refusedWith(backend({ ...files(), chooseFile: async () => work }).call('pickPayloadFile', {})),
  );
  /** Why a payload naming a picked file fails once `change` did something to that file. */
  const pickedThenChanged = async (name: string, change: (file: string) => void) => {
    const file = path.join(work, name);
    writeFileSync(file, Buffer.from([1, 2, 3]));
    const { call } = backend({ ...files(), chooseFile: async () => file });
    const picked = await must(call<{ id: string }>('pickPayloadFile', {}));
    change(file);
    return refusedWith(call('previewPayload', hexOf(`{{file:${picked.id}}}`)));
  };
  provokes('payload-file.read-failed', () => pickedThenChanged('firmware-gone.bin', rmSync));
  // Chosen as a file; by the time it is sent, a folder stands at its path.
  provokes('payload-file.not-a-file-any-more', () =>
    pickedThenChanged('firmware-now-a-folder.bin', (file) => {
      rmSync(file);
      mkdirSync(file);
    }),
  );
  provokes('payload-file.too-big', async () => {
    const file = path.join(work, 'huge.img');
    writeFileSync(file, '');
    truncateSync(file, 64 * 1024 * 1024 + 1); // sparse: nothing written
    return refusedWith(
      backend({ ...files(), chooseFile: async () => file }).call('pickPayloadFile', {}),
    );
  });
  provokes('payload-file.all-too-big', async () => {
    // One 40 MiB file named twice in a payload: 80 MiB together, refused before it is read.
    const file = path.join(work, 'half.img');
    writeFileSync(file, '');
    truncateSync(file, 40 * 1024 * 1024);
    const registry = new PayloadFileRegistry();
    const chosen = await registry.addPath(file);
    return registry.load([chosen.id, chosen.id]).then(
      () => null,
      (err: { ref?: MessageRef }) => err.ref,
    );
  });
  /** Why Send refuses the hex `source`. */
  const sendRefusal = async (source: string) => {
    const { call } = backend();
    return refusedWith(
      call('sendPayload', { endpointId: await serverPeerLeft(call), ...hexOf(source) }),
    );
  };
  provokes('payload.not-sent', () => sendRefusal('0G'));
  provokes('payload.not-sent-more', () => sendRefusal('0G 0H'));
});
