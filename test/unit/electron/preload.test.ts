import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHANNEL_PREFIX,
  EVENTS_CHANNEL,
  OPERATION_NAMES,
} from '../../../src/shared/contract/operation-names';
import type { EventBatch } from '../../../src/shared/contract';
import { decodeMessage, encodeMessage } from '../../../src/shared/wire/binary-json';
import { inEnglish } from '../../helpers/english';

/**
 * The preload bridge, imported as Electron would run it, with contextBridge
 * recording what is exposed and ipcRenderer a real emitter whose invoke()
 * echoes its arguments. Requests, replies and batches cross as encoded
 * messages (shared/wire), as main sends them.
 */
const bridge = vi.hoisted(() => ({ exposed: [] as Array<[string, unknown]> }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const wire = await import('../../../src/shared/wire/binary-json');
  const ipcRenderer = Object.assign(new Emitter(), {
    invoke: vi.fn(async (channel: string, request: Uint8Array) =>
      wire.encodeMessage({ ok: true, value: { channel, request: wire.decodeMessage(request) } }),
    ),
  });
  return {
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => bridge.exposed.push([key, api])),
    },
    ipcRenderer,
  };
});

const { contextBridge, ipcRenderer } = await import('electron');
// Importing the preload is what exposes the API, exactly as in a window.
await import('../../../src/preload/index');

const emitter = ipcRenderer as unknown as EventEmitter;
const exposedApi = () => bridge.exposed[0]?.[1] as Record<string, unknown>;
type Listener = (batch: EventBatch) => void;
const onEvents = (listener: Listener) =>
  (exposedApi()['onEvents'] as (l: Listener) => () => void)(listener);

beforeEach(() => {
  vi.mocked(ipcRenderer.invoke).mockClear();
});

describe('preload bridge', () => {
  it('exposes exactly one key, "wirebench", once', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(bridge.exposed.map(([key]) => key)).toEqual(['wirebench']);
  });

  it('exposes a frozen object of the operations plus onEvents, all functions, nothing else', () => {
    const api = exposedApi();
    expect(Object.isFrozen(api)).toBe(true);
    expect(Reflect.ownKeys(api).sort()).toEqual([...OPERATION_NAMES, 'onEvents'].sort());
    for (const [key, value] of Object.entries(api)) expect(typeof value, key).toBe('function');
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
    // No Electron object crosses over, not even as a property of a function.
    for (const value of Object.values(api)) {
      expect(value).not.toBe(ipcRenderer);
      expect(Object.keys(value as object)).toEqual([]);
    }
  });

  it('cannot be altered by the page', () => {
    const api = exposedApi();
    expect(() => {
      api['invoke'] = () => null;
    }).toThrow(TypeError);
    expect(Reflect.deleteProperty(api, 'send')).toBe(false);
    expect(api['invoke']).toBeUndefined();
  });

  it('sends each operation on its own channel with the request, returning the reply', async () => {
    const api = exposedApi();
    for (const name of OPERATION_NAMES) {
      const request = { probe: name, bytes: [0, 255], data: Uint8Array.of(1, 2) };
      const reply = await (api[name] as (r: unknown) => Promise<unknown>)(request);
      const [channel, sent] = vi.mocked(ipcRenderer.invoke).mock.lastCall ?? [];
      expect(channel).toBe(`${CHANNEL_PREFIX}${name}`);
      expect(sent).toBeInstanceOf(Uint8Array);
      expect(decodeMessage(sent as Uint8Array)).toEqual(request);
      expect(reply).toEqual({ ok: true, value: { channel: `${CHANNEL_PREFIX}${name}`, request } });
    }
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(OPERATION_NAMES.length);
  });

  it('answers a request JSON cannot carry with a typed error, sending nothing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const reply = inEnglish(
      await (exposedApi()['send'] as (r: unknown) => Promise<unknown>)(cyclic),
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/^Malformed request: /) },
    });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('sends a call made with no request as null (the router reads it as {})', async () => {
    await (exposedApi()['listEndpoints'] as () => Promise<unknown>)();
    const sent = vi.mocked(ipcRenderer.invoke).mock.lastCall?.[1] as Uint8Array;
    expect(decodeMessage(sent)).toBeNull();
  });

  it('listens to nothing until the page subscribes', () => {
    expect(emitter.eventNames()).toEqual([]);
  });
});

describe('onEvents', () => {
  const batch: EventBatch = { seq: 7, events: [] };
  const message = encodeMessage(batch);
  const ipcEvent = { sender: 'the IpcRendererEvent, which must stay in the preload' };

  it('passes only the batch to the listener, never the IPC event', () => {
    const listener = vi.fn();
    const unsubscribe = onEvents(listener);
    emitter.emit(EVENTS_CHANNEL, ipcEvent, message);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([batch]);
    unsubscribe();
  });

  it('returns an unsubscribe function that removes exactly that listener', () => {
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = onEvents(first);
    const unsubscribeSecond = onEvents(second);
    expect(emitter.listenerCount(EVENTS_CHANNEL)).toBe(2);

    unsubscribeFirst();
    expect(emitter.listenerCount(EVENTS_CHANNEL)).toBe(1);
    emitter.emit(EVENTS_CHANNEL, ipcEvent, message);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith(batch);

    unsubscribeSecond();
    expect(emitter.listenerCount(EVENTS_CHANNEL)).toBe(0);
    // A second call is harmless.
    unsubscribeSecond();
    expect(emitter.listenerCount(EVENTS_CHANNEL)).toBe(0);
  });

  it('listens on the events channel only', () => {
    const unsubscribe = onEvents(vi.fn());
    expect(emitter.eventNames()).toEqual([EVENTS_CHANNEL]);
    unsubscribe();
    expect(emitter.eventNames()).toEqual([]);
  });
});
