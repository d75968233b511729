import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chunk, EventBatch, Result } from '../../../src/shared/contract';
import type { WirebenchApi } from '../../../src/shared/contract/api';

/**
 * The desktop path end to end, without Electron: the preload's API, the
 * IPC transport and the real router and engine, with every value that
 * crosses between the processes passed through structuredClone (the
 * serializer's rule: a typed array takes its WHOLE underlying buffer along).
 * What arrives is what the desktop app would ship.
 */
type Handler = (event: unknown, request: unknown) => Promise<unknown>;
const wire = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  sender: null as unknown,
  exposed: null as unknown,
  /** Each crossing: what it was, and the bytes of every buffer that arrived with it. */
  crossings: [] as Array<{ what: string; value: unknown; bytes: number }>,
}));

/** structuredClone, counting each distinct ArrayBuffer the clone holds. */
function cross<T>(what: string, value: T): T {
  const clone = structuredClone(value);
  const buffers = new Set<ArrayBufferLike>();
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) buffers.add(v.buffer);
    else if (v instanceof ArrayBuffer) buffers.add(v);
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(x);
  };
  walk(clone);
  let bytes = 0;
  for (const b of buffers) bytes += b.byteLength;
  wire.crossings.push({ what, value: clone, bytes });
  return clone;
}

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcRenderer = Object.assign(new Emitter(), {
    invoke: async (channel: string, request: unknown) => {
      const handler = wire.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const sender = wire.sender as { mainFrame: unknown };
      const reply = await handler(
        { sender, senderFrame: sender.mainFrame },
        cross('request', request),
      );
      return cross('reply', reply);
    },
  });
  return {
    ipcMain: {
      handle: (channel: string, handler: Handler) => wire.handlers.set(channel, handler),
      removeHandler: (channel: string) => wire.handlers.delete(channel),
    },
    ipcRenderer,
    contextBridge: {
      exposeInMainWorld: (_key: string, api: unknown) => (wire.exposed = api),
    },
  };
});

const { ipcRenderer } = await import('electron');
const { registerIpc } = await import('../../../src/main/electron/ipc-transport');
const { appUrlMatcher } = await import('../../../src/main/electron/app-protocol');
const { createBackend } = await import('../../../src/main/core/backend');
await import('../../../src/preload/index');

type Backend = ReturnType<typeof createBackend>;
type Contents = Parameters<ReturnType<typeof registerIpc>['attach']>[0];
const api = (): WirebenchApi => wire.exposed as WirebenchApi;

let backend: Backend;
let ipc: ReturnType<typeof registerIpc>;
beforeEach(() => {
  backend = createBackend({ version: 'test', mode: 'electron' });
  ipc = registerIpc(backend.router, appUrlMatcher('app://wirebench/index.html'));
  // The window: what main sends it crosses the same serializer into the preload.
  const contents = Object.assign(new EventEmitter(), {
    id: 1,
    mainFrame: { url: 'app://wirebench/index.html' },
    isDestroyed: () => false,
    send: (channel: string, message: unknown) =>
      (ipcRenderer as unknown as EventEmitter).emit(channel, {}, cross('events', message)),
  });
  wire.sender = contents;
  ipc.attach(contents as unknown as Contents);
  wire.crossings.length = 0;
});
afterEach(async () => {
  ipc.dispose();
  await backend.dispose();
});

async function must<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** 10,000 one-byte chunks stored in the real capture log (its slabs), as an endpoint records them. */
async function tenThousandChunks(): Promise<{ endpointId: string; stored: Chunk[] }> {
  const endpoint = await must(
    api().openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
  );
  const stored: Chunk[] = [];
  for (let i = 0; i < 10_000; i++) {
    const chunk = backend.engine.log.append({
      endpointId: endpoint.id,
      peerId: 'p1',
      dir: i % 2 ? 'tx' : 'rx',
      time: 1_700_000_000_000_000 + i,
      data: Uint8Array.of(i & 0xff),
    });
    stored.push(chunk);
    backend.router.chunk(chunk);
  }
  return { endpointId: endpoint.id, stored };
}

/** A value's own size: its JSON with each byte field as a number, plus the bytes. */
function ownSize(value: unknown): number {
  let bytes = 0;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) {
      bytes += v.byteLength;
      return v.byteLength;
    }
    return v;
  });
  return json.length + bytes;
}

const plain = (chunks: Chunk[]) => chunks.map((c) => ({ ...c, data: Array.from(c.data) }));

describe('the desktop path carries what the tests carry', () => {
  it('an event batch of 10,000 one-byte chunks crosses at its own size, and the page gets the same events', async () => {
    const received: Chunk[] = [];
    const batches: EventBatch[] = [];
    api().onEvents((batch) => {
      batches.push(batch);
      for (const e of batch.events) if (e.type === 'chunks') received.push(...e.chunks);
      void api().ackEvents({ seq: batch.seq });
    });
    const { stored } = await tenThousandChunks();
    for (let i = 0; i < 500 && received.length < stored.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(plain(received)).toEqual(plain(stored));
    for (const e of batches.flatMap((b) => b.events)) {
      if (e.type === 'chunks') for (const c of e.chunks) expect(c.data).toBeInstanceOf(Uint8Array);
    }
    const events = wire.crossings.filter((c) => c.what === 'events');
    expect(events).toHaveLength(batches.length);
    batches.forEach((batch, i) => {
      const crossing = events[i]!;
      // What crossed is bounded by what the batch holds, not by the slabs it was cut from.
      expect(crossing.bytes, `batch ${batch.seq}`).toBeLessThanOrEqual(2 * ownSize(batch));
    });
    const chunkBatches = batches.filter((b) => b.events.some((e) => e.type === 'chunks'));
    expect(chunkBatches.length).toBeGreaterThan(0);
  });

  it('a readLog result of 10,000 one-byte chunks crosses at its own size, intact', async () => {
    const { endpointId, stored } = await tenThousandChunks();
    wire.crossings.length = 0;
    const read = await must(api().readLog({ endpointId, afterSeq: -1, limit: 10_000 }));
    expect(plain(read.chunks)).toEqual(plain(stored));
    const reply = wire.crossings.find((c) => c.what === 'reply');
    expect(reply).toBeDefined();
    expect(reply!.bytes).toBeLessThanOrEqual(2 * ownSize(read));
  });

  it('requests go as encoded messages; typed errors come back the same way', async () => {
    const bad = await api().openEndpoint({
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 70000 },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const request = wire.crossings.find((c) => c.what === 'request');
    expect(request?.value).toBeInstanceOf(Uint8Array);
    expect(await api().listEndpoints({})).toEqual({ ok: true, value: [] });
  });
});
