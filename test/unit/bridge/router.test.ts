import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SEND_BYTES } from '../../../src/shared/contract';
import { createInMemoryApi, type InMemoryApi } from '../../helpers/in-memory-api';
import { englishOf } from '../../../src/shared/messages/plain-formats';
import { failure, must } from '../../helpers/result';

/**
 * The router on its own, over the in-memory transport pair: whatever a page
 * sends, it gets a typed `{code, message}` back, and nothing malformed
 * reaches the engine.
 */
let bridge: InMemoryApi;
beforeEach(() => {
  bridge = createInMemoryApi();
});
afterEach(() => bridge.close());

async function expectError(op: unknown, payload: unknown, code: string, message: RegExp) {
  const error = await failure(bridge.raw(op, payload));
  expect(error.code).toBe(code);
  const said = englishOf(error.message);
  expect(said).toMatch(message);
  expect(said.length).toBeLessThan(600);
}

const server = { kind: 'tcp-server' as const, host: '127.0.0.1', port: 0 };

describe('router: malformed requests get typed errors', () => {
  it('an unknown operation, whatever its type', async () => {
    await expectError('formatDisk', {}, 'unknown-operation', /Unknown operation "formatDisk"/);
    await expectError(42, {}, 'unknown-operation', /Unknown operation "number"/);
    await expectError({ op: 'send' }, {}, 'unknown-operation', /"object"/);
    await expectError('constructor', {}, 'unknown-operation', /constructor/);
    await expectError('__proto__', {}, 'unknown-operation', /__proto__/);
    // A huge name is cut in the message, not echoed whole.
    await expectError('x'.repeat(1_000_000), {}, 'unknown-operation', /Unknown operation "x{64}"$/);
  });

  it('missing fields', async () => {
    await expectError('openEndpoint', {}, 'invalid-request', /spec/);
    await expectError('openEndpoint', { spec: { kind: 'tcp-server' } }, 'invalid-request', /host/);
    await expectError('send', { endpointId: 'e1' }, 'invalid-request', /data/);
    await expectError('closeEndpoint', null, 'invalid-request', /endpointId/);
  });

  it('wrong types', async () => {
    await expectError(
      'openEndpoint',
      { spec: { ...server, port: '80' } },
      'invalid-request',
      /spec\.port: Invalid input: expected number, received string/,
    );
    await expectError(
      'openEndpoint',
      { spec: { ...server, host: 127 } },
      'invalid-request',
      /spec\.host: Invalid input: expected string, received number/,
    );
    await expectError('openEndpoint', [server], 'invalid-request', /Invalid request/);
    await expectError('openEndpoint', 'tcp-server', 'invalid-request', /Invalid request/);
    await expectError(
      'send',
      { endpointId: 'e1', data: [1, 2, 3] },
      'invalid-request',
      /data: The data must be bytes/,
    );
    await expectError(
      'send',
      { endpointId: 'e1', data: 'hello' },
      'invalid-request',
      /The data must be bytes/,
    );
  });

  it('out-of-range and non-integer ports, unknown kinds', async () => {
    for (const port of [-1, 65536, 70000, 1.5, Number.MAX_SAFE_INTEGER]) {
      await expectError('openEndpoint', { spec: { ...server, port } }, 'invalid-request', /port/);
    }
    await expectError(
      'openEndpoint',
      { spec: { kind: 'tcp-client', host: '127.0.0.1', port: 0 } },
      'invalid-request',
      /spec\.port: The port must be 1–65535/,
    );
    await expectError(
      'openEndpoint',
      { spec: { ...server, kind: 'raw-ethernet' } },
      'invalid-request',
      /spec\.kind: Invalid input/,
    );
  });

  it('huge strings and bad ids are refused with a short message', async () => {
    await expectError(
      'openEndpoint',
      { spec: { ...server, host: 'a'.repeat(5_000_000) } },
      'invalid-request',
      /spec\.host: Too big: expected string to have <=253 characters/,
    );
    await expectError(
      'closeEndpoint',
      { endpointId: 'e'.repeat(100_000) },
      'invalid-request',
      /endpointId: Too big: expected string to have <=64 characters/,
    );
    await expectError(
      'closeEndpoint',
      { endpointId: '../../etc' },
      'invalid-request',
      /characters other than/,
    );
    await expectError(
      'openEndpoint',
      { spec: { ...server, host: 'bad host!' } },
      'invalid-request',
      /host/i,
    );
  });

  it('unexpected fields, including __proto__, are refused and pollute nothing', async () => {
    await expectError(
      'openEndpoint',
      { spec: server, extra: 1 },
      'invalid-request',
      /Unrecognized key: "extra"/,
    );
    const hostile = JSON.parse(
      '{"spec":{"kind":"tcp-server","host":"127.0.0.1","port":0,"__proto__":{"polluted":true}}}',
    );
    await expectError('openEndpoint', hostile, 'invalid-request', /Unrecognized key: "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a payload over 64 MiB is refused before it reaches a socket', async () => {
    await expectError(
      'send',
      { endpointId: 'e1', data: new Uint8Array(MAX_SEND_BYTES + 1) },
      'invalid-request',
      /larger than 64 MiB/,
    );
  });

  it('nothing malformed reached the engine, and valid requests still work afterwards', async () => {
    await bridge.raw('openEndpoint', { spec: { ...server, port: 70000 } });
    await bridge.raw('openEndpoint', { spec: { ...server, host: 5 } });
    expect(await must(bridge.api.listEndpoints({}))).toEqual([]);
    const opened = await must(bridge.api.openEndpoint({ spec: server }));
    expect(opened.state).toBe('listening');
    expect(opened.local?.port).toBeGreaterThan(0);
    expect((await must(bridge.api.listEndpoints({}))).map((e) => e.id)).toEqual([opened.id]);
  });

  it('a well-formed request for something that does not exist is a not-found error', async () => {
    await expectError('closeEndpoint', { endpointId: 'e999' }, 'not-found', /e999|connection/i);
    await expectError('send', { endpointId: 'e999', data: new Uint8Array([1]) }, 'not-found', /./);
  });
});
