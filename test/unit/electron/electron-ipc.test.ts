import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHANNEL_PREFIX,
  EVENTS_CHANNEL,
  OPERATION_NAMES,
} from '../../../src/shared/contract/operation-names';
import type { EventBatch } from '../../../src/shared/contract';
import { decodeMessage, encodeMessage } from '../../../src/shared/wire/binary-json';
import { MAX_REQUEST_MESSAGE_BYTES } from '../../../src/shared/wire/limits';
import { inEnglish } from '../../helpers/english';

/**
 * The Electron transport with ipcMain replaced by a table of handlers: each
 * test plays the part of Electron, invoking a channel with a sender and a
 * frame, and checks what reaches the router.
 */
type Invoke = (event: unknown, payload: unknown) => Promise<unknown>;
const ipc = vi.hoisted(() => ({ handlers: new Map<string, Invoke>() }));

vi.mock('electron', () => ({
  ipcMain: {
    handle: vi.fn((channel: string, handler: Invoke) => {
      if (ipc.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipc.handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => ipc.handlers.delete(channel)),
    on: vi.fn(),
  },
}));

const { ipcMain } = await import('electron');
const { registerIpc } = await import('../../../src/main/electron/ipc-transport');
const { appUrlMatcher } = await import('../../../src/main/electron/app-protocol');

type Router = Parameters<typeof registerIpc>[0];
type Contents = Parameters<ReturnType<typeof registerIpc>['attach']>[0];
const isAppUrl = appUrlMatcher('app://wirebench/index.html');

/** A router that records requests and hands out subscriptions it can inspect. */
function stubRouter() {
  const subscriptions: Array<{
    deliver: (batch: EventBatch) => void;
    ack: ReturnType<typeof vi.fn>;
    dispose: ReturnType<typeof vi.fn>;
  }> = [];
  const router = {
    handle: vi.fn(async (operation: string, payload: unknown) => ({
      ok: true,
      value: { operation, payload },
    })),
    subscribe: vi.fn((deliver: (batch: EventBatch) => void) => {
      const s = { deliver, ack: vi.fn(), dispose: vi.fn() };
      subscriptions.push(s);
      return s;
    }),
  };
  return { router, subscriptions, asRouter: router as unknown as Router };
}

let nextId = 1;
/** A window's web contents: a main frame showing `url`, events, a send() that records. */
function fakeContents(url = 'app://wirebench/index.html') {
  let destroyed = false;
  const contents = Object.assign(new EventEmitter(), {
    id: nextId++,
    mainFrame: { url },
    send: vi.fn(),
    isDestroyed: () => destroyed,
    destroy() {
      destroyed = true;
      contents.emit('destroyed');
    },
  });
  return contents;
}

/** The IPC registered over a stub router, with one of our windows attached. */
function attachedWindow() {
  const stub = stubRouter();
  const { attach } = registerIpc(stub.asRouter, isAppUrl);
  const window = fakeContents();
  attach(window as unknown as Contents);
  return { ...stub, attach, window };
}
type Fake = ReturnType<typeof fakeContents>;

/**
 * Invokes an operation as the preload does (the request encoded, the reply
 * decoded), with sender and senderFrame from `from`.
 */
async function invoke(name: string, payload: unknown, from: Fake, frame: unknown = from.mainFrame) {
  return inEnglish(decodeMessage(await invokeRaw(name, encodeMessage(payload), from, frame)));
}

/** Invokes with whatever a (hostile) renderer puts on the channel; the reply must be a message. */
async function invokeRaw(
  name: string,
  request: unknown,
  from: Fake,
  frame: unknown = from.mainFrame,
): Promise<Uint8Array> {
  const handler = ipc.handlers.get(`${CHANNEL_PREFIX}${name}`);
  if (!handler) throw new Error(`no handler for ${name}`);
  const reply = await handler({ sender: from, senderFrame: frame }, request);
  expect(reply).toBeInstanceOf(Uint8Array);
  return reply as Uint8Array;
}

/** The batches a window was sent, decoded as the preload decodes them. */
const sentBatches = (window: Fake): unknown[] =>
  window.send.mock.calls.map(([channel, message]) => {
    expect(channel).toBe(EVENTS_CHANNEL);
    expect(message).toBeInstanceOf(Uint8Array);
    return decodeMessage(message as Uint8Array);
  });

const refused = {
  ok: false,
  error: { code: 'invalid-request', message: expect.stringMatching(/Wirebench window/) },
};
const batch: EventBatch = { seq: 1, events: [] };

/** A received chunk carrying `data`, in a batch of its own. */
const chunkOf = (data: Uint8Array) =>
  ({ seq: 0, endpointId: 'e1', peerId: 'p1', dir: 'rx', time: 1, data }) as const;
const batchOf = (chunk: ReturnType<typeof chunkOf>): EventBatch => ({
  seq: 1,
  events: [{ type: 'chunks', chunks: [chunk] }],
});

beforeEach(() => {
  vi.clearAllMocks();
  ipc.handlers.clear();
});

describe('registerIpc', () => {
  it('registers exactly one handler per operation under the prefix, and nothing else', () => {
    const { dispose } = registerIpc(stubRouter().asRouter, isAppUrl);
    const channels = vi.mocked(ipcMain.handle).mock.calls.map(([channel]) => channel);
    expect(channels).toEqual(OPERATION_NAMES.map((name) => `${CHANNEL_PREFIX}${name}`));
    expect(new Set(channels).size).toBe(OPERATION_NAMES.length);
    expect(ipcMain.on).not.toHaveBeenCalled();
    expect(channels).not.toContain(EVENTS_CHANNEL);
    dispose();
  });

  it('routes a request from the main frame of an attached app window, payload intact', async () => {
    const { router, subscriptions, window } = attachedWindow();
    const payload = { kind: 'tcp-server', host: '127.0.0.1', port: 0 };
    const result = await invoke('openEndpoint', payload, window);
    expect(result).toEqual({ ok: true, value: { operation: 'openEndpoint', payload } });
    expect(router.handle).toHaveBeenCalledExactlyOnceWith(
      'openEndpoint',
      payload,
      subscriptions[0],
    );
  });

  it('routes every operation to the router under its own name', async () => {
    const { router, window } = attachedWindow();
    for (const name of OPERATION_NAMES) await invoke(name, { probe: name }, window);
    expect(router.handle.mock.calls.map(([op, payload]) => [op, payload])).toEqual(
      OPERATION_NAMES.map((name) => [name, { probe: name }]),
    );
  });

  it('answers a request that is not an encoded message with a typed error, without calling the router', async () => {
    const { router, window } = attachedWindow();
    for (const request of [
      { kind: 'tcp-server' },
      'text',
      null,
      undefined,
      new Uint8Array([0, 0]),
      new Uint8Array([0, 0, 0, 1, 0x7b]),
    ]) {
      const reply = inEnglish(decodeMessage(await invokeRaw('openEndpoint', request, window)));
      expect(reply, String(request)).toEqual({
        ok: false,
        error: { code: 'invalid-request', message: expect.stringMatching(/^Malformed request: /) },
      });
    }
    expect(router.handle).not.toHaveBeenCalled();
  });

  it('refuses a request message larger than any request may be, before decoding it', async () => {
    const { router, window } = attachedWindow();
    const huge = new Uint8Array(MAX_REQUEST_MESSAGE_BYTES + 1);
    const reply = inEnglish(decodeMessage(await invokeRaw('send', huge, window)));
    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/more than a request may/) },
    });
    expect(router.handle).not.toHaveBeenCalled();
  });

  it('refuses a web contents that was never attached, without calling the router', async () => {
    const { router, asRouter } = stubRouter();
    const { attach } = registerIpc(asRouter, isAppUrl);
    attach(fakeContents() as unknown as Contents);
    const stranger = fakeContents(); // same URL, but not a window we made
    expect(await invoke('listEndpoints', {}, stranger)).toEqual(refused);
    expect(router.handle).not.toHaveBeenCalled();
  });

  it('refuses a subframe of our own window, even one showing our URL', async () => {
    const { router, window } = attachedWindow();
    const subframe = { url: 'app://wirebench/index.html' };
    expect(await invoke('send', { data: 'x' }, window, subframe)).toEqual(refused);
    expect(await invoke('send', { data: 'x' }, window, null)).toEqual(refused);
    expect(router.handle).not.toHaveBeenCalled();
  });

  it('refuses our window once its main frame shows a foreign origin', async () => {
    const { router, asRouter } = stubRouter();
    const { attach } = registerIpc(asRouter, isAppUrl);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'data:text/html,x',
      'about:blank',
      'app://evil/index.html',
    ]) {
      const window = fakeContents(url);
      attach(window as unknown as Contents);
      expect(await invoke('appInfo', {}, window), url).toEqual(refused);
    }
    expect(router.handle).not.toHaveBeenCalled();
  });

  it('refuses a window after it is destroyed', async () => {
    const { router, subscriptions, window } = attachedWindow();
    window.destroy();
    expect(subscriptions[0]?.dispose).toHaveBeenCalledTimes(1);
    expect(await invoke('appInfo', {}, window)).toEqual(refused);
    expect(router.handle).not.toHaveBeenCalled();
  });
});

describe('attach: the event stream of a window', () => {
  it('subscribes once and sends each batch on the events channel', () => {
    const { router, subscriptions, window } = attachedWindow();
    expect(router.subscribe).toHaveBeenCalledTimes(1);
    subscriptions[0]?.deliver(batch);
    expect(sentBatches(window)).toEqual([batch]);
  });

  it('sends each batch as one encoded message that owns exactly its bytes', () => {
    const { subscriptions, window } = attachedWindow();
    const slab = new Uint8Array(4 * 1024 * 1024);
    slab.set([1, 2, 3], 100);
    const chunk = chunkOf(slab.subarray(100, 103));
    subscriptions[0]?.deliver(batchOf(chunk));
    const message = window.send.mock.calls[0]?.[1] as Uint8Array;
    expect(message.buffer.byteLength).toBe(message.byteLength);
    expect(message.byteLength).toBeLessThan(300);
    expect(sentBatches(window)).toEqual([
      {
        seq: 1,
        events: [{ type: 'chunks', chunks: [{ ...chunk, data: Uint8Array.of(1, 2, 3) }] }],
      },
    ]);
  });

  it('starts a fresh stream on a main-frame cross-document navigation (a reload)', async () => {
    const { router, subscriptions, window } = attachedWindow();
    window.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(router.subscribe).toHaveBeenCalledTimes(2);
    expect(subscriptions[0]?.dispose).toHaveBeenCalledTimes(1);
    expect(subscriptions[1]?.dispose).not.toHaveBeenCalled();
    // Requests now carry the new subscription (so acks go to the live stream).
    await invoke('ackEvents', { seq: 1 }, window);
    expect(router.handle).toHaveBeenCalledExactlyOnceWith(
      'ackEvents',
      { seq: 1 },
      subscriptions[1],
    );
  });

  it('keeps the stream on same-document and subframe navigations', () => {
    const { router, subscriptions, window } = attachedWindow();
    window.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    window.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(router.subscribe).toHaveBeenCalledTimes(1);
    expect(subscriptions[0]?.dispose).not.toHaveBeenCalled();
  });

  it('disposes the stream on destroyed and sends nothing to a destroyed window', () => {
    const { subscriptions, window } = attachedWindow();
    window.destroy();
    expect(subscriptions[0]?.dispose).toHaveBeenCalledTimes(1);
    // A batch already in flight when the window went away is dropped, not sent.
    subscriptions[0]?.deliver(batch);
    expect(window.send).not.toHaveBeenCalled();
  });

  it('keeps two windows apart: each gets its own stream', async () => {
    const { router, subscriptions, asRouter } = stubRouter();
    const { attach } = registerIpc(asRouter, isAppUrl);
    const a = fakeContents();
    const b = fakeContents();
    attach(a as unknown as Contents);
    attach(b as unknown as Contents);
    subscriptions[1]?.deliver(batch);
    expect(a.send).not.toHaveBeenCalled();
    expect(sentBatches(b)).toEqual([batch]);
    await invoke('appInfo', {}, a);
    expect(router.handle).toHaveBeenLastCalledWith('appInfo', {}, subscriptions[0]);
  });
});

describe('bytes handed to Electron', () => {
  /** A chunk as the capture log keeps it: a view into a shared 4 MiB slab. */
  const slabView = (): Uint8Array => {
    const slab = new Uint8Array(new SharedArrayBuffer(4 * 1024 * 1024));
    slab.set([1, 2, 3], 100);
    return slab.subarray(100, 103);
  };
  const compact = (b: unknown): boolean =>
    b instanceof Uint8Array &&
    !(b.buffer instanceof SharedArrayBuffer) &&
    b.byteOffset === 0 &&
    b.buffer.byteLength === b.byteLength;

  it('cross as one encoded message that owns its bytes, never a view of a shared slab', () => {
    const { subscriptions, window } = attachedWindow();
    const chunk = chunkOf(slabView());
    subscriptions[0]?.deliver(batchOf(chunk));
    const sent = window.send.mock.calls[0]?.[1] as Uint8Array;
    // Electron's serializer refuses SharedArrayBuffers; structuredClone applies its rules.
    expect(compact(structuredClone(sent))).toBe(true);
    const event = (decodeMessage(sent) as EventBatch).events[0];
    const data = event?.type === 'chunks' ? event.chunks[0]?.data : undefined;
    expect([...(data ?? [])]).toEqual([1, 2, 3]);
    // The log's own chunk is untouched.
    expect(chunk.data.buffer instanceof SharedArrayBuffer).toBe(true);
  });

  it('results cross as one encoded message that owns its bytes', async () => {
    const { router, asRouter } = stubRouter();
    router.handle.mockResolvedValueOnce({
      ok: true,
      value: { bytes: slabView(), rows: [{ n: 1 }] },
    } as never);
    const { attach } = registerIpc(asRouter, isAppUrl);
    const window = fakeContents();
    attach(window as unknown as Contents);
    const raw = await invokeRaw('logRows', encodeMessage({}), window);
    expect(compact(structuredClone(raw))).toBe(true);
    const result = decodeMessage(raw as Uint8Array) as { value: { bytes: Uint8Array } };
    expect([...result.value.bytes]).toEqual([1, 2, 3]);
  });
});

describe('dispose', () => {
  it('removes every handler it registered and disposes every stream', () => {
    const { subscriptions, asRouter } = stubRouter();
    const { attach, dispose } = registerIpc(asRouter, isAppUrl);
    attach(fakeContents() as unknown as Contents);
    attach(fakeContents() as unknown as Contents);
    dispose();
    expect(ipc.handlers.size).toBe(0);
    expect(
      vi
        .mocked(ipcMain.removeHandler)
        .mock.calls.map(([c]) => c)
        .sort(),
    ).toEqual(OPERATION_NAMES.map((name) => `${CHANNEL_PREFIX}${name}`).sort());
    for (const s of subscriptions) expect(s.dispose).toHaveBeenCalledTimes(1);
  });

  it('lets a fresh registration take the channels again', () => {
    registerIpc(stubRouter().asRouter, isAppUrl).dispose();
    expect(() => registerIpc(stubRouter().asRouter, isAppUrl)).not.toThrow();
    expect(ipc.handlers.size).toBe(OPERATION_NAMES.length);
  });
});
